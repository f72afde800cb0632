import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors.ts';
import {
  createWorkerPool,
  type WorkerPool,
  type WorkerPoolOptions,
} from '../../../electron/services/workers/workerPool.ts';

const messages = {
  timeout: 'Quá thời gian cho phép',
  memory: 'Quá bộ nhớ cho phép',
  busy: 'Đang bận',
  failed: 'Lỗi không mong muốn',
};
const pools: WorkerPool[] = [];
function pool(options: Partial<WorkerPoolOptions> = {}) {
  const p = createWorkerPool({
    entry: path.join(import.meta.dirname, 'testWorker.ts'),
    bundle: 'test',
    timeLimitMs: 10_000,
    messages,
    log: { error: () => {} },
    ...options,
  });
  pools.push(p);
  return p;
}
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const e = await promise.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

describe('the worker pool', () => {
  it('runs a task in another thread and reuses the worker for the next one', async () => {
    const p = pool();
    expect(await p.run('echo', { n: 21 })).toEqual({ doubled: 42 });
    expect(await p.run('echo', { n: 2 })).toEqual({ doubled: 4 });
    expect(p.size).toBe(1);
  });

  it("passes a task's own refusal through with its code and message", async () => {
    const e = await refusal(pool().run('refuse', {}));
    expect(e.code).toBe('VALIDATION');
    expect(e.message).toBe('Tệp không hợp lệ (thử nghiệm)');
  });

  it("turns a bug in a task into the pool's message, never a stack", async () => {
    const e = await refusal(pool().run('crash', {}));
    expect(e).toMatchObject({ code: 'INTERNAL', message: messages.failed });
  });

  it('stops a task at its time limit, while the main thread keeps answering, and recovers', async () => {
    const p = pool({ timeLimitMs: 1_500 });
    const spinning = refusal(p.run('spin', {}));
    // The main thread is free while the worker spins: timers still fire on time.
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 50);
    const e = await spinning;
    clearInterval(ticker);
    expect(e).toMatchObject({ code: 'VALIDATION', message: messages.timeout });
    expect(ticks).toBeGreaterThan(5);
    expect(await p.run('echo', { n: 1 })).toEqual({ doubled: 2 });
  });

  it('"Hủy" stops a running task at once (even a tight loop) and a waiting one, then recovers', async () => {
    const p = pool({ maxWorkers: 1, maxQueue: 2 });
    const running = new AbortController();
    const waiting = new AbortController();
    const spinning = refusal(p.run('spin', {}, [], running.signal));
    const queued = refusal(p.run('echo', { n: 1 }, [], waiting.signal));
    await new Promise((r) => setTimeout(r, 300));
    waiting.abort();
    expect(await queued).toMatchObject({
      code: 'CANCELLED',
      message: 'Đã hủy theo yêu cầu. Chưa có gì thay đổi.',
    });
    const before = Date.now();
    running.abort();
    expect(await spinning).toMatchObject({ code: 'CANCELLED' });
    expect(Date.now() - before).toBeLessThan(1_000);
    expect(await p.run('echo', { n: 4 })).toEqual({ doubled: 8 });
    const already = new AbortController();
    already.abort();
    expect(await refusal(p.run('echo', { n: 1 }, [], already.signal))).toMatchObject({ code: 'CANCELLED' });
  });

  it('stops a task that takes more memory than its worker may have', async () => {
    const p = pool({
      resourceLimits: { maxOldGenerationSizeMb: 32, maxYoungGenerationSizeMb: 8 },
      timeLimitMs: 60_000,
    });
    const e = await refusal(p.run('hog', {}));
    expect(e).toMatchObject({ code: 'VALIDATION', message: messages.memory });
    expect(await p.run('echo', { n: 3 })).toEqual({ doubled: 6 });
  });

  it('refuses more work than it may queue, as busy', async () => {
    const p = pool({ maxWorkers: 1, maxQueue: 1, timeLimitMs: 2_000 });
    const first = refusal(p.run('spin', {}));
    const second = p.run('echo', { n: 1 });
    const e = await refusal(p.run('echo', { n: 2 }));
    expect(e).toMatchObject({ code: 'CONFLICT', message: messages.busy });
    await first;
    expect(await second).toEqual({ doubled: 2 });
  });
});

describe('a worker entry that cannot start', () => {
  it('fails the call that waited for it instead of starting again and again', async () => {
    const p = createWorkerPool({
      entry: path.join(import.meta.dirname, 'brokenWorker.ts'),
      bundle: 'broken',
      timeLimitMs: 10_000,
      messages,
      log: { error: () => {} },
    });
    const e = await p.run('echo', {}).then(
      () => null,
      (x: unknown) => x as AppError,
    );
    expect(e).toMatchObject({ code: 'INTERNAL', message: messages.failed });
    await p.close();
  });
});
