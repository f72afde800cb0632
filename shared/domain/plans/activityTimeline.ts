import { z } from 'zod';
import { formatCitedDate } from '../vietnameseDate.ts';
import { text } from '../../text.ts';

/** When an activity happens: "thường xuyên", a month, a quarter, a date, or the plan's own words. */
export const timelineSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('recurring') }),
  z.object({
    kind: z.literal('month'),
    month: z.number().int().min(1).max(12),
    year: z.number().int().min(2000).max(2100),
  }),
  z.object({
    kind: z.literal('quarter'),
    quarter: z.number().int().min(1).max(4),
    year: z.number().int().min(2000).max(2100),
  }),
  z.object({
    kind: z.literal('date'),
    date: text.pattern(/^\d{4}-\d{2}-\d{2}$/, 'Ngày phải có dạng YYYY-MM-DD'),
  }),
  z.object({ kind: z.literal('text'), text: text.line(200) }),
]);
export type Timeline = z.infer<typeof timelineSchema>;

const roman = ['I', 'II', 'III', 'IV'];

/** "Thường xuyên", "Tháng 3/2026", "Quý II/2026", "Trước ngày 05/6/2026" (a cited date). */
export function formatTimeline(t: Timeline): string {
  switch (t.kind) {
    case 'recurring':
      return 'Thường xuyên';
    case 'month':
      return `Tháng ${t.month}/${t.year}`;
    case 'quarter':
      return `Quý ${roman[t.quarter - 1]}/${t.year}`;
    case 'date':
      try {
        return `Trước ngày ${formatCitedDate(t.date)}`;
      } catch {
        // An impossible date is refused by the validation; shown as typed until then.
        return `Trước ngày ${t.date}`;
      }
    case 'text':
      return t.text;
  }
}
