import { z } from 'zod';
import { code, isoDate, quote, text } from './fields.ts';
import { indicatorSchema } from './indicatorSchema.ts';
import { reportingSchema, type Duty, type Term } from './reportingSchema.ts';
import { taskSchema } from './taskSchema.ts';

export { cadenceSchema, taskSchema, type Cadence, type CadenceKind, type CatalogTask } from './taskSchema.ts';
export {
  consolidationSchema,
  indicatorSchema,
  measureSchema,
  targetSchema,
  type Accumulation,
  type CatalogIndicator,
  type CatalogMeasure,
  type Consolidation,
  type ConsolidationMethod,
  type MeasureKind,
  type MonthlyFold,
  type MonthlyFolding,
} from './indicatorSchema.ts';
export {
  dutySchema,
  reportingSchema,
  termSchema,
  type Duty,
  type DutyKind,
  type Term,
} from './reportingSchema.ts';

/**
 * A provincial plan template ("catalog"): the tasks and indicators a plan assigns, who owes which
 * report and when, as data. A second plan is a second JSON file validated by this schema, never
 * new code. Every rule carries the plan's own words (a `quote`, `basis` or `source` field) so the
 * tests can check it against the plan's text.
 */

export const agencyTypeSchema = z.object({
  code,
  name: text,
  /** Press agencies report monthly by the 20th; kept equal to the monthly duty's appliesTo. */
  monthlyReport: z.boolean(),
  /** How the plan names this body, spelled as printed (its typos too): leads, partners, monitors. */
  aliases: z.array(quote).default([]),
  /** Shown to a department of this type: e.g. which other type to choose if it is in fact … */
  note: z.string().default(''),
});

export const partSchema = z.object({
  /** "III.1" … "III.5" for the tasks, "V.1" … for the per-agency duties of section V. */
  code: z.string().regex(/^[IVX]+\.\d+$/, 'mã phần có dạng III.1'),
  section: z.enum(['III', 'V']),
  title: text,
});

const catalogObject = z.object({
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
});
type CatalogObject = z.infer<typeof catalogObject>;

/**
 * The duties a plan file without `reporting.duties` implies, as the app read such files before:
 * every agency type owes the plan and the periodic reports, the monthly ones the monthly report.
 */
function legacyDuties(cat: CatalogObject): Duty[] {
  const r = cat.reporting;
  const all = cat.agencyTypes.map((a) => a.code);
  const [y, m, d] = r.planDue.split('-').map(Number);
  // The words such files always meant: "trước ngày" for the plan and the periodic reports (the day
  // before is the last), "ngày 20 hằng tháng" for the monthly one (the day itself).
  const periodicWords = r.periodicDeadlines.map((x) => `trước ngày ${x.day}/${x.month}`).join(' và ');
  const duties: Duty[] = [
    {
      kind: 'plan',
      ref: '',
      appliesTo: all,
      quote: `hoàn thành trước ngày ${d}/${m}/${y}`,
      sendTo: [r.recipient],
      recipientSendsTo: [],
      due: r.planDue,
    },
    {
      kind: 'periodic',
      ref: '',
      appliesTo: all,
      quote: `${periodicWords} hằng năm`,
      sendTo: [r.recipient],
      recipientSendsTo: [],
      deadlines: r.periodicDeadlines,
    },
  ];
  if (r.monthly?.appliesTo.length)
    duties.push({
      kind: 'monthly',
      ref: '',
      appliesTo: r.monthly.appliesTo,
      quote: `ngày ${r.monthly.day} hằng tháng`,
      sendTo: [r.recipient],
      recipientSendsTo: [],
      day: r.monthly.day,
    });
  return duties;
}

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().join() === [...b].sort().join();

