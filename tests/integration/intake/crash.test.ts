import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createIntakeClient, enrol } from '../../../electron/services/outbox/intakeClient.ts';
import {
  admin,
  enrolmentCodeOf,
  snapshotStore,
  startIntakeProcess,
  type IntakeProcess,
} from '../../support/intakeServer.ts';
import { makePackage, packageForm } from '../../support/testPackages.ts';
import { createTestPki } from '../../support/testPki.ts';

/**
 * The server process SIGKILLed while a package is streaming in: after the restart no partial file
 * is left anywhere, nothing was stored, and the retried upload arrives exactly once.
 */

let running: IntakeProcess | null = null;
afterEach(async () => {
  await running?.kill();
  running = null;
});

const listTmp = (dataDir: string) =>
  fs.existsSync(path.join(dataDir, 'tmp'))
    ? fs.readdirSync(path.join(dataDir, 'tmp'), { recursive: true })
    : [];

describe('a server killed mid-upload', () => {
  it('leaves no partial files after restart, and the retried upload arrives once', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'baocao-intake-crash-'));
    const pki = createTestPki();
    const cert = pki.issue('sct', 'Sở Công Thương tỉnh Bắc Ninh');
    await admin(dataDir, 'trust-root', [pki.caCertFile]);
    const code = enrolmentCodeOf(
      await admin(dataDir, 'add-org', [
        '--code',
        'SCT',
        '--name',
        'Sở Công Thương',
        '--type',
        'so_ban_nganh',
      ]),
    );

    running = await startIntakeProcess(dataDir);
    const enrolled = await enrol(running.url, code);
    if (!enrolled.ok) throw new Error(enrolled.failure.message);
    const evidence = Buffer.from('Minh chứng hoạt động tuyên truyền. '.repeat(120_000));
    const pkg = await makePackage({
      signer: cert,
      extraFiles: [{ name: 'minh-chứng.txt', bytes: evidence, mime: 'text/plain' }],
    });
    const form = new Response(packageForm(pkg));
    const body = Buffer.from(await form.arrayBuffer());

    // Half the body goes out; once the server has started writing it to disk, the server dies.
    const u = new URL(`${running.url}/api/v1/packages`);
    const req = http.request({
      host: u.hostname,
      port: u.port,
      path: u.pathname,
      method: 'POST',
      headers: {
        'content-type': form.headers.get('content-type')!,
        'content-length': body.length,
        authorization: `Bearer ${enrolled.value.token}`,
      },
    });
    const requestDone = new Promise<string>((resolve) => {
      req.on('error', (e) => resolve(`error: ${e.message}`));
      req.on('response', (res) => resolve(`status ${res.statusCode}`));
    });
    req.write(body.subarray(0, Math.floor(body.length / 2)));
    await expect
      .poll(() => listTmp(dataDir).some((f) => fs.statSync(path.join(dataDir, 'tmp', String(f))).size > 0), {
        timeout: 10_000,
      })
      .toBe(true);
    await running.kill('SIGKILL');
    expect(await requestDone).toMatch(/^error/);
    expect(listTmp(dataDir).length).toBeGreaterThan(0);

    // A package whose row never committed (a kill between the rename and the row), and one in
    // the folder layout of before the tar files.
    const orphan = path.join(dataDir, 'packages', 'ab', 'abababab-0000-4000-8000-000000000000.x.tar');
    fs.mkdirSync(path.dirname(orphan), { recursive: true });
    fs.writeFileSync(orphan, Buffer.alloc(1024));
    const oldOrphan = path.join(dataDir, 'packages', 'ab', 'abababab-0000-4000-8000-000000000001.x');
    fs.mkdirSync(oldOrphan, { recursive: true });
    fs.writeFileSync(path.join(oldOrphan, 'manifest.json'), '{}');

    running = await startIntakeProcess(dataDir);
    expect(listTmp(dataDir)).toEqual([]);
    expect(fs.existsSync(orphan)).toBe(false);
    expect(fs.existsSync(oldOrphan)).toBe(false);
    const afterRestart = snapshotStore(dataDir);
    expect(afterRestart.rows.packages).toEqual([]);
    expect(afterRestart.files.filter((f) => f.startsWith('packages/'))).toEqual([]);

    const client = createIntakeClient({
      serverUrl: running.url,
      token: enrolled.value.token,
      receiptCertificate: enrolled.value.receiptCertificate,
    });
    const outgoing = { manifest: pkg.manifestBytes, signature: pkg.signature, files: pkg.files };
    const first = await client.uploadPackage(outgoing);
    if (!first.ok) throw new Error(first.failure.message);
    expect(first.value.duplicate).toBe(false);
    const again = await client.uploadPackage(outgoing);
    if (!again.ok) throw new Error(again.failure.message);
    expect(again.value.duplicate).toBe(true);
    expect(again.value.receiptJws).toBe(first.value.receiptJws);
    const final = snapshotStore(dataDir);
    expect(final.rows.packages).toHaveLength(1);
    const stored = final.files.filter((f) => f.startsWith('packages/'));
    expect(stored).toHaveLength(1);
    // The 4 MB evidence came over the socket in many chunks, held in memory and written later:
    // the stored bytes are the ones sent.
    const tarFile = path.join(dataDir, stored[0]!.split(' ')[0]!);
    const evidenceSha = pkg.manifest.files.find((f) => f.name === 'minh-chứng.txt')!.sha256;
    expect(
      execFileSync('tar', ['-xOf', tarFile, evidenceSha], { maxBuffer: 64 << 20 }).equals(evidence),
    ).toBe(true);
    expect(listTmp(dataDir)).toEqual([]);
  }, 120_000);
});
