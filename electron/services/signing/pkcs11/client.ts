import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../../shared/errors.ts';
import { pkcs11Failure } from './messages.ts';
import type { HostRequest, HostResponse, TokenCertificate, TokenInfo } from './protocol.ts';

export interface Pkcs11ClientOptions {
  /** Time limit per call; a driver that takes longer is killed. */
  timeoutMs?: number;
  /** A driver idle this long is unloaded (its process ends), so a token plugged in later is seen. */
  idleMs?: number;
  /** pkcs11js built for Electron's ABI (scripts/electronNative.mjs); Node's copy otherwise. */
  pkcs11jsDir?: string;
}

/** How to start the host: the bundled .cjs beside the desktop build, else the .ts through tsx. */
function hostCommand(): { file: string; execArgv: string[] } {
  const bundled = path.join(import.meta.dirname, 'pkcs11Host.cjs');
  if (fs.existsSync(bundled)) return { file: bundled, execArgv: [] };
  return { file: path.join(import.meta.dirname, 'host.ts'), execArgv: ['--import', 'tsx'] };
}

/**
 * Talks to the PKCS#11 host process (host.ts). pkcs11js is loaded only there, and only when a
 * token is used, so nothing else (tests, the server, a user without a token) loads the native
 * module or a vendor driver. One call at a time; each has a time limit after which the process is
 * killed and the call fails with a Vietnamese message.
 */
export function createPkcs11Client(options: Pkcs11ClientOptions = {}) {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const idleMs = options.idleMs ?? 30_000;
  let child: ChildProcess | null = null;
  let nextId = 1;
  let idleTimer: NodeJS.Timeout | null = null;
  let chain: Promise<unknown> = Promise.resolve();

  const stop = () => {
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = null;
    if (child && child.exitCode === null) child.kill('SIGKILL');
    child = null;
  };

  const start = (): ChildProcess => {
    if (child && child.exitCode === null && child.connected) return child;
    const { file, execArgv } = hostCommand();
    child = fork(file, [], {
      execArgv,
      env: { ...process.env, ...(options.pkcs11jsDir ? { BAOCAO_PKCS11JS_DIR: options.pkcs11jsDir } : {}) },
      stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
    });
    child.unref();
    (child as unknown as { channel?: { unref(): void } }).channel?.unref();
    return child;
  };

  const send = <T>(request: HostRequest, limit = timeoutMs): Promise<T> => {
    const run = () =>
      new Promise<T>((resolve, reject) => {
        if (idleTimer) clearTimeout(idleTimer);
        const proc = start();
        const id = nextId++;
        let settled = false;
        const finish = (fn: () => void) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          proc.off('message', onMessage);
          proc.off('exit', onExit);
          fn();
          idleTimer = setTimeout(stop, idleMs);
          idleTimer.unref();
        };
        const timer = setTimeout(() => {
          finish(() => {
            stop();
            reject(
              new AppError(
                'INTERNAL',
                `Thiết bị ký số không phản hồi sau ${Math.max(1, Math.round(limit / 1000))} giây; hãy rút thiết bị ra, cắm lại rồi thử lại.`,
              ),
            );
          });
        }, limit);
        const onMessage = (msg: HostResponse) => {
          if (msg.id !== id) return;
          finish(() => (msg.ok ? resolve(msg.value as T) : reject(pkcs11Failure(msg.error, request))));
        };
        const onExit = () =>
          finish(() => {
            child = null;
            reject(
              new AppError(
                'INTERNAL',
                'Trình điều khiển của thiết bị ký số bị lỗi và đã dừng; hãy kiểm tra đường dẫn thư viện PKCS#11 và cài lại phần mềm của thiết bị.',
              ),
            );
          });
        proc.on('message', onMessage);
        proc.on('exit', onExit);
        proc.send({ id, request });
      });
    const result = chain.then(run, run);
    chain = result.catch(() => undefined);
    return result;
  };

  return {
    listTokens: (library: string) =>
      send<TokenInfo[]>({ op: 'listTokens', library }, Math.min(20_000, timeoutMs)),
    listCertificates: (library: string, tokenSerial: string) =>
      send<TokenCertificate[]>({ op: 'listCertificates', library, tokenSerial }, Math.min(20_000, timeoutMs)),
    async sign(library: string, tokenSerial: string, certificateId: string, pin: string, data: Buffer) {
      const b64 = await send<string>({
        op: 'sign',
        library,
        tokenSerial,
        certificateId,
        pin,
        data: data.toString('base64'),
      });
      return Buffer.from(b64, 'base64');
    },
    /** Ends the host process (app shutdown, tests). */
    dispose: stop,
  };
}
export type Pkcs11Client = ReturnType<typeof createPkcs11Client>;
