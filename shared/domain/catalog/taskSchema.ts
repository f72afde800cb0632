import { z } from 'zod';
import { code, dayOfYear, foldName, isoDate, text, year } from './fields.ts';

/**
 * A task of the plan and when it is due. A cadence is a rule, not only display text: the periods
 * (shared/domain/periods/taskSchedule.ts) decide from it whether a task has started in a report's
 * period, is due in it, or is overdue.
 *
 * - recurring    "Nhiệm vụ thường xuyên": every period.
 * - annual       "hằng năm": once a year, every year.
 * - from_year    "Nhiệm vụ thường xuyên, bắt đầu từ năm 2026": not started before `year`.
 * - year         "Hoàn thành năm 2026": to be completed by 31/12 of `year`.
 * - deadline     "Hoàn thành trước ngày 10/9/2025": to be completed by `dueDate` ("trước ngày" makes
 *                the day before the last day, see periods/deadlineRule.ts).
 * - twice_yearly "Trước ngày 15/6 và trước ngày 15/12 hằng năm": on each of `dates`.
 * - monthly      "Định kỳ ngày 20 hằng tháng": on `day` of every month.
 * - unspecified  the plan gives no time.
 */
export const cadenceKinds = [
  'recurring',
  'annual',
  'from_year',
  'year',
  'deadline',
  'twice_yearly',
  'monthly',
  'unspecified',
] as const;
export type CadenceKind = (typeof cadenceKinds)[number];

const dmy = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${d}/${m}/${y}`;
};

export const cadenceSchema = z
  .object({
    kind: z.enum(cadenceKinds),
    /** The words of the plan, e.g. "Nhiệm vụ thường xuyên", "Hoàn thành trước ngày 10/9/2025". */
    text: z.string(),
    dueDate: isoDate.optional(),
    year: year.optional(),
    day: z.number().int().min(1).max(28).optional(),
    dates: z.array(dayOfYear).min(1).optional(),
  })
  .superRefine((c, ctx) => {
    const need = (field: 'dueDate' | 'year' | 'day' | 'dates', words: string | null) => {
      const value = c[field];
      if (value === undefined) {
        ctx.addIssue({ code: 'custom', path: [field], message: `nhịp "${c.kind}" phải có ${field}` });
      } else if (words && !c.text.includes(words)) {
        ctx.addIssue({
          code: 'custom',
          path: ['text'],
          message: `lời văn "${c.text}" không nêu ${words} như ${field} ghi`,
        });
      }
    };
    if (c.kind === 'deadline') need('dueDate', c.dueDate ? dmy(c.dueDate) : null);
    if (c.kind === 'year' || c.kind === 'from_year') need('year', c.year ? String(c.year) : null);
    if (c.kind === 'monthly') need('day', c.day ? `ngày ${c.day}` : null);
    if (c.kind === 'twice_yearly') {
      need('dates', null);
      for (const d of c.dates ?? []) {
        if (!c.text.includes(`${d.day}/${d.month}`))
          ctx.addIssue({
            code: 'custom',
            path: ['text'],
            message: `lời văn không nêu ngày ${d.day}/${d.month}`,
          });
      }
    }
    if (c.kind !== 'unspecified' && c.text.trim() === '')
      ctx.addIssue({
        code: 'custom',
        path: ['text'],
        message: 'nhịp thực hiện phải trích lời văn của kế hoạch',
      });
  });
export type Cadence = z.infer<typeof cadenceSchema>;

/** A sentence of a task that addresses only some of the bodies the task is for. */
export const sentenceSchema = z.object({
  text,
  appliesTo: z.array(code).min(1, 'câu phải áp dụng cho ít nhất một loại cơ quan'),
});

export const taskSchema = z
  .object({
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
    /** Further rules when one item carries two ("…hoàn thành trong năm 2025. … thường xuyên …"). */
    extraCadences: z.array(cadenceSchema).default([]),
    /** The agency types that owe the task (the lead of the item): it is in their plan and reports. */
    appliesTo: z.array(code).min(1, 'phải áp dụng cho ít nhất một loại cơ quan'),
    /**
     * Bodies the item names by name as partners ("phối hợp với Ban Tuyên giáo…"): they see the
     * item as a task they take part in, not as one of their own.
     */
    partnerTypes: z.array(code).default([]),
    /**
     * When a sentence of the item names one kind of body ("Các sở, ban, ngành xây dựng video
     * clip…"): the text cut into its sentences, each with the types it addresses. Joined with a
     * space they are exactly `text`; every type of `appliesTo` sees at least one sentence.
     */
    sentences: z.array(sentenceSchema).min(2).optional(),
  })
  .superRefine((t, ctx) => {
    if (!t.sentences) return;
    if (foldName(t.sentences.map((s) => s.text).join(' ')) !== foldName(t.text))
      ctx.addIssue({ code: 'custom', path: ['sentences'], message: 'các câu ghép lại phải đúng bằng text' });
    const owners = new Set(t.appliesTo);
    t.sentences.forEach((s, i) =>
      s.appliesTo.forEach((c, j) => {
        if (!owners.has(c))
          ctx.addIssue({
            code: 'custom',
            path: ['sentences', i, 'appliesTo', j],
            message: `"${c}" không có trong appliesTo của nhiệm vụ`,
          });
      }),
    );
    const seen = new Set(t.sentences.flatMap((s) => s.appliesTo));
    for (const c of t.appliesTo)
      if (!seen.has(c))
        ctx.addIssue({
          code: 'custom',
          path: ['sentences'],
          message: `"${c}" không thấy câu nào của nhiệm vụ`,
        });
  });
export type CatalogTask = z.infer<typeof taskSchema>;
