import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

const repoRoot = path.resolve(import.meta.dirname, '../../..');

export interface RunningApp {
  /**
   * The newest one-time address the app printed. Each browser context that opens it spends it and
   * the app prints the next one, so read it again for every new context.
   */
  readonly url: string;
  dataDir: string;
  process: ChildProcess;
  /** SIGKILL the whole process group: a crash, not a shutdown. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export interface StartOptions {
  /** The test web host's hooks (electron/services/startup/testHooks.ts), as BAOCAO_TEST_HOOKS. */
  testHooks?: {
    stepDelayMs?: number;
    throwingPage?: boolean;
    timeLimits?: Record<string, number>;
    /** The services' "now" (ISO date-time with offset), running on from there. */
    now?: string;
  };
}

/**
 * Starts `npm run web` exactly as a user would, on a free port, and waits for the URL it prints.
 * The renderer build is skipped (BAOCAO_SKIP_BUILD) because `npm run test:e2e` built it once.
 */
export async function startWebApp(
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'baocao-e2e-')),
  options: StartOptions = {},
): Promise<RunningApp> {
  const child = spawn('npm', ['run', '--silent', 'web', '--', '--data-dir', dataDir, '--port', '0'], {
    cwd: repoRoot,
    detached: true,
    env: {
      ...process.env,
      BAOCAO_SKIP_BUILD: '1',
      ...(options.testHooks ? { BAOCAO_TEST_HOOKS: JSON.stringify(options.testHooks) } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let latest = '';
  const printed = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/g;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm run web did not start:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      for (const m of output.matchAll(printed)) latest = m[1]!;
      if (latest) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`npm run web exited with ${code}:\n${output}`)));
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return {
    get url() {
      return latest;
    },
    dataDir,
    process: child,
    async kill(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) {
        try {
          process.kill(-child.pid!, signal);
        } catch {
          // already gone
        }
        await exited;
      }
    },
  };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** Where screenshots go, for a person to look at after a run. */
export function screenshotPath(name: string): string {
  const dir = path.join(repoRoot, '.tmp', 'screenshots');
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, `${name}.png`);
}

/** One `npm run web` and one Chromium for a describe block, started before and stopped after it. */
export function useAppAndBrowser(options: StartOptions = {}): { app: RunningApp; browser: Browser } {
  const env = {} as { app: RunningApp; browser: Browser };
  beforeAll(async () => {
    [env.app, env.browser] = await Promise.all([startWebApp(undefined, options), launchChromium()]);
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.app?.kill();
  });
  return env;
}
