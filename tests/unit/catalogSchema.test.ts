import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalogSchema } from '../../shared/domain/catalog/schema.ts';

/**
 * The schema is what stops a hand-edited or second plan file from reaching a department: each
 * broken copy must fail with an issue that points at the bad field.
 */
const raw: unknown = JSON.parse(
  fs.readFileSync(new URL('../../resources/plans/34-KH-UBND-2025.json', import.meta.url), 'utf8'),
);
const clone = (): Record<string, unknown> => structuredClone(raw) as Record<string, unknown>;

describe('rejects malformed copies with an issue on the bad field', () => {
  const issuesOf = (data: unknown) => {
    const r = catalogSchema.safeParse(data);
    expect(r.success).toBe(false);
    return (r.error?.issues ?? []).map((x) => x.path.map(String).join('.'));
  };

  it('a non-numeric target value', () => {
    const bad = clone();
    const inds = bad.indicators as { targets: { values: unknown[] }[] }[];
    inds[2]!.targets[0]!.values = ['x'];
    expect(issuesOf(bad)).toContain('indicators.2.targets.0.values.0');
  });

  it('a target with the wrong number of values', () => {
    const bad = clone();
    const inds = bad.indicators as { targets: { values: unknown[] }[] }[];
    inds[3]!.targets[0]!.values = [50];
    expect(issuesOf(bad)).toContain('indicators.3.targets.0.values');
  });

  it('a task applying to an unknown agency type', () => {
    const bad = clone();
    const tasks = bad.tasks as { appliesTo: string[] }[];
    tasks[5]!.appliesTo = ['so_khong_co'];
    expect(issuesOf(bad)).toContain('tasks.5.appliesTo.0');
  });

  it('a task in an unknown part, and a duplicated task id', () => {
    const bad = clone();
    const tasks = bad.tasks as { id: string; part: string }[];
    tasks[0]!.part = 'III.9';
    tasks[2]!.id = tasks[1]!.id;
    const paths = issuesOf(bad);
    expect(paths).toContain('tasks.0.part');
    expect(paths).toContain('tasks.2.id');
  });

  it('a bad due date', () => {
    const bad = clone();
    (bad.reporting as { planDue: string }).planDue = '10/9/2025';
    expect(issuesOf(bad)).toContain('reporting.planDue');
  });
});

describe('refuses rules that contradict themselves or their own words', () => {
  const issuesOf = (data: unknown) => {
    const r = catalogSchema.safeParse(data);
    expect(r.success).toBe(false);
    return (r.error?.issues ?? []).map((x) => x.path.map(String).join('.'));
  };
  type Raw = {
    tasks: { id: string; cadence: Record<string, unknown>; sentences?: { text: string }[] }[];
    indicators: { code: string; consolidation: Record<string, unknown>; carryForward?: { quote: string } }[];
    reporting: { planDue: string; duties: { kind: string; appliesTo: string[] }[] };
    agencyTypes: { code: string; monthlyReport: boolean }[];
  };
  const at = <K extends keyof Raw>(bad: Record<string, unknown>, key: K) => bad[key] as Raw[K];

  it('a deadline whose words name another date, a year cadence without its year', () => {
    const bad = clone();
    const tasks = at(bad, 'tasks');
    const i = tasks.findIndex((t) => t.id === 'III.2.a');
    tasks[i]!.cadence.dueDate = '2025-09-15';
    const j = tasks.findIndex((t) => t.id === 'III.1.b.4');
    delete tasks[j]!.cadence.year;
    const paths = issuesOf(bad);
    expect(paths).toContain(`tasks.${i}.cadence.text`);
    expect(paths).toContain(`tasks.${j}.cadence.year`);
  });

  it('sentences that do not add up to the task text', () => {
    const bad = clone();
    const tasks = at(bad, 'tasks');
    const i = tasks.findIndex((t) => t.sentences);
    tasks[i]!.sentences![1]!.text = 'Một câu không có trong nhiệm vụ.';
    expect(issuesOf(bad)).toContain(`tasks.${i}.sentences`);
  });

  it('a yes/no indicator "added up" as a sum, a province-level one with no reporter, a carry-forward quote not in the text', () => {
    const bad = clone();
    const inds = at(bad, 'indicators');
    const ct01 = inds.findIndex((x) => x.code === 'CT01');
    inds[ct01]!.consolidation.method = 'sum';
    const ct03 = inds.findIndex((x) => x.code === 'CT03');
    inds[ct03]!.consolidation.reportedBy = [];
    const ct05 = inds.findIndex((x) => x.code === 'CT05');
    inds[ct05]!.carryForward = { quote: 'duy trì hằng năm mãi mãi' };
    const paths = issuesOf(bad);
    expect(paths).toContain(`indicators.${ct01}.consolidation.method`);
    expect(paths).toContain(`indicators.${ct03}.consolidation.reportedBy`);
    expect(paths).toContain(`indicators.${ct05}.carryForward.quote`);
  });

  it('a summary field that disagrees with the duties, and a monthly reporter the duties do not name', () => {
    const bad = clone();
    at(bad, 'reporting').planDue = '2025-09-30';
    const types = at(bad, 'agencyTypes');
    const i = types.findIndex((a) => a.code === 'so_tai_chinh');
    types[i]!.monthlyReport = true;
    const paths = issuesOf(bad);
    expect(paths).toContain('reporting.planDue');
    expect(paths).toContain(`agencyTypes.${i}.monthlyReport`);
  });
});
