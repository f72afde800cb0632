import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { CANCELLED_MESSAGE } from '../../../shared/api/progress.ts';
import { AppError, type ErrorCode } from '../../../shared/errors.ts';
import type { TaskReply, TaskRequest } from './workerTasks.ts';

/**
 * Heavy work on files people give us (parsing spreadsheets now; rendering documents next) runs in
 * worker threads, so the main process keeps answering other calls and other windows while it
 * runs, and a file that would take too long or too much memory stops with a clear message instead
 * of freezing the app or taking the machine's memory:
 *   - each worker has V8 heap limits (resourceLimits): past them only that worker dies;
 *   - each task has a time limit: past it the worker is terminated (terminate() stops even a tight
 *     loop) and the call fails with the pool's Vietnamese message;
 *   - at most `maxWorkers` run at once and `maxQueue` wait; more are refused as busy;
 *   - idle workers are kept for `idleMs` (the next file needs no start-up), then end.
 * A worker entry is a module that calls serveTasks (workerTasks.ts). From the sources it runs
 * through bootstrap.mjs (tsx); the desktop build bundles it to dist-electron/workers/<bundle>.cjs.
 */

export interface WorkerPoolOptions {
  /** The worker entry's TypeScript source, absolute (path.join(import.meta.dirname, '…')). */
  entry: string;
  /** Its name in the desktop build: dist-electron/workers/<bundle>.cjs (scripts/buildElectron.mjs). */
  bundle: string;
  timeLimitMs: number;
  maxWorkers?: number;
  maxQueue?: number;
  resourceLimits?: ResourceLimits;
  idleMs?: number;
  /** What the caller is told, in Vietnamese. */
  messages: { timeout: string; memory: string; busy: string; failed: string };
  /** The code of a refusal (timeout, memory): VALIDATION when the input itself is too heavy. */
  refusalCode?: ErrorCode;
  log?: Pick<Console, 'error'>;
}

export interface WorkerPool {
  /**
   * Runs one task. When `signal` aborts ("Hủy"), a waiting task leaves the queue and a running one
   * has its worker terminated; either way the call fails with CANCELLED.
   */
  run<T>(task: string, input: unknown, transfer?: Transferable[], signal?: AbortSignal): Promise<T>;
  /** Workers alive now. */
  readonly size: number;
  close(): Promise<void>;
}

