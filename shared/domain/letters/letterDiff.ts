import { diffText, type Change } from '../documents/documentDiff.ts';
import type { LetterContent } from './letterContent.ts';

/** What changed in a công văn between two versions: the head reads it as for a report. */
export function diffLetters(before: LetterContent, after: LetterContent): Change[] {
  const fields: [string, string, string][] = [
    ['Trích yếu (V/v)', before.summary, after.summary],
    ['Đơn vị soạn thảo', before.draftingUnit, after.draftingUnit],
    ['Kính gửi', before.addressees.join('\n'), after.addressees.join('\n')],
    ['Nội dung công văn', before.body, after.body],
    ['Nơi nhận', before.recipients.join('\n'), after.recipients.join('\n')],
  ];
  return fields
    .filter(([, a, b]) => a !== b)
    .map(([label, a, b]) => ({ area: 'section', label, before: a, after: b, pieces: diffText(a, b) }));
}
