import { parentPort } from 'node:worker_threads';
import { AppError } from '../../../shared/errors.ts';

/**
 * The worker side of workerPool.ts: a worker entry calls serveTasks with its task functions. Each
 * request is { id, task, input }; the answer is the value, or the AppError a task threw (its code
 * and Vietnamese message cross as data), or an unexpected failure (logged by the pool, never shown).
 */
export type TaskTable = Record<string, (input: never) => unknown>;

export interface TaskRequest {
  id: number;
  task: string;
  input: unknown;
}

export type TaskReply =
  | { ready: true }
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; appError: { code: AppError['code']; message: string } }
  | { id: number; ok: false; unexpected: string };

export function serveTasks(tasks: TaskTable) {
  const port = parentPort;
  if (!port) throw new Error('serveTasks runs inside a worker thread');
  port.on('message', async ({ id, task, input }: TaskRequest) => {
    let reply: TaskReply;
    try {
      const fn = Object.hasOwn(tasks, task) ? tasks[task] : undefined;
      if (!fn) throw new Error(`unknown worker task ${task}`);
      reply = { id, ok: true, value: await (fn as (i: unknown) => unknown)(input) };
    } catch (e) {
      reply =
        e instanceof AppError
          ? { id, ok: false, appError: { code: e.code, message: e.message } }
          : { id, ok: false, unexpected: e instanceof Error ? (e.stack ?? e.message) : String(e) };
    }
    port.postMessage(reply);
  });
  // Loaded and listening: the pool starts a task's clock only from here, not during start-up.
  port.postMessage({ ready: true } satisfies TaskReply);
}
