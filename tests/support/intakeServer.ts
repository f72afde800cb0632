import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  createIntakeClient,
  enrol,
  type Enrolment,
  type IntakeClient,
} from '../../electron/services/outbox/intakeClient.ts';
import { runAdminCommand, type AdminCommand } from '../../server/cli/adminCommands.ts';
import {
  defaultResourcesDir,
  startIntakeServer,
  type IntakeServer,
  type IntakeServerOptions,
} from '../../server/startServer.ts';
import { INTAKE_DATABASE_FILE } from '../../server/store/sqliteDriver.ts';
import { createTestPki, type TestPki } from './testPki.ts';

/**
 * The real intake server for tests, on 127.0.0.1 and a free port: in this process (fast, most
 * tests) or as `npm run server` in its own process group (for SIGKILL, and for E2E later). Plus the
 * administrator's commands, a test PKI whose CA the server trusts, and a snapshot of everything
 * the server has stored, to prove a refusal changed nothing.
 */

const repoRoot = path.resolve(import.meta.dirname, '../..');

export interface AdminOutput {
  out: string[];
  err: string[];
}

export async function admin(
  dataDir: string,
  command: AdminCommand,
  args: string[] = [],
  secret = 'MatKhau-CanBo-2026',
): Promise<AdminOutput> {
  const output: AdminOutput = { out: [], err: [] };
  try {
    await runAdminCommand(
      command,
      args,
      { dataDir, resourcesDir: defaultResourcesDir() },
      {
        out: (l) => output.out.push(l),
        err: (l) => output.err.push(l),
        readSecret: async () => secret,
        clock: () => new Date(),
      },
    );
  } catch (e) {
    // What the command printed before it refused, for the test to read.
    throw Object.assign(e as Error, { output });
  }
  return output;
}

/** "Mã đăng ký (…): K7PM-Q2XD-9HRT" → the code. */
export const enrolmentCodeOf = (out: AdminOutput) => {
  const m = /([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4})/.exec(out.out.join('\n'));
  if (!m) throw new Error(`no enrolment code in: ${out.out.join('\n')}`);
  return m[1]!;
};

export interface StoreSnapshot {
  rows: Record<string, unknown[]>;
  files: string[];
}

/** Every row of every table and every file of the data folder (but the database and keys). */
export function snapshotStore(dataDir: string): StoreSnapshot {
  const db = new Database(path.join(dataDir, INTAKE_DATABASE_FILE), { readonly: true });
  try {
    const tables = db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
      )
      .all() as { name: string }[];
    const rows: Record<string, unknown[]> = {};
    for (const { name } of tables) rows[name] = db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all();
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, e.name);
        const rel = path.relative(dataDir, full);
        if (rel.startsWith(INTAKE_DATABASE_FILE) || rel.startsWith('keys')) continue;
        if (e.isDirectory()) walk(full);
        else files.push(`${rel} ${fs.statSync(full).size}`);
      }
    };
    walk(dataDir);
    return { rows, files: files.sort() };
  } finally {
    db.close();
  }
}

export interface TestIntake {
  url: string;
  dataDir: string;
  server: IntakeServer;
  pki: TestPki;
  /** Adds the organisation and enrols one device for it; the client is ready to upload. */
  enrolOrg(code: string, name: string, type: string): Promise<{ enrolment: Enrolment; client: IntakeClient }>;
  close(): Promise<void>;
}

export async function startTestIntake(
  options: Partial<IntakeServerOptions> & { pki?: TestPki } = {},
): Promise<TestIntake> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'baocao-intake-'));
  const pki = options.pki ?? createTestPki();
  await admin(dataDir, 'trust-root', [pki.caCertFile]);
  const server = await startIntakeServer({ port: 0, logger: false, ...options, dataDir });
  return {
    url: server.url,
    dataDir,
    server,
    pki,
    async enrolOrg(code, name, type) {
      const out = await admin(dataDir, 'add-org', ['--code', code, '--name', name, '--type', type]);
      const r = await enrol(server.url, enrolmentCodeOf(out), { deviceName: `Máy thử ${code}` });
      if (!r.ok) throw new Error(`enrolment failed: ${r.failure.message}`);
      const client = createIntakeClient({
        serverUrl: r.value.serverUrl,
        token: r.value.token,
        receiptCertificate: r.value.receiptCertificate,
      });
      return { enrolment: r.value, client };
    },
    async close() {
      await server.close();
    },
  };
}

export interface IntakeProcess {
  url: string;
  process: ChildProcess;
  output(): string;
  /** SIGKILL by default: a crash, not a shutdown. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/** `npm run server -- --data-dir DIR --port 0` exactly as an administrator starts it. */
export async function startIntakeProcess(dataDir: string, extraArgs: string[] = []): Promise<IntakeProcess> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'server/main.ts',
      '--data-dir',
      dataDir,
      '--port',
      '0',
      '--log-level',
      'warn',
      ...extraArgs,
    ],
    { cwd: repoRoot, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`intake server did not start:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /đang chạy tại (https?:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`intake server exited with ${code}:\n${output}`)));
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return {
    url,
    process: child,
    output: () => output,
    async kill(signal = 'SIGKILL') {
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

/** Sở KH&CN's officer (added with `add-officer`) accepts or returns a package through the officer API. */
export async function officerDecision(
  serverUrl: string,
  packageId: string,
  decision: 'accepted' | 'returned',
  reason?: string,
  officer = { username: 'ntlan', password: 'MatKhau-CanBo-2026' },
) {
  const post = async (p: string, body: unknown, token?: string) => {
    const r = await fetch(`${serverUrl}${p}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    const json = (await r.json()) as { value?: { token: string }; error?: { message: string } };
    if (!r.ok) throw new Error(`${p}: ${json.error?.message}`);
    return json.value!;
  };
  const { token } = await post('/api/v1/officer/login', officer);
  await post(
    `/api/v1/officer/packages/${packageId}/decision`,
    { decision, ...(reason ? { reason } : {}) },
    token,
  );
}
