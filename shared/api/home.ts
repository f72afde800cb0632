import { z } from 'zod';
import {
  agencyTypeSchema,
  indicatorSchema,
  partSchema,
  taskSchema,
  termSchema,
} from '../domain/catalog/schema.ts';
import { dutyKinds } from '../domain/catalog/reportingSchema.ts';

/** What 'home.get' answers: the department's duties under its plan (electron/services/home/). */

export const deadlineSchema = z.object({
  kind: z.enum(['semiannual', 'annual', 'monthly']),
  title: z.string(),
  due: z.string(),
  daysLeft: z.number().int(),
  dueText: z.string(),
});

/** A document the department owes (periods/reportDeadlines.ts DutyView). */
export const dutyViewSchema = z.object({
  kind: z.enum(dutyKinds),
  ref: z.string(),
  title: z.string(),
  quote: z.string(),
  sendTo: z.array(z.string()),
  when: z.string(),
  next: deadlineSchema.nullable(),
  due: z.string().nullable(),
});

export const planSummarySchema = z.object({
  id: z.string(),
  number: z.string(),
  issuedOn: z.string(),
  issuer: z.string(),
  title: z.string(),
  planDue: z.string(),
  recipient: z.string(),
  term: termSchema,
});

export const homeSchema = z.object({
  today: z.string(),
  plan: planSummarySchema,
  agencyType: agencyTypeSchema,
  /** The parts holding `tasks` or `partnerTasks`, in plan order. */
  parts: z.array(partSchema),
  /** The tasks the department owes, worded for its agency type. */
  tasks: z.array(taskSchema),
  /** Items that name the department as a partner ("phối hợp với …"). */
  partnerTasks: z.array(taskSchema),
  /** The indicators it reports. */
  indicators: z.array(indicatorSchema),
  /** The indicators it follows for the province ("Cơ quan tổng hợp, theo dõi"). */
  monitored: z.array(indicatorSchema),
  /** Every document it owes, with the next date; empty for a body the plan asks no report of. */
  duties: z.array(dutyViewSchema),
  /** The next report of each periodic kind (the dated duties' next occurrences), nearest first. */
  deadlines: z.array(deadlineSchema),
});
