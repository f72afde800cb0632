import { z } from 'zod';
import { text } from '../../text.ts';
import { reportPeriodSchema } from '../periods/reportPeriods.ts';
import { timelineSchema } from '../plans/activityTimeline.ts';
import { provinceTableSchema } from './provinceTableSchema.ts';

const longText = (max = 20_000) => text.multiline(max).max(max, `Nội dung dài quá ${max} ký tự`);

/**
 * Whole, non-negative numbers or nothing yet. Stricter rules that need context (numerator ≤
 * denominator, URLs) live in reportValidation.ts so they can name the indicator and the field.
 */
const amount = z.number().int('phải là số nguyên').nonnegative('không được âm').max(1e9).nullable();

/**
 * One measure of an indicator as the department enters it. The figures are running totals at the
 * end of the report's period over the window the catalog measure names (`accumulation`: from the
 * start of the reporting year, from the plan's start, or the situation at the end of the period),
 * never the period's own increase: a half-year or monthly report compares them directly with the
 * year's target, and the province adds the departments' figures for one period (issue 12).
 */
export const measureValueSchema = z.object({
  /** The catalog measure this value is for. */
  measure: text.id(),
  /** ratio: e.g. officials reached … */
  numerator: amount,
  /** … out of all officials. */
  denominator: amount,
  /** count and programmes */
  count: amount,
  /** yes_no */
  done: z.boolean().nullable(),
  evidenceUrl: text.line(2_000),
});
export type MeasureValue = z.infer<typeof measureValueSchema>;

export const reportIndicatorSchema = z.object({
  code: text.pattern(/^CT\d{2}$/, 'mã chỉ tiêu có dạng CT01–CT15'),
  values: z.array(measureValueSchema),
  note: longText(2_000),
  /** Copied from the previous report and not edited since. */
  carriedOver: z.boolean(),
});
export type ReportIndicator = z.infer<typeof reportIndicatorSchema>;

export const taskStatusSchema = z.enum(['hoan_thanh', 'dang_thuc_hien', 'chua_thuc_hien', 'khong_ap_dung']);
export type TaskStatus = z.infer<typeof taskStatusSchema>;
export const taskStatusLabels: Record<TaskStatus, string> = {
  hoan_thanh: 'Hoàn thành',
  dang_thuc_hien: 'Đang thực hiện',
  chua_thuc_hien: 'Chưa thực hiện',
  khong_ap_dung: 'Không áp dụng',
};

export const reportTaskSchema = z.object({
  taskId: text.id(),
  /** null until the clerk chooses one. */
  status: taskStatusSchema.nullable(),
  result: longText(10_000),
  figures: longText(2_000),
  evidence: longText(2_000),
  carriedOver: z.boolean(),
});
export type ReportTask = z.infer<typeof reportTaskSchema>;

/**
 * One activity the department put in its issued plan, reported on: what the plan said (copied
 * when the report is created, never edited in the report) and the status and result of the period.
 */
export const reportActivitySchema = z.object({
  /** The activity's id in the plan. */
  activityId: text.id(),
  /** The catalog task it sits under. */
  taskId: text.id(),
  content: longText(2_000),
  unitInCharge: longText(300),
  timeline: timelineSchema,
  expectedOutput: longText(1_000),
  status: taskStatusSchema.nullable(),
  result: longText(10_000),
});
export type ReportActivity = z.infer<typeof reportActivitySchema>;

/** The fields copied from the plan: the report may not change them. */
export const activityPlanFields = [
  'taskId',
  'content',
  'unitInCharge',
  'timeline',
  'expectedOutput',
] as const;

export const sectionTextSchema = z.object({ text: longText(), carriedOver: z.boolean() });

export const reportSectionKeys = ['direction', 'results', 'shortcomings', 'nextTasks', 'proposals'] as const;
export type ReportSectionKey = (typeof reportSectionKeys)[number];

export const reportSectionLabels: Record<ReportSectionKey, string> = {
  direction: 'I. Kết quả thực hiện – Công tác lãnh đạo, chỉ đạo',
  results: 'I. Kết quả thực hiện – Kết quả chung',
  shortcomings: 'II. Tồn tại, hạn chế và nguyên nhân',
  nextTasks: 'III. Phương hướng, nhiệm vụ kỳ tới',
  proposals: 'IV. Đề xuất, kiến nghị',
};

/** A periodic or ad hoc report (báo cáo): the JSON document itself. */
export const reportContentSchema = z.object({
  period: reportPeriodSchema,
  indicators: z.array(reportIndicatorSchema),
  tasks: z.array(reportTaskSchema),
  /** The activities of the department's issued plan; none in reports stored before they existed. */
  activities: z.array(reportActivitySchema).max(5_000).default([]),
  sections: z.object({
    direction: sectionTextSchema,
    results: sectionTextSchema,
    shortcomings: sectionTextSchema,
    nextTasks: sectionTextSchema,
    proposals: sectionTextSchema,
  }),
  /**
   * Only in Sở KH&CN's consolidated report ("Lập báo cáo tổng hợp"): the province's table of every
   * indicator, printed as the appendix instead of the Sở's own figures.
   */
  province: provinceTableSchema.optional(),
});
export type ReportContent = z.infer<typeof reportContentSchema>;

export const attachmentSchema = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  name: z.string(),
  size: z.number().int().nonnegative(),
  mime: z.string(),
  addedAt: z.string(),
});
export type Attachment = z.infer<typeof attachmentSchema>;

/** The report's activities, also for content stored before reports had them. */
export function reportActivities(content: ReportContent): ReportActivity[] {
  return (content as Partial<ReportContent>).activities ?? [];
}
