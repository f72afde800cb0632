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
