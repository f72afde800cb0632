import { z } from 'zod';
import { text } from '../../text.ts';
import { timelineSchema } from './activityTimeline.ts';

const longText = (max = 20_000) => text.multiline(max).max(max, `Nội dung dài quá ${max} ký tự`);

/** One activity the department adds under a task of the provincial plan. */
export const activitySchema = z.object({
  id: text.id(),
  content: longText(2_000),
  unitInCharge: longText(300),
  partners: longText(500),
  timeline: timelineSchema,
  expectedOutput: longText(1_000),
  budgetSource: longText(300),
});
export type Activity = z.infer<typeof activitySchema>;

export const planTaskSchema = z.object({
  /** The catalog task this entry answers, e.g. "III.1.a.3". */
  taskId: text.id(),
  notApplicable: z.boolean(),
  notApplicableReason: longText(1_000),
  activities: z.array(activitySchema).max(500, 'Mỗi nhiệm vụ có tối đa 500 hoạt động'),
});
export type PlanTask = z.infer<typeof planTaskSchema>;

/** The department's implementation plan (kế hoạch triển khai): the JSON document itself. */
export const planContentSchema = z.object({
  sections: z.object({
    /** I. Mục đích, yêu cầu */
    purpose: longText(),
    /** II. Nhiệm vụ và giải pháp: the paragraph before the tasks. */
    tasksIntro: longText(),
    /** III. Kinh phí thực hiện */
    budget: longText(),
    /** IV. Tổ chức thực hiện */
    organization: longText(),
  }),
  tasks: z.array(planTaskSchema),
});
export type PlanContent = z.infer<typeof planContentSchema>;

export const planSectionLabels: Record<keyof PlanContent['sections'], string> = {
  purpose: 'I. Mục đích, yêu cầu',
  tasksIntro: 'II. Nhiệm vụ và giải pháp',
  budget: 'III. Kinh phí thực hiện',
  organization: 'IV. Tổ chức thực hiện',
};
