import { numberCode, type ExchangeDocument } from '../../../shared/domain/documents/exchange.ts';
import { agencyFileTag, fileName, reportFileStem } from '../../../shared/domain/documents/fileNames.ts';
import { letterFileStem } from './letterFileName.ts';
import { runningName } from '../../../shared/domain/organization/agencyName.ts';
import { blankDateLine, formatCitedDate, formatDateLine } from '../../../shared/domain/vietnameseDate.ts';

/** KH kế hoạch, BC báo cáo; a công văn has none (Nghị định 30/2020, Phụ lục III). */
export const typeCode = { plan: 'KH', report: 'BC', letter: '' } as const;

/** The number is left blank in a draft: this many spaces stand for it. */
const BLANK_NUMBER = '      ';

/** "Số: 05/BC-SKHCN" once issued, "Số:      /BC-SKHCN" while drafting. */
export function numberLine(doc: ExchangeDocument): string {
  if (doc.meta.number) return `Số: ${doc.meta.number}`;
  return `Số:${BLANK_NUMBER}/${numberCode(doc)}`;
}

/**
 * "Bắc Ninh, ngày 05 tháng 02 năm 2026", or for a draft "Bắc Ninh, ngày     tháng     năm 2026"
 * (the year it is drafted in).
 */
export function dateLine(doc: ExchangeDocument, draftYear?: number): string {
  const place = doc.organization.place;
  return doc.meta.issuedOn ? formatDateLine(place, doc.meta.issuedOn) : blankDateLine(place, draftYear);
}

/** "(Kèm theo Báo cáo số 05/BC-SKHCN ngày 15/6/2026 của Sở Khoa học và Công nghệ)" */
export function appendixReference(doc: ExchangeDocument, draftYear?: number): string {
  const noun = doc.kind === 'plan' ? 'Kế hoạch' : doc.kind === 'letter' ? 'Công văn' : 'Báo cáo';
  const number = doc.meta.number ?? `${BLANK_NUMBER}/${numberCode(doc)}`;
  const date = doc.meta.issuedOn
    ? formatCitedDate(doc.meta.issuedOn)
    : `     /     /${draftYear ? String(draftYear) : '     '}`;
  return `(Kèm theo ${noun} số ${number} ngày ${date} của ${runningName(doc.organization.name)})`;
}

function fileStem(doc: ExchangeDocument, catalogNumber: string): string {
  if (doc.kind === 'letter') return letterFileStem(doc);
  return doc.kind === 'report' ? reportFileStem(doc.content.period) : `KH-TRIEN-KHAI-${catalogNumber}`;
}

/** "BC-6T-2026-SKHCN.docx", "KH-TRIEN-KHAI-34-KH-UBND-SKHCN.docx", "BC-6T-2026-UBND-PHATTICH.docx" */
export function docxFileName(doc: ExchangeDocument, catalogNumber: string): string {
  return fileName([fileStem(doc, catalogNumber), agencyFileTag(doc.organization)], 'docx');
}

/** "BC-6T-2026-SKHCN.pdf": the same name as the .docx. */
export function pdfFileName(doc: ExchangeDocument, catalogNumber: string): string {
  return fileName([fileStem(doc, catalogNumber), agencyFileTag(doc.organization)], 'pdf');
}
