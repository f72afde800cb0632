import { z } from 'zod';
import { text } from '../../text.ts';
import type { ValidationIssue } from '../reports/reportValidation.ts';

/**
 * A công văn (Nghị định 30/2020, Phụ lục I and III): an administrative letter with no type code —
 * "Số: 12/SKHCN-VP", the part after the agency's abbreviation naming the drafting unit if there is
 * one —, its trích yếu "V/v …" under the number, "Kính gửi:" its addressees, the text, Nơi nhận
 * and the signature block. BaoCao drafts one kind today: the công văn đôn đốc Sở KH&CN sends to
 * the departments late with a report (issue 12).
 */

/** What the letter is about, when BaoCao drafted it from a duty: kept for the record and the list. */
export const letterSubjectSchema = z.object({
  kind: z.literal('dondoc'),
  /** The duty chased: "semiannual-2026", "monthly-2026-03", "plan". */
  periodKey: text.pattern(/^[a-z0-9-]{1,40}$/, 'Mã kỳ báo cáo không hợp lệ', 40),
  /** "Báo cáo 6 tháng đầu năm 2026" */
  dutyTitle: text.name(200),
  /** The date the plan names, YYYY-MM-DD. */
  deadline: text.pattern(/^\d{4}-\d{2}-\d{2}$/, 'Hạn gửi phải là một ngày'),
});
export type LetterSubject = z.infer<typeof letterSubjectSchema>;

export const letterContentSchema = z.object({
  /** The trích yếu without its "V/v ": "đôn đốc gửi Báo cáo 6 tháng đầu năm 2026". */
  summary: text.line(300).trim(),
  /** The drafting unit's abbreviation in the number ("VP", "QLKH"); empty when there is none. */
  draftingUnit: text.pattern(
    /^[A-ZĐ0-9]{0,20}$/u,
    'Đơn vị soạn thảo: chữ viết tắt in hoa, không dấu cách (ví dụ "VP", "QLKH")',
    20,
  ),
  /** Kính gửi: one agency per entry, as written in running text ("Sở Tài chính"). */
  addressees: z.array(text.line(300).trim().min(1, 'Kính gửi: dòng trống')).max(400),
  /** The letter's text, one paragraph per line. */
  body: text.multiline(20_000),
  /** Nơi nhận after "Như trên" (the addressees), without "- " and ";". */
  recipients: z.array(text.line(200).trim().min(1, 'Nơi nhận: dòng trống')).max(30),
  subject: letterSubjectSchema.nullable(),
});
export type LetterContent = z.infer<typeof letterContentSchema>;

/** "V/v đôn đốc gửi …": the trích yếu as printed under the number. */
export const letterSummaryLine = (c: Pick<LetterContent, 'summary'>) => `V/v ${c.summary.trim()}`;

/** What stops a công văn going to the head: no trích yếu, nobody addressed, no text. */
export function validateLetter(c: LetterContent): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (!c.summary.trim())
    issues.push({ path: ['summary'], message: 'Trích yếu (V/v): chưa nhập', severity: 'incomplete' });
  if (c.addressees.length === 0)
    issues.push({ path: ['addressees'], message: 'Kính gửi: chưa có cơ quan nào', severity: 'incomplete' });
  if (!c.body.trim())
    issues.push({ path: ['body'], message: 'Nội dung công văn: chưa nhập', severity: 'incomplete' });
  const seen = new Set<string>();
  c.addressees.forEach((a, i) => {
    const key = a.toLocaleLowerCase('vi-VN');
    if (seen.has(key))
      issues.push({ path: ['addressees', i], message: `Kính gửi: "${a}" bị lặp lại`, severity: 'error' });
    seen.add(key);
  });
  return issues;
}

/**
 * Everything the editor checks before autosave sends the draft: what the store would refuse (a
 * drafting unit in lower case, a line too long) as errors, then validateLetter's issues. A draft
 * with an error is not sent, so the clerk sees the problem next to the field instead of a refusal.
 */
export function checkLetterDraft(c: LetterContent): ValidationIssue[] {
  const parsed = letterContentSchema.safeParse(c);
  const refused: ValidationIssue[] = parsed.success
    ? []
    : parsed.error.issues.map((i) => ({
        path: i.path.filter((p): p is string | number => typeof p !== 'symbol'),
        message: i.message,
        severity: 'error',
      }));
  return [...refused, ...validateLetter(c)];
}
