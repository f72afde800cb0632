import os from 'node:os';
import path from 'node:path';
import { AppError } from '../../shared/errors.ts';
import { IntakeError } from '../../shared/intake/errors.ts';
import { createWorkerPool, type WorkerPool } from '../../electron/services/workers/workerPool.ts';
import type { PackageVerifier, PackageVerifyInput, PackageVerifyResult } from './packageVerifier.ts';

/**
 * The in-process verifier (inProcessVerifier.ts) run in worker threads. Parsing the CMS and the
 * certificates is pure CPU, some tens of milliseconds per package: on the main thread it stalls
 * every other upload's streaming, file writes and answers, and it uses one core only. In workers
 * the main thread keeps the I/O moving while the checks run on the other cores, and a package
 * whose checks would take too long or too much memory stops that worker alone and is refused.
 */

const MESSAGES = {
  timeout: 'Kiểm tra chữ ký số của gói quá lâu (quá 30 giây): tệp PDF hoặc chữ ký có cấu trúc bất thường',
  memory: 'Kiểm tra chữ ký số của gói cần quá nhiều bộ nhớ: tệp PDF hoặc chữ ký có cấu trúc bất thường',
  busy: 'Máy chủ đang kiểm tra chữ ký của quá nhiều gói cùng lúc; hãy gửi lại sau ít phút',
  failed: 'Máy chủ gặp lỗi khi kiểm tra chữ ký số của gói; hãy gửi lại sau ít phút',
};

export interface WorkerVerifierOptions {
  /** Threads checking at once; the machine's cores by default (the main thread mostly waits on I/O). */
  workers?: number;
  /** Packages waiting for a thread before new ones are told the server is busy. */
  maxQueue?: number;
}

export function createWorkerVerifier(options: WorkerVerifierOptions = {}): PackageVerifier & {
  close(): Promise<void>;
} {
  const pool: WorkerPool = createWorkerPool({
    entry: path.join(import.meta.dirname, 'verifyWorker.ts'),
    bundle: 'verify',
    maxWorkers: Math.max(1, options.workers ?? os.availableParallelism()),
    maxQueue: options.maxQueue ?? 256,
    timeLimitMs: 30_000,
    resourceLimits: { maxOldGenerationSizeMb: 512, maxYoungGenerationSizeMb: 48 },
    idleMs: 5 * 60_000,
    refusalCode: 'VALIDATION',
    messages: MESSAGES,
  });
  return {
    async verifyPackage(input: PackageVerifyInput): Promise<PackageVerifyResult> {
      try {
        return await pool.run<PackageVerifyResult>('verifyPackage', input);
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        // Too slow or too big to check: the package is refused for it, like any unverifiable one.
        if (e.code === 'VALIDATION') return { ok: false, signerCertificate: null, problems: [e.message] };
        throw new IntakeError(e.code === 'CONFLICT' ? 'UNAVAILABLE' : 'INTERNAL', e.message);
      }
    },
    close: () => pool.close(),
  };
}
