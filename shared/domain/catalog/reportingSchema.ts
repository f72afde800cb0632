import { z } from 'zod';
import { code, dayOfYear, isoDate, quote, text, year } from './fields.ts';

/**
 * Who owes which document to whom, and when, under the plan (section V): the rules behind every
 * deadline the app shows. Periods and deadlines are computed from these in shared/domain/periods/.
 *
 * - plan         the implementation plan, once, by `due` (V.8.a: "hoàn thành trước ngày 10/9/2025");
 * - periodic     the half-year and year reports, before each of `deadlines` every year (V.8.đ);
 * - monthly      the monthly report on `day` of every month (V.7.đ, the press);
 * - annual_plan  a plan drawn up every year, no date given (V.7.d, the press).
 * "trước ngày D" in `quote` makes D − 1 the last day on time; "ngày D" keeps D itself.
 */
export const dutyKinds = ['plan', 'periodic', 'monthly', 'annual_plan'] as const;
export type DutyKind = (typeof dutyKinds)[number];

export const dutySchema = z.object({
  kind: z.enum(dutyKinds),
  /** The task (item of section V) that sets the duty, e.g. "V.8.dd"; `quote` is part of its text. */
  ref: z.string(),
  appliesTo: z.array(code).min(1, 'phải áp dụng cho ít nhất một loại cơ quan'),
  quote,
  /** Where the document goes, as the plan says ("gửi về Sở Khoa học và Công nghệ"). */
  sendTo: z.array(text).default([]),
  /**
   * Where the recipient's own document goes instead (Sở KH&CN "tổng hợp báo cáo UBND tỉnh, Bộ
   * Khoa học và Công nghệ"), so it is never told to send to itself.
   */
  recipientSendsTo: z.array(text).default([]),
  /** plan */
  due: isoDate.optional(),
  /** periodic */
  deadlines: z.array(dayOfYear).min(1).optional(),
  /** monthly */
  day: z.number().int().min(1).max(28).optional(),
});
export type Duty = z.infer<typeof dutySchema>;

/** How long the plan runs: nothing is owed before `from` nor after the last period of `lastYear`. */
export const termSchema = z.object({
  /** The day the plan took effect (its date of issue). */
  from: isoDate,
  lastYear: year,
  /** The plan's words, verbatim ("giai đoạn 2025-2030"). */
  source: z.string(),
});
export type Term = z.infer<typeof termSchema>;

export const reportingSchema = z.object({
  recipient: text,
  /** The agency type of `recipient` (Sở KH&CN): each duty says where its own documents go. */
  recipientType: code.optional(),
  planDue: isoDate,
  /** Half-year reports: sent before these day/month pairs each year. */
  periodicDeadlines: z.array(dayOfYear).min(1),
  monthly: z.object({ day: z.number().int().min(1).max(28), appliesTo: z.array(code) }).optional(),
  /** The sentences of the plan these rules come from. */
  source: text,
  /** Filled in by catalogSchema when a plan file leaves them out (see legacyDuties). */
  duties: z.array(dutySchema).optional(),
  term: termSchema.optional(),
});
