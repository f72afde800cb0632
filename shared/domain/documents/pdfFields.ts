/**
 * Where the PDF builder put the parts of an official document that are filled in after the head
 * has signed: the number and the date (ND30: the văn thư adds them at issue, in an incremental
 * update, so the head's signature stays valid) and the signature image, which the seal overlaps.
 * Boxes are in PDF points with the origin at the bottom-left corner of the page; `page` counts
 * from 0.
 */
export interface PdfBox {
  page: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PdfFieldLayout {
  /** The whole "Số:      /BC-SKHCN" line of the header, as drawn in the draft. */
  numberLine: PdfBox;
  /** The whole "Bắc Ninh, ngày     tháng     năm 2026" line, as drawn in the draft. */
  dateLine: PdfBox;
  /** Font size (pt) of each of those lines, to write the issued text at the same size. */
  numberSize: number;
  dateSize: number;
  /**
   * The space between the signer's title and name, where the head's signature image goes (and the
   * seal, overlapping about a third of it on the left).
   */
  signature: PdfBox;
  /** First page of each appendix issued in the same file, for the văn thư's mark when separate. */
  appendixPages: number[];
}
