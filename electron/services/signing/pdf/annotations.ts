import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFRef,
  PDFString,
  beginText,
  concatTransformationMatrix,
  drawObject,
  endText,
  fill,
  moveText,
  popGraphicsState,
  pushGraphicsState,
  rectangle,
  setFillingRgbColor,
  setFontAndSize,
  showText,
  type PDFFont,
  type PDFImage,
  type PDFOperator,
  type PDFPage,
} from '@cantoo/pdf-lib';
import { pdfDate } from './pdfDates.ts';

/**
 * What the văn thư adds after the head's signature goes in as annotations, each with its own
 * appearance stream, and never as new page content. A later change to a signed page's content is
 * what PDF validators (Acrobat among them, ISO 32000-1 12.8.2.2 and PAdES' modification rules) flag
 * as altering the signed document, while adding annotations is an allowed change; our own verifier
 * (verify/pdfChanges.ts) applies the same rule. The appearance is fixed (it does not depend on the
 * viewer regenerating it), printed (/F Print) and locked against moving or deleting.
 */

/** Annotation flags (ISO 32000-1, 12.5.3): Print | ReadOnly | Locked. */
const FLAGS = 4 | 64 | 128;

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface TextLine {
  text: string;
  font: PDFFont;
  size: number;
  /** Baseline start, in page coordinates. */
  x: number;
  y: number;
}

function register(doc: PDFDocument, page: PDFPage, annot: Record<string, unknown>): PDFRef {
  const ref = doc.context.register(doc.context.obj(annot as never));
  // Not page.node.addAnnot: it "normalizes" the page first, wrapping its content streams in q/Q,
  // which is a change to the signed page content. Only /Annots may change.
  const snapshot = doc.context.snapshot;
  const existing = page.node.get(PDFName.of('Annots'));
  const array = existing ? doc.context.lookup(existing) : undefined;
  if (array instanceof PDFArray) {
    array.push(ref);
    if (existing instanceof PDFRef) snapshot?.markRefForSave(existing);
  } else {
    page.node.set(PDFName.of('Annots'), doc.context.obj([ref]));
  }
  // An incremental save writes only the objects marked as changed.
  snapshot?.markRefForSave(page.ref);
  return ref;
}

function rectArray(r: Rect) {
  return [r.x, r.y, r.x + r.width, r.y + r.height];
}

function union(a: Rect, b: Rect): Rect {
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return {
    x,
    y,
    width: Math.max(a.x + a.width, b.x + b.width) - x,
    height: Math.max(a.y + a.height, b.y + b.height) - y,
  };
}

/**
 * A FreeText annotation drawing `lines`, after first painting `cover` white (the blank draft line
 * it replaces). `name` (/NM) lets later steps find it.
 */
export function addTextAnnotation(
  doc: PDFDocument,
  page: PDFPage,
  options: { name: string; lines: TextLine[]; cover?: Rect; at: Date; extent: Rect },
): PDFRef {
  const rect = options.cover ? union(options.extent, options.cover) : options.extent;
  const ops: PDFOperator[] = [];
  const fonts: Record<string, PDFRef> = {};
  if (options.cover) {
    const c = options.cover;
    ops.push(
      pushGraphicsState(),
      setFillingRgbColor(1, 1, 1),
      rectangle(c.x - rect.x, c.y - rect.y, c.width, c.height),
      fill(),
      popGraphicsState(),
    );
  }
  options.lines.forEach((line, i) => {
    const key = `F${i}`;
    fonts[key] = line.font.ref;
    ops.push(
      beginText(),
      setFillingRgbColor(0, 0, 0),
      setFontAndSize(key, line.size),
      moveText(line.x - rect.x, line.y - rect.y),
      showText(line.font.encodeText(line.text)),
      endText(),
    );
  });
  const appearance = doc.context.register(
    doc.context.formXObject(ops, { BBox: [0, 0, rect.width, rect.height], Resources: { Font: fonts } }),
  );
  const text = options.lines.map((l) => l.text).join('\n');
  return register(doc, page, {
    Type: 'Annot',
    Subtype: 'FreeText',
    Rect: rectArray(rect),
    Contents: PDFHexString.fromText(text),
    NM: PDFString.of(options.name),
    M: PDFString.of(pdfDate(options.at)),
    DA: PDFString.of(`/Helv ${options.lines[0]?.size ?? 12} Tf 0 g`),
    F: FLAGS,
    Border: [0, 0, 0],
    P: page.ref,
    AP: { N: appearance },
  });
}

/** A Stamp annotation showing `image` over `rect` (the signature image, the seal). */
export function addImageAnnotation(
  doc: PDFDocument,
  page: PDFPage,
  options: { name: string; image: PDFImage; rect: Rect; at: Date; contents: string },
): PDFRef {
  const { rect } = options;
  const appearance = doc.context.register(
    doc.context.formXObject(
      [
        pushGraphicsState(),
        concatTransformationMatrix(rect.width, 0, 0, rect.height, 0, 0),
        drawObject('Im0'),
        popGraphicsState(),
      ],
      { BBox: [0, 0, rect.width, rect.height], Resources: { XObject: { Im0: options.image.ref } } },
    ),
  );
  return register(doc, page, {
    Type: 'Annot',
    Subtype: 'Stamp',
    Rect: rectArray(rect),
    Contents: PDFHexString.fromText(options.contents),
    NM: PDFString.of(options.name),
    M: PDFString.of(pdfDate(options.at)),
    F: FLAGS,
    P: page.ref,
    AP: { N: appearance },
  });
}

/** The Rect of the annotation named `name` (/NM) on `page`, if there is one. */
export function findAnnotationRect(doc: PDFDocument, page: PDFPage, name: string): Rect | null {
  const annots = page.node.Annots();
  if (!annots) return null;
  for (let i = 0; i < annots.size(); i++) {
    const annot = doc.context.lookup(annots.get(i));
    if (!(annot instanceof PDFDict)) continue;
    const nm = annot.get(PDFName.of('NM'));
    if (!(nm instanceof PDFString || nm instanceof PDFHexString) || nm.decodeText() !== name) continue;
    const rect = annot.lookup(PDFName.of('Rect'));
    if (rect instanceof PDFArray && rect.size() === 4) return rect.asRectangle();
  }
  return null;
}
