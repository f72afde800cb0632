import { z } from 'zod';

/** The small field types every part of a plan template is built from. */

export const code = z.string().regex(/^[a-z][a-z0-9_]*$/, 'mã chỉ gồm chữ thường, số và dấu gạch dưới');
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'ngày phải có dạng YYYY-MM-DD');
export const text = z.string().trim().min(1, 'không được để trống');
export const year = z.number().int().min(2000).max(2100);

/**
 * Words copied from the plan, verbatim: the tests look each one up in the plan's text
 * (tests/unit/catalog*.test.ts), so a rule can never drift from the sentence it comes from.
 */
export const quote = text;

/** A day of the year that recurs ("15/6"): it must exist in a common year too (no 29/2, no 31/4). */
export const dayOfYear = z
  .object({ month: z.number().int().min(1).max(12), day: z.number().int().min(1).max(31) })
  .refine((d) => d.day <= new Date(Date.UTC(2027, d.month, 0)).getUTCDate(), {
    message: 'ngày không tồn tại trong tháng',
    path: ['day'],
  });
export type DayOfYear = z.infer<typeof dayOfYear>;

/** Lower case, NFC, one space, "uỷ" spelled "ủy": how two spellings of one name are compared. */
export function foldName(s: string): string {
  return s.normalize('NFC').toLocaleLowerCase('vi').replace(/uỷ/g, 'ủy').replace(/\s+/g, ' ').trim();
}
