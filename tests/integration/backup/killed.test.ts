import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MethodOutput } from '../../../shared/api.ts';
import { expectOk } from '../../unit/helpers/setup.ts';
import { changeSomething, departmentOnDisk, openHost, snapshot, tempDir } from './support.ts';

const child = fileURLToPath(new URL('./restoreChild.ts', import.meta.url));

function run(dataDir: string, fileName: string, killAt?: string) {
  return new Promise<{ steps: string[]; signal: NodeJS.Signals | null; code: number | null; stderr: string }>(
    (resolve) => {
      const p = spawn(
        process.execPath,
        ['--import', 'tsx', child, dataDir, fileName, ...(killAt ? [killAt] : [])],
        {
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let out = '';
      let err = '';
      p.stdout.on('data', (c) => (out += c));
      p.stderr.on('data', (c) => (err += c));
      p.on('exit', (code, signal) =>
        resolve({ steps: out.split('\n').filter(Boolean), signal, code, stderr: err }),
      );
    },
  );
}

let template: string;
let fileName: string;
let backedUp: ReturnType<typeof snapshot>;
let current: ReturnType<typeof snapshot>;

beforeAll(async () => {
  const d = await departmentOnDisk();
  fileName = expectOk<MethodOutput<'backup.create'>>(await d.admin('backup.create', {})).fileName;
  backedUp = snapshot(d.host, d.dataDir);
  await changeSomething(d);
  current = snapshot(d.host, d.dataDir);
  await d.host.close();
  template = d.dataDir;
}, 60_000);

const copyOfTemplate = () => {
  const dir = tempDir('baocao-killed-');
  fs.cpSync(template, dir, { recursive: true });
  return dir;
};

async function dataAfterStart(dir: string) {
  const host = await openHost(dir);
  try {
    return snapshot(host, dir);
  } finally {
    await host.close();
  }
}

describe('a restore killed with SIGKILL at any step', () => {
  it('leaves either the old data or the restored data, whole, never a mixture', async () => {
    const full = await run(copyOfTemplate(), fileName);
    expect(full.code, full.stderr).toBe(0);
    const steps = full.steps.filter((s) => s !== 'done');
    expect(steps).toEqual([
      'unpacking',
      'staged',
      'safety-backup',
      'committed',
      'aside:baocao.sqlite-wal',
      'aside:baocao.sqlite-shm',
      'aside:baocao.sqlite',
      'placed:baocao.sqlite',
      'aside:attachments',
      'placed:attachments',
      'marker-removed',
    ]);
    const decided = steps.indexOf('committed');
    for (const [i, killAt] of steps.entries()) {
      const dir = copyOfTemplate();
      const r = await run(dir, fileName, killAt);
      expect(r.signal, `${killAt}: ${r.stderr}`).toBe('SIGKILL');
      expect(r.steps.at(-1)).toBe(killAt);
      // The next start finishes a decided restore, or throws away an undecided one.
      const after = await dataAfterStart(dir);
      expect(after, `killed at ${killAt}`).toEqual(i < decided ? current : backedUp);
      expect(
        fs.readdirSync(dir).filter((f) => f.startsWith('.restore') || f === 'restore-pending.json'),
      ).toEqual([]);
    }
  }, 180_000);
});
