import { z } from 'zod';

/**
 * A provincial plan template ("catalog"): the tasks and indicators a plan assigns, as data.
 * A second plan is a second JSON file validated by this schema, never new code.
 */

const code = z.string().regex(/^[a-z][a-z0-9_]*$/, 'mã chỉ gồm chữ thường, số và dấu gạch dưới');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'ngày phải có dạng YYYY-MM-DD');
const text = z.string().trim().min(1, 'không được để trống');

export const agencyTypeSchema = z.object({
  code,
  name: text,
  /** Press agencies report monthly by the 20th on top of the half-year reports. */
  monthlyReport: z.boolean(),
});

export const partSchema = z.object({
  /** "III.1" … "III.5" for the tasks, "V.1" … for the per-agency duties of section V. */
  code: z.string().regex(/^[IVX]+\.\d+$/, 'mã phần có dạng III.1'),
  section: z.enum(['III', 'V']),
  title: text,
});

export const cadenceSchema = z.object({
  kind: z.enum(['recurring', 'deadline', 'year', 'from_year', 'annual', 'unspecified']),
  /** The words of the plan, e.g. "Nhiệm vụ thường xuyên", "Hoàn thành trước ngày 10/9/2025". */
  text: z.string(),
  dueDate: isoDate.optional(),
  year: z.number().int().min(2000).max(2100).optional(),
});

export const taskSchema = z.object({
  /** Stable id, e.g. "III.1.a.3" (part, lettered item, bullet number). */
  id: z.string().regex(/^[IVX]+(\.[0-9a-z]+)+$/, 'mã nhiệm vụ có dạng III.1.a.1'),
  part: z.string(),
  /** The label as printed in the plan: "a)", "-", "1." … */
  label: z.string(),
  text,
  /** Lead agency or agency group as written in the plan. */
  lead: text,
  partners: z.string().optional(),
  cadence: cadenceSchema,
  appliesTo: z.array(code).min(1, 'phải áp dụng cho ít nhất một loại cơ quan'),
});

export const measureSchema = z.object({
  code,
  label: text,
  kind: z.enum(['ratio', 'count', 'yes_no', 'programmes']),
  unit: text,
});

export const targetSchema = z.object({
  year: z.number().int().min(2000).max(2100),
  /** Exactly as the appendix table prints it; "" where the cell is blank. */
  text: z.string(),
  /** One value per measure, in measure order; null where the table gives none. */
  values: z.array(z.number().nonnegative().nullable()),
});

export const indicatorSchema = z
  .object({
    no: z.number().int().positive(),
    code: z.string().regex(/^CT\d{2}$/, 'mã chỉ tiêu có dạng CT01'),
    text,
    measures: z.array(measureSchema).min(1),
    targets: z.array(targetSchema).min(1),
    lead: text,
    monitor: text,
    legalBasis: text,
    appliesTo: z.array(code).min(1, 'phải áp dụng cho ít nhất một loại cơ quan'),
  })
  .superRefine((ind, ctx) => {
    ind.targets.forEach((t, i) => {
      if (t.values.length !== ind.measures.length) {
        ctx.addIssue({
          code: 'custom',
          path: ['targets', i, 'values'],
          message: `số giá trị (${t.values.length}) phải bằng số đại lượng đo (${ind.measures.length})`,
        });
      }
    });
  });

export const reportingSchema = z.object({
  recipient: text,
  planDue: isoDate,
  /** Half-year reports: sent before these day/month pairs each year. */
  periodicDeadlines: z
    .array(
      z
        .object({ month: z.number().int().min(1).max(12), day: z.number().int().min(1).max(31) })
        // A deadline recurs every year, so it must exist in a common year too: no 29/2, no 31/4.
        .refine((d) => d.day <= new Date(Date.UTC(2027, d.month, 0)).getUTCDate(), {
          message: 'ngày không tồn tại trong tháng',
          path: ['day'],
        }),
    )
    .min(1),
  monthly: z.object({ day: z.number().int().min(1).max(28), appliesTo: z.array(code) }).optional(),
  /** The sentence of the plan these rules come from. */
  source: text,
});

export const catalogSchema = z
  .object({
    id: z.string().regex(/^[0-9A-Za-z-]+$/),
    number: text,
    issuedOn: isoDate,
    issuer: text,
    place: text,
    title: text,
    targetYears: z.array(z.number().int()).min(1),
    agencyTypes: z.array(agencyTypeSchema).min(1),
    parts: z.array(partSchema).min(1),
    tasks: z.array(taskSchema).min(1),
    indicators: z.array(indicatorSchema).min(1),
    reporting: reportingSchema,
  })
  .superRefine((cat, ctx) => {
    const types = new Set(cat.agencyTypes.map((a) => a.code));
    const parts = new Set(cat.parts.map((p) => p.code));
    const checkTypes = (list: string[], path: (string | number)[]) =>
      list.forEach((c, i) => {
        if (!types.has(c))
          ctx.addIssue({
            code: 'custom',
            path: [...path, i],
            message: `loại cơ quan "${c}" không có trong agencyTypes`,
          });
      });
    const seen = new Set<string>();
    cat.tasks.forEach((t, i) => {
      if (!parts.has(t.part))
        ctx.addIssue({
          code: 'custom',
          path: ['tasks', i, 'part'],
          message: `phần "${t.part}" không có trong parts`,
        });
      if (seen.has(t.id))
        ctx.addIssue({ code: 'custom', path: ['tasks', i, 'id'], message: `mã nhiệm vụ "${t.id}" bị trùng` });
      seen.add(t.id);
      checkTypes(t.appliesTo, ['tasks', i, 'appliesTo']);
    });
    cat.indicators.forEach((ind, i) => {
      checkTypes(ind.appliesTo, ['indicators', i, 'appliesTo']);
      ind.targets.forEach((t, j) => {
        if (!cat.targetYears.includes(t.year))
          ctx.addIssue({
            code: 'custom',
            path: ['indicators', i, 'targets', j, 'year'],
            message: `năm ${t.year} không có trong targetYears`,
          });
      });
    });
    if (cat.reporting.monthly)
      checkTypes(cat.reporting.monthly.appliesTo, ['reporting', 'monthly', 'appliesTo']);
  });

export type Catalog = z.infer<typeof catalogSchema>;
export type CatalogTask = z.infer<typeof taskSchema>;
export type CatalogIndicator = z.infer<typeof indicatorSchema>;
export type AgencyType = z.infer<typeof agencyTypeSchema>;
export type Cadence = z.infer<typeof cadenceSchema>;
