import { describe, expect, it } from 'vitest';
import {
  ALL,
  BATCH_ROWS,
  FIRST_ROWS,
  firstLimit,
  nextLimit,
  shareInOrder,
} from '../../renderer/drafting/plan/useProgressiveCount.ts';

/** The limits the editor renders with, first render then one per batch, as the hook steps them. */
function limits(total: number): number[] {
  const out = [firstLimit(total)];
  while (out.at(-1) !== ALL) out.push(nextLimit(out.at(-1)!, total));
  return out;
}

/** How many activities of each task are mounted, with `ALL` spelled out as the task's length. */
const mounted = (limit: number, lengths: number[]) =>
  shareInOrder(limit, lengths).map((n, i) => Math.min(n, lengths[i]!));

describe('the plan editor mounting a long plan progressively', () => {
  // The bench's plan: 300 activities dealt over 20 tasks (15 each).
  const lengths = Array.from({ length: 20 }, () => 15);

  it('mounts the first activities in document order at once, then the rest batch by batch', () => {
    const steps = limits(300);
    expect(steps[0]).toBe(FIRST_ROWS);
    expect(mounted(steps[0]!, lengths).slice(0, 3)).toEqual([15, 15, 0]);
    // 30, 70, 110 … 270, then the last batch covers the rest and ends the growth.
    expect(steps).toEqual([30, 70, 110, 150, 190, 230, 270, ALL]);
    for (let i = 1; i < steps.length - 1; i++) expect(steps[i]! - steps[i - 1]!).toBe(BATCH_ROWS);
    // Each batch only adds: no activity mounted earlier is unmounted later.
    for (let i = 1; i < steps.length; i++) {
      const before = mounted(steps[i - 1]!, lengths);
      const after = mounted(steps[i]!, lengths);
      after.forEach((n, t) => expect(n).toBeGreaterThanOrEqual(before[t]!));
      expect(after.reduce((a, b) => a + b)).toBe(Math.min(300, steps[i]!));
    }
    // A task cut by a batch shows its first activities, and the next task none yet.
    expect(mounted(70, lengths).slice(3, 6)).toEqual([15, 10, 0]);
  });

  it('mounts everything once complete, so activities added later show at once', () => {
    expect(shareInOrder(ALL, [3, 0, 400])).toEqual([ALL, ALL, ALL]);
    expect([1, 2, 3].slice(0, shareInOrder(ALL, [3])[0])).toEqual([1, 2, 3]);
  });

  it('renders a plan no longer than the first batch whole in the first render, as before', () => {
    expect(limits(0)).toEqual([ALL]);
    expect(limits(FIRST_ROWS)).toEqual([ALL]);
    expect(limits(FIRST_ROWS + 1)).toEqual([FIRST_ROWS, ALL]);
  });

  it('ends the growth even when activities were removed below the limit meanwhile', () => {
    // 70 mounted, then the clerk removed activities down to 50: the next step completes.
    expect(nextLimit(70, 50)).toBe(ALL);
  });
});
