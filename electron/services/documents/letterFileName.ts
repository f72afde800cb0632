import type { LetterExchange } from '../../../shared/domain/documents/exchange.ts';

/**
 * "CV-01-2026" for công văn số 01 of 2026 once issued; "CV-DONDOC-SEMIANNUAL-2026" for a draft
 * đôn đốc (the agency's tag follows, as for every document: "CV-01-2026-SKHCN.pdf").
 */
export function letterFileStem(doc: LetterExchange): string {
  const { number, issuedOn } = doc.meta;
  if (number && issuedOn) return `CV-${number.slice(0, number.indexOf('/'))}-${issuedOn.slice(0, 4)}`;
  const subject = doc.content.subject;
  return subject ? `CV-DONDOC-${subject.periodKey}` : 'CV-DU-THAO';
}
