import { startTransition, useCallback, useEffect, useState } from 'react';
import { flushSync } from 'react-dom';

/**
 * Progressive mounting of a long list (the plan editor's activities). Creating the 2,241 inputs of a
 * 300-activity plan takes about as long in a bare React page as in ours (~280 ms on a 2-core
 * machine), so the editor can only open in ≤ 200 ms by not creating them all in its first render:
 * the first render mounts enough rows to fill the first screen and more, and the rest arrive in
 * batches, each one rendered as a transition after the previous batch was painted, so a keystroke
 * interrupts a batch being rendered instead of waiting behind it. Anything that must reach a row
 * not mounted yet (a link from the error summary to a field, adding or moving a row) calls
 * `mountAll` first: it mounts every row synchronously (flushSync), so the DOM has them on return.
 */

export interface ProgressiveOptions {
  /** Rows in the first render: more than one screen holds. */
  first?: number;
  /** Rows added by each later batch. */
  batch?: number;
}

export const FIRST_ROWS = 30;
export const BATCH_ROWS = 40;

/** `Infinity` once every row is mounted: rows added later then show at once. */
export const ALL = Infinity;

/** The limit of the first render: a list no longer than the first batch renders whole, as before. */
export function firstLimit(total: number, first = FIRST_ROWS): number {
  return total <= first ? ALL : first;
}

/** The limit after one more batch; `ALL` once it covers the list. */
export function nextLimit(limit: number, total: number, batch = BATCH_ROWS): number {
  const next = limit + batch;
  return next >= total ? ALL : next;
}

/**
 * How many rows of each group (the activities of each task, in document order) the limit mounts:
 * the first groups whole, then part of one, then none.
 */
export function shareInOrder(limit: number, lengths: readonly number[]): number[] {
  let left = limit;
  return lengths.map((n) => {
    if (left === ALL) return ALL;
    const shown = Math.min(n, left);
    left -= shown;
    return shown;
  });
}

/** Runs `fn` in a task of its own after the next frame is painted; returns a cancel. */
export function afterNextPaint(fn: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const frame = requestAnimationFrame(() => {
    timer = setTimeout(fn, 0);
  });
  return () => {
    cancelAnimationFrame(frame);
    if (timer !== undefined) clearTimeout(timer);
  };
}

/** How long after a keystroke the next batch waits. */
export const TYPING_PAUSE_MS = 150;
let lastKeyAt = -Infinity;

export interface ProgressiveCount {
  /** How many rows to mount now (`ALL` once complete); share it out with `shareInOrder`. */
  limit: number;
  complete: boolean;
  /** Mounts every row before returning (from an event handler, not during render). */
  mountAll: () => void;
}

export function useProgressiveCount(total: number, options: ProgressiveOptions = {}): ProgressiveCount {
  const { first = FIRST_ROWS, batch = BATCH_ROWS } = options;
  const [limit, setLimit] = useState(() => firstLimit(total, first));

  // After each batch is committed and painted, the next one; none once complete. While the clerk
  // types, batches wait: React can interrupt a batch's rendering for a keystroke but not its
  // commit (tens of ms for 40 activities), which then delayed the letter's paint.
  useEffect(() => {
    if (limit === ALL) return;
    let cancel = () => {};
    const step = () => {
      const quiet = performance.now() - lastKeyAt;
      if (quiet < TYPING_PAUSE_MS) {
        const timer = setTimeout(step, TYPING_PAUSE_MS - quiet);
        cancel = () => clearTimeout(timer);
        return;
      }
      startTransition(() => setLimit((l) => nextLimit(l, total, batch)));
    };
    cancel = afterNextPaint(step);
    const onKey = () => {
      lastKeyAt = performance.now();
    };
    document.addEventListener('keydown', onKey, true);
    return () => {
      cancel();
      document.removeEventListener('keydown', onKey, true);
    };
  }, [limit, total, batch]);

  const mountAll = useCallback(() => {
    flushSync(() => setLimit(ALL));
  }, []);
  return { limit, complete: limit === ALL, mountAll };
}
