import { z } from 'zod';
import { code, quote, text, year } from './fields.ts';

/**
 * An indicator (chỉ tiêu) of the plan's appendix: what a department enters for it, how its figure
 * is counted over time, its targets by year, and how the province adds the departments' figures.
 */

/**
 * - ratio       numerator / denominator, e.g. officials reached out of all officials;
 * - count       a number of things (articles);
 * - programmes  a number of programmes;
 * - yes_no      one department's "done or not", with an evidence link: for indicators that count
 *               units ("100% các sở … ban hành kế hoạch"), a department answers for itself and the
 *               province counts the units that said yes.
 */
export const measureKinds = ['ratio', 'count', 'yes_no', 'programmes'] as const;
export type MeasureKind = (typeof measureKinds)[number];

/**
 * What the figure a report carries covers. A report always carries the running total at the end
 * of its period, as the department enters it ("lũy kế"), never the increase of that period alone:
 * so a half-year or monthly figure compares directly with the year's target, and the province's
 * figure for a period is the sum over departments of their figures for that same period.
 *
 * - year   from the start of the reporting year (the window of the year report: 15/12 of the
 *          year before, or the plan's start in its first year) to the end of the period;
 * - plan   from the day the plan took effect (targets to reach by a year: "ít nhất 03 chương
 *          trình … Hoàn thành năm 2027");
 * - state  the situation at the end of the period (a plan issued or not, a share of the people
 *          who have been reached so far).
 */
export const accumulations = ['year', 'plan', 'state'] as const;
export type Accumulation = (typeof accumulations)[number];

export const measureSchema = z.object({
  code,
  label: text,
  kind: z.enum(measureKinds),
  unit: text,
  accumulation: z.enum(accumulations).default('state'),
  /** The words of the plan the kind and the accumulation rest on. */
  basis: z.string().default(''),
});
export type CatalogMeasure = z.infer<typeof measureSchema>;

/** Where the table of the appendix and the plan's own sentences give two figures for one target. */
export const discrepancySchema = z.object({
  measure: code,
  /** The figure printed in the appendix table. */
  table: z.number().nonnegative(),
  /** The figure used (in `values`): the one the text states. */
  used: z.number().nonnegative(),
  /** The sentences of the plan that state `used`, verbatim. */
  quotes: z.array(quote).min(1),
  /** For the department, in Vietnamese: what differs and which figure the program uses. */
  note: text,
});

export const targetSchema = z.object({
  year,
  /** Exactly as the appendix table prints it; "" where the cell is blank. */
  text: z.string(),
  /** One value per measure, in measure order; null where the table gives none. */
  values: z.array(z.number().nonnegative().nullable()),
  discrepancy: discrepancySchema.optional(),
});

/**
 * How the province's figure is made from the departments' reports (Sở KH&CN's consolidation):
 * - sum               the counts added up;
 * - ratio_of_sums     Σ numerators / Σ denominators (never the mean of the departments' rates);
 * - units_reached     the departments that answered yes to every yes/no measure, over the
 *                     departments expected (those of `appliesTo`);
 * - lead_only         a province-level figure: the one reported by `reportedBy`; any other type of
 *                     `appliesTo` reports its own part, shown beside it and not added;
 * - not_consolidated  shown department by department, never added.
 * `overlap` names types that can count the same people or units (the same student by the school
 * and by the commune): a consolidated table must show it, not add silently.
 */
export const consolidationMethods = [
  'sum',
  'ratio_of_sums',
  'units_reached',
  'lead_only',
  'not_consolidated',
] as const;
export type ConsolidationMethod = (typeof consolidationMethods)[number];

/**
 * How one agency's monthly reports (the press: "Định kỳ ngày 20 hằng tháng", V.7.đ) are folded into
 * one figure for a half-year or year period when it sent no report of its own for it:
 * - sum            the months' counts added up: only for counts that are the month's own increase;
 * - ratio_of_sums  Σ numerators / Σ denominators over the months;
 * - latest         the latest month received: for state and running-total ("lũy kế") figures,
 *                  which a monthly report already carries to the end of its month.
 */
export const monthlyFolds = ['sum', 'ratio_of_sums', 'latest'] as const;
export type MonthlyFold = (typeof monthlyFolds)[number];

export const monthlyFoldingSchema = z.object({
  fold: z.enum(monthlyFolds),
  /** Why, in Vietnamese, for the consolidated table. */
  note: text,
});
export type MonthlyFolding = z.infer<typeof monthlyFoldingSchema>;

