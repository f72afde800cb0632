import type { ExchangeDocument } from '../../../shared/domain/documents/exchange.ts';
import type { ReportPeriod } from '../../../shared/domain/periods/reportPeriods.ts';
import { parseIsoDate } from '../../../shared/domain/calendarDate.ts';
import { blankDateLine, formatDateLine } from '../../../shared/domain/vietnameseDate.ts';

/** KH kế hoạch, BC báo cáo (Nghị định 30/2020, Phụ lục III). */
export const typeCode = { plan: 'KH', report: 'BC' } as const;

/** The number is left blank in a draft: this many spaces stand for it. */
const BLANK_NUMBER = '      ';

/** "Số: 05/BC-SKHCN" once issued, "Số:      /BC-SKHCN" while drafting. */
export function numberLine(doc: ExchangeDocument): string {
  if (doc.meta.number) return `Số: ${doc.meta.number}`;
  return `Số:${BLANK_NUMBER}/${typeCode[doc.kind]}-${doc.organization.abbreviation}`;
}

/** "Bắc Ninh, ngày 05 tháng 02 năm 2026", or "Bắc Ninh, ngày     tháng     năm" for a draft. */
export function dateLine(doc: ExchangeDocument): string {
  const place = doc.organization.place;
  return doc.meta.issuedOn ? formatDateLine(place, doc.meta.issuedOn) : blankDateLine(place);
}

/** "05/9/2025", "05/02/2026", "15/6/2026": a cited date, padded as the date line is. */
export function formatCitedDate(date: string): string {
  const { year, month, day } = parseIsoDate(date);
  return `${String(day).padStart(2, '0')}/${month <= 2 ? String(month).padStart(2, '0') : month}/${year}`;
}

/** "(Kèm theo Báo cáo số 05/BC-SKHCN ngày 15/6/2026 của Sở Khoa học và Công nghệ)" */
export function appendixReference(doc: ExchangeDocument): string {
  const noun = doc.kind === 'plan' ? 'Kế hoạch' : 'Báo cáo';
  const number = doc.meta.number ?? `${BLANK_NUMBER}/${typeCode[doc.kind]}-${doc.organization.abbreviation}`;
  const date = doc.meta.issuedOn ? formatCitedDate(doc.meta.issuedOn) : '     /     /     ';
  return `(Kèm theo ${noun} số ${number} ngày ${date} của ${doc.organization.name})`;
}

/** ASCII only, for file names: "Đ" → "D", diacritics dropped, anything else → "-". */
export function asciiSlug(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/Đ/g, 'D')
    .replace(/đ/g, 'd')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** BC-6T-2026, BC-NAM-2026, BC-T03-2026, BC-DX-20260310 */
export function reportFileStem(period: ReportPeriod): string {
  switch (period.kind) {
    case 'semiannual':
      return `BC-6T-${period.year}`;
    case 'annual':
      return `BC-NAM-${period.year}`;
    case 'monthly':
      return `BC-T${String(period.month ?? 0).padStart(2, '0')}-${period.year}`;
    case 'adhoc':
      return `BC-DX-${period.deadline.replaceAll('-', '')}`;
  }
}

/** "BC-6T-2026-SKHCN.docx", "KH-TRIEN-KHAI-34-KH-UBND-SKHCN.docx" */
export function docxFileName(doc: ExchangeDocument, catalogNumber: string): string {
  const abbr = asciiSlug(doc.organization.abbreviation);
  const stem =
    doc.kind === 'report' ? reportFileStem(doc.content.period) : `KH-TRIEN-KHAI-${asciiSlug(catalogNumber)}`;
  return `${stem}-${abbr}.docx`;
}
