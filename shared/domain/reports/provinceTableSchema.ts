import { z } from 'zod';
import { text } from '../../text.ts';

/**
 * The province's indicator table in Sở KH&CN's consolidated report (built by
 * shared/domain/sokhcn/provinceTable.ts, printed as the report's appendix): printed text, frozen
 * with the report, so the issued document shows the figures of the moment it was filled.
 */

export const provinceRowSchema = z.object({
  code: text.pattern(/^CT\d{2}$/, 'Mã chỉ tiêu không hợp lệ', 8),
  text: text.line(2_000),
  figure: text.line(1_000),
  target: text.line(500),
  status: text.line(100),
  method: text.line(200),
  contributed: z.number().int().nonnegative(),
  expected: z.number().int().nonnegative(),
  /** Names of the departments that owe the indicator and sent no counted figure. */
  missing: z.array(text.line(300)).max(5_000),
  /** Counted packages: accepted by Sở, or only received (verified at intake). */
  accepted: z.number().int().nonnegative(),
  received: z.number().int().nonnegative(),
  note: text.line(2_000),
});

export const provinceTableSchema = z.object({
  year: z.number().int(),
  counted: z.object({ accepted: z.number().int().nonnegative(), received: z.number().int().nonnegative() }),
  rows: z.array(provinceRowSchema).max(200),
  /** Per press agency, the monthly reports folded in: "Báo …: tháng 1–4, 6; thiếu tháng 5". */
  press: z.array(text.line(600)).max(500).default([]),
});
export type ProvinceTable = z.infer<typeof provinceTableSchema>;