export const consolidationSchema = z.object({
  method: z.enum(consolidationMethods),
  /** Required where an agency type that reports monthly reports the indicator (catalog check). */
  monthly: monthlyFoldingSchema.optional(),
  reportedBy: z.array(code).default([]),
  overlap: z.object({ agencyTypes: z.array(code).min(2), note: text }).optional(),
  /** The words of the plan the choice rests on, verbatim. */
  basis: z.string(),
  /** Why, in Vietnamese, for the consolidated table. */
  note: z.string(),
});
export type Consolidation = z.infer<typeof consolidationSchema>;

const NOT_DECIDED: Consolidation = {
  method: 'not_consolidated',
  reportedBy: [],
  basis: '',
  note: 'Kế hoạch mẫu chưa quy định cách tổng hợp chỉ tiêu này.',
};

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
    /** The agency types that report a figure for it. */
    appliesTo: z.array(code).min(1, 'phải áp dụng cho ít nhất một loại cơ quan'),
    /** The agency types of "Cơ quan tổng hợp, theo dõi": they follow the indicator for the province. */
    monitorTypes: z.array(code).default([]),
    consolidation: consolidationSchema.default(NOT_DECIDED),
    /**
     * Worded "hằng năm" or "duy trì": a year the table has no column for (2028, 2029) keeps the
     * last earlier target. Without it such a year honestly has no target.
     */
    carryForward: z.object({ quote }).optional(),
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
      const d = t.discrepancy;
      if (d) {
        const at = ind.measures.findIndex((m) => m.code === d.measure);
        if (at < 0 || t.values[at] !== d.used)
          ctx.addIssue({
            code: 'custom',
            path: ['targets', i, 'discrepancy'],
            message: `giá trị dùng (${d.used}) phải là giá trị của đại lượng "${d.measure}"`,
          });
        if (!t.text.includes(String(d.table)))
          ctx.addIssue({
            code: 'custom',
            path: ['targets', i, 'discrepancy', 'table'],
            message: `ô của bảng ("${t.text}") không ghi ${d.table}`,
          });
      }
    });
    const kinds = new Set(ind.measures.map((m) => m.kind));
    const only = (allowed: MeasureKind[]) => [...kinds].every((k) => allowed.includes(k));
    const method = ind.consolidation.method;
    const fits =
      method === 'units_reached'
        ? only(['yes_no'])
        : method === 'ratio_of_sums'
          ? only(['ratio'])
          : method === 'sum'
            ? only(['count', 'programmes'])
            : true;
    if (!fits)
      ctx.addIssue({
        code: 'custom',
        path: ['consolidation', 'method'],
        message: `cách tổng hợp "${method}" không hợp với đại lượng đo loại ${[...kinds].join(', ')}`,
      });
    const fold = ind.consolidation.monthly?.fold;
    if ((fold === 'sum' && !only(['count', 'programmes'])) || (fold === 'ratio_of_sums' && !only(['ratio'])))
      ctx.addIssue({
        code: 'custom',
        path: ['consolidation', 'monthly', 'fold'],
        message: `cách gộp báo cáo tháng "${fold}" không hợp với đại lượng đo loại ${[...kinds].join(', ')}`,
      });
    if (method === 'lead_only' && ind.consolidation.reportedBy.length === 0)
      ctx.addIssue({
        code: 'custom',
        path: ['consolidation', 'reportedBy'],
        message: 'chỉ tiêu cấp tỉnh phải nêu cơ quan báo cáo số liệu (reportedBy)',
      });
    const owners = new Set(ind.appliesTo);
    const inside = (list: string[], path: (string | number)[]) =>
      list.forEach((c, j) => {
        if (!owners.has(c))
          ctx.addIssue({
            code: 'custom',
            path: [...path, j],
            message: `"${c}" không báo cáo chỉ tiêu này (không có trong appliesTo)`,
          });
      });
    inside(ind.consolidation.reportedBy, ['consolidation', 'reportedBy']);
    if (ind.consolidation.overlap)
      inside(ind.consolidation.overlap.agencyTypes, ['consolidation', 'overlap', 'agencyTypes']);
    if (ind.carryForward && !ind.text.includes(ind.carryForward.quote))
      ctx.addIssue({
        code: 'custom',
        path: ['carryForward', 'quote'],
        message: 'phải trích đúng lời văn của chỉ tiêu',
      });
  });
export type CatalogIndicator = z.infer<typeof indicatorSchema>;