interface Job {
  id: number;
  task: string;
  input: unknown;
  transfer: Transferable[];
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

interface Slot {
  worker: Worker;
  /** Its entry has loaded (serveTasks said so): tasks go only to ready workers. */
  ready: boolean;
  job: Job | null;
  timer?: NodeJS.Timeout;
  idle?: NodeJS.Timeout;
}

/** A worker that has not loaded its entry by then is given up (and the task waiting for it fails). */
const STARTUP_LIMIT_MS = 60_000;

function workerScript(entry: string, bundle: string): { file: string; workerData: unknown } {
  if (fs.existsSync(entry)) {
    return {
      file: path.join(import.meta.dirname, 'bootstrap.mjs'),
      workerData: { entry: pathToFileURL(entry).href },
    };
  }
  return { file: path.join(import.meta.dirname, 'workers', `${bundle}.cjs`), workerData: {} };
}

export function createWorkerPool(options: WorkerPoolOptions): WorkerPool {
  const maxWorkers = options.maxWorkers ?? 1;
  const maxQueue = options.maxQueue ?? 4;
  const idleMs = options.idleMs ?? 30_000;
  const refusal = options.refusalCode ?? 'VALIDATION';
  const log = options.log ?? console;
  const slots: Slot[] = [];
  const queue: Job[] = [];
  let nextId = 1;
  let closed = false;

  const retire = (slot: Slot) => {
    const i = slots.indexOf(slot);
    if (i >= 0) slots.splice(i, 1);
    clearTimeout(slot.timer);
    clearTimeout(slot.idle);
    void slot.worker.terminate();
  };

  const finish = (slot: Slot) => {
    clearTimeout(slot.timer);
    slot.job = null;
    slot.worker.unref();
    slot.idle = setTimeout(() => retire(slot), idleMs);
    slot.idle.unref();
    pump();
  };

  const spawn = (): Slot => {
    const { file, workerData } = workerScript(options.entry, options.bundle);
    const worker = new Worker(file, {
      workerData,
      ...(options.resourceLimits ? { resourceLimits: options.resourceLimits } : {}),
    });
    const slot: Slot = { worker, ready: false, job: null };
    slot.timer = setTimeout(() => {
      retire(slot);
      queue.shift()?.reject(new AppError('INTERNAL', options.messages.failed));
      pump();
    }, STARTUP_LIMIT_MS);
    slot.timer.unref();
    worker.on('message', (reply: TaskReply) => {
      if ('ready' in reply) {
        clearTimeout(slot.timer);
        slot.ready = true;
        finish(slot);
        return;
      }
      const job = slot.job;
      if (!job || reply.id !== job.id) return;
      if (reply.ok) job.resolve(reply.value);
      else if ('appError' in reply) job.reject(new AppError(reply.appError.code, reply.appError.message));
      else {
        log.error(`[baocao] worker ${options.bundle} task ${job.task} failed`, reply.unexpected);
        job.reject(new AppError('INTERNAL', options.messages.failed));
      }
      finish(slot);
    });
    // A worker that dies before it is ready takes the oldest waiting task with it, so a broken entry
    // fails its callers instead of being started again and again.
    const diedStarting = () => {
      if (!slot.ready && slots.includes(slot))
        queue.shift()?.reject(new AppError('INTERNAL', options.messages.failed));
    };
    worker.on('error', (e: Error & { code?: string }) => {
      const job = slot.job;
      slot.job = null;
      if (!job) {
        log.error(`[baocao] worker ${options.bundle} failed to start`, e);
        diedStarting();
      }
      retire(slot);
      if (job) {
        if (e.code === 'ERR_WORKER_OUT_OF_MEMORY') job.reject(new AppError(refusal, options.messages.memory));
        else {
          log.error(`[baocao] worker ${options.bundle} crashed`, e);
          job.reject(new AppError('INTERNAL', options.messages.failed));
        }
      }
      pump();
    });
    worker.on('exit', () => {
      const job = slot.job;
      slot.job = null;
      diedStarting();
      retire(slot);
      job?.reject(new AppError('INTERNAL', options.messages.failed));
      pump();
    });
    slots.push(slot);
    return slot;
  };

  const start = (slot: Slot, job: Job) => {
    clearTimeout(slot.idle);
    slot.job = job;
    slot.worker.ref();
    slot.timer = setTimeout(() => {
      // terminate() interrupts the worker even inside a synchronous loop.
      slot.job = null;
      retire(slot);
      job.reject(new AppError(refusal, options.messages.timeout));
      pump();
    }, options.timeLimitMs);
    const request: TaskRequest = { id: job.id, task: job.task, input: job.input };
    slot.worker.postMessage(request, job.transfer as never);
  };

  function pump() {
    while (queue.length > 0 && !closed) {
      const slot = slots.find((s) => s.ready && !s.job);
      if (slot) {
        start(slot, queue.shift()!);
        continue;
      }
      // Start another worker only for work that no worker starting up already waits for.
      const starting = slots.filter((s) => !s.ready).length;
      if (slots.length < maxWorkers && starting < queue.length) spawn();
      return;
    }
  }

  return {
    run<T>(task: string, input: unknown, transfer: Transferable[] = [], signal?: AbortSignal) {
      if (closed) return Promise.reject(new AppError('INTERNAL', options.messages.failed));
      if (signal?.aborted) return Promise.reject(new AppError('CANCELLED', CANCELLED_MESSAGE));
      const running = slots.filter((s) => s.job).length;
      if (running + queue.length >= maxWorkers + maxQueue) {
        return Promise.reject(new AppError('CONFLICT', options.messages.busy));
      }
      return new Promise<T>((resolve, reject) => {
        const job: Job = {
          id: nextId++,
          task,
          input,
          transfer,
          resolve: (v) => {
            signal?.removeEventListener('abort', cancel);
            resolve(v as T);
          },
          reject: (e) => {
            signal?.removeEventListener('abort', cancel);
            reject(e);
          },
        };
        function cancel() {
          const waiting = queue.indexOf(job);
          if (waiting >= 0) queue.splice(waiting, 1);
          const slot = slots.find((s) => s.job === job);
          if (slot) {
            // terminate() stops the worker wherever it is; a fresh one starts for the next task.
            slot.job = null;
            retire(slot);
          }
          job.reject(new AppError('CANCELLED', CANCELLED_MESSAGE));
          pump();
        }
        signal?.addEventListener('abort', cancel, { once: true });
        queue.push(job);
        pump();
      });
    },
    get size() {
      return slots.length;
    },
    async close() {
      closed = true;
      for (const job of queue.splice(0)) job.reject(new AppError('INTERNAL', options.messages.failed));
      await Promise.all(
        [...slots].map(async (slot) => {
          const job = slot.job;
          slot.job = null;
          retire(slot);
          job?.reject(new AppError('INTERNAL', options.messages.failed));
        }),
      );
    },
  };
}