function checkCatalog(cat: CatalogObject, ctx: z.RefinementCtx) {
  const types = new Set(cat.agencyTypes.map((a) => a.code));
  const parts = new Set(cat.parts.map((p) => p.code));
  const taskIds = new Set(cat.tasks.map((t) => t.id));
  const issue = (path: (string | number)[], message: string) =>
    ctx.addIssue({ code: 'custom', path, message });
  const checkTypes = (list: readonly string[], path: (string | number)[]) =>
    list.forEach((c, i) => {
      if (!types.has(c)) issue([...path, i], `loại cơ quan "${c}" không có trong agencyTypes`);
    });
  const seen = new Set<string>();
  cat.tasks.forEach((t, i) => {
    if (!parts.has(t.part)) issue(['tasks', i, 'part'], `phần "${t.part}" không có trong parts`);
    if (seen.has(t.id)) issue(['tasks', i, 'id'], `mã nhiệm vụ "${t.id}" bị trùng`);
    seen.add(t.id);
    checkTypes(t.appliesTo, ['tasks', i, 'appliesTo']);
    checkTypes(t.partnerTypes, ['tasks', i, 'partnerTypes']);
  });
  const pressTypes = new Set(cat.agencyTypes.filter((a) => a.monthlyReport).map((a) => a.code));
  cat.indicators.forEach((ind, i) => {
    checkTypes(ind.appliesTo, ['indicators', i, 'appliesTo']);
    // The half-year and year consolidation folds the press's monthly reports by this rule.
    if (
      ind.consolidation.method !== 'not_consolidated' &&
      !ind.consolidation.monthly &&
      ind.appliesTo.some((t) => pressTypes.has(t))
    )
      issue(
        ['indicators', i, 'consolidation', 'monthly'],
        'chỉ tiêu có cơ quan báo cáo tháng phải nêu cách gộp các báo cáo tháng (consolidation.monthly)',
      );
    checkTypes(ind.monitorTypes, ['indicators', i, 'monitorTypes']);
    ind.targets.forEach((t, j) => {
      if (!cat.targetYears.includes(t.year))
        issue(['indicators', i, 'targets', j, 'year'], `năm ${t.year} không có trong targetYears`);
    });
  });
  const r = cat.reporting;
  if (r.monthly) checkTypes(r.monthly.appliesTo, ['reporting', 'monthly', 'appliesTo']);
  if (r.recipientType && !types.has(r.recipientType))
    issue(['reporting', 'recipientType'], `loại cơ quan "${r.recipientType}" không có trong agencyTypes`);
  if (r.term && r.term.from < cat.issuedOn)
    issue(['reporting', 'term', 'from'], 'kế hoạch không thể có hiệu lực trước ngày ban hành');
  if (!r.duties) return;
  // The summary fields older readers use must say what the duties say.
  const of = (kind: Duty['kind']) => r.duties!.filter((d) => d.kind === kind);
  r.duties.forEach((d, i) => {
    const at = ['reporting', 'duties', i];
    checkTypes(d.appliesTo, [...at, 'appliesTo']);
    if (!taskIds.has(d.ref)) issue([...at, 'ref'], `nhiệm vụ "${d.ref}" không có trong tasks`);
    const need = { plan: 'due', periodic: 'deadlines', monthly: 'day', annual_plan: null }[d.kind];
    if (need && d[need as 'due'] === undefined) issue([...at, need], `nghĩa vụ "${d.kind}" phải có ${need}`);
  });
  const plan = of('plan');
  if (plan.length > 1 || (plan[0] && plan[0].due !== r.planDue))
    issue(['reporting', 'planDue'], 'planDue phải trùng hạn của nghĩa vụ gửi kế hoạch (duties)');
  const periodic = of('periodic');
  const days = (list: readonly { month: number; day: number }[] = []) =>
    list.map((d) => `${d.day}/${d.month}`);
  if (
    periodic.length > 1 ||
    (periodic[0] && !sameSet(days(periodic[0].deadlines), days(r.periodicDeadlines)))
  )
    issue(
      ['reporting', 'periodicDeadlines'],
      'periodicDeadlines phải trùng nghĩa vụ báo cáo định kỳ (duties)',
    );
  const monthly = of('monthly');
  const monthlyTypes = monthly[0]?.appliesTo ?? [];
  if (
    monthly.length > 1 ||
    (monthly[0]?.day ?? null) !== (r.monthly?.day ?? null) ||
    !sameSet(monthlyTypes, r.monthly?.appliesTo ?? [])
  )
    issue(['reporting', 'monthly'], 'monthly phải trùng nghĩa vụ báo cáo tháng (duties)');
  cat.agencyTypes.forEach((a, i) => {
    if (a.monthlyReport !== monthlyTypes.includes(a.code))
      issue(['agencyTypes', i, 'monthlyReport'], 'monthlyReport phải trùng nghĩa vụ báo cáo tháng (duties)');
  });
}

export const catalogSchema = catalogObject.superRefine(checkCatalog).transform((cat) => {
  const term: Term = cat.reporting.term ?? {
    from: cat.issuedOn,
    lastYear: Math.max(...cat.targetYears),
    source: '',
  };
  return { ...cat, reporting: { ...cat.reporting, duties: cat.reporting.duties ?? legacyDuties(cat), term } };
});

export type Catalog = z.output<typeof catalogSchema>;
export type AgencyType = z.infer<typeof agencyTypeSchema>;
export type Reporting = Catalog['reporting'];
