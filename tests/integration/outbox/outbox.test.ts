import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createServices, defaultResourcesDir } from '../../../electron/services/index.ts';
import type { MethodOutput } from '../../../shared/api.ts';
import { backoffDelay } from '../../../electron/services/outbox/outboxSender.ts';
import { verifyReceipt } from '../../../electron/services/outbox/intakeClient.ts';
import { startIntakeServer } from '../../../server/startServer.ts';
import { admin, snapshotStore, startIntakeProcess } from '../../support/intakeServer.ts';
import { expectError, expectOk } from '../../unit/helpers/setup.ts';
import { setUpSending, type Sending } from './sending.ts';

type List = MethodOutput<'outbox.list'>;
type View = MethodOutput<'workflow.get'>;

describe('the outbox sends each issued package to the real intake server, once', () => {
  let s: Sending;
  afterEach(async () => s?.close(), 30_000);

  const list = async () => expectOk<List>(await s.chain.vanThu.call('outbox.list', {}));

  it('issue → queued → sent with a verified receipt; Sở KH&CN returns it and the clerk reads why', async () => {
    s = await setUpSending();
    const connection = (await list()).connection!;
    expect(connection.organization.code).toBe('SKHCN');
    expect(connection.problem).toBeNull();

    const issued = await s.issueSigned();
    expect((await list()).items.map((i) => [i.number, i.state])).toEqual([[issued.issue.number, 'queued']]);

    expect(await s.chain.services.sender.sendOne()).toBe('sent');
    const [sent] = (await list()).items;
    expect(sent!.state).toBe('sent');
    expect(sent!.receipt!.receiptId).toMatch(/^[0-9a-f-]{36}$/);
    expect(sent!.remoteStatus).toBe('received');
    // The receipt kept is the server's, and checks against the certificate pinned at enrolment.
    const jws = Buffer.from(
      expectOk<{ dataBase64: string }>(await s.chain.clerk('outbox.receipt', { packageId: sent!.packageId }))
        .dataBase64,
      'base64',
    ).toString('utf8');
    const pinned = s.chain.services.db
      .prepare('SELECT receipt_certificate FROM intake_connection')
      .pluck()
      .get() as string;
    const check = verifyReceipt(jws, pinned);
    expect(check.ok && check.receipt.packageId).toBe(issued.issue.packageId);
    // Nothing left to send.
    expect(await s.chain.services.sender.sendOne()).toBe('idle');

    await s.decide(sent!.packageId, 'returned', 'Chỉ tiêu CT02 thiếu số liệu của quý II.');
    expect(expectOk<{ updated: number }>(await s.chain.clerk('outbox.refreshStatus', {})).updated).toBe(1);
    const view = expectOk<View>(await s.chain.clerk('workflow.get', { id: issued.meta.id }));
    expect(view.sending.map((x) => [x.remoteStatus, x.remoteReason])).toEqual([
      ['returned', 'Chỉ tiêu CT02 thiếu số liệu của quý II.'],
    ]);
  }, 120_000);

  it('server down: waits with a growing delay, then sends when it is back; nothing is duplicated', async () => {
    s = await setUpSending();
    const port = Number(new URL(s.intake.url).port);
    await s.intake.server.close();
    const issued = await s.issueSigned();

    const before = Date.now();
    expect(await s.chain.services.sender.sendOne()).toBe('retry');
    const [waiting] = (await list()).items;
    expect(waiting!.state).toBe('queued');
    expect(waiting!.attempts).toBe(1);
    expect(waiting!.lastError).toMatch(/Không kết nối được máy chủ Sở KH&CN/);
    // First retry after 15–30 s (30 s base, jitter), not at once.
    const wait = Date.parse(waiting!.nextAttemptAt) - before;
    expect(wait).toBeGreaterThanOrEqual(14_000);
    expect(wait).toBeLessThanOrEqual(31_000);
    expect(await s.chain.services.sender.sendOne()).toBe('idle');
    expect(backoffDelay(5, 0.999)).toBeGreaterThan(backoffDelay(4, 0.999));
    expect(backoffDelay(30, 0.999)).toBeLessThanOrEqual(60 * 60_000);

    // Back on the same address; "Gửi lại" makes it due now.
    const again = await startIntakeServer({ port, logger: false, dataDir: s.intake.dataDir });
    try {
      expectOk(await s.chain.vanThu.call('outbox.retry', { packageId: issued.issue.packageId }));
      expect(await s.chain.services.sender.sendOne()).toBe('sent');
      expect((await list()).items[0]!.attempts).toBe(2);
    } finally {
      await again.close();
    }
  }, 120_000);

  it('an upload cut off after the server stored it is sent again at the next start and gets the same receipt', async () => {
    s = await setUpSending();
    const issued = await s.issueSigned();
    // The first attempt reached the server, then the PC lost power before storing the receipt:
    // the row is still "sending" when BaoCao starts again.
    const { sender } = s.chain.services;
    const client = sender.client();
    if (typeof client === 'string') throw new Error(client);
    const pkg = sender.packageFor(issued.issue.packageId);
    if (!pkg || typeof pkg === 'string') throw new Error(String(pkg));
    const first = await client.uploadPackage(pkg);
    expect(first.ok && first.value.duplicate).toBe(false);
    s.chain.services.db
      .prepare("UPDATE outbox SET state = 'sending', attempts = 1 WHERE package_id = ?")
      .run(issued.issue.packageId);
    expect((await list()).items[0]!.state).toBe('sending');

    s.chain.services.sender.start();
    await s.chain.services.sender.idle();
    const resent = (await list()).items[0]!;
    expect(resent.state).toBe('sent');
    expect(resent.receipt!.receiptId).toBe(first.ok && first.value.receipt.receiptId);
    expect(resent.attempts).toBe(2);
    s.chain.services.sender.stop();
  }, 120_000);

  it('the server SIGKILLed mid-upload and restarted: the package arrives once, no partial files stay', async () => {
    s = await setUpSending();
    // The same data folder served by `npm run server` in its own process, on the enrolled port.
    const port = new URL(s.intake.url).port;
    await s.intake.server.close();
    let server = await startIntakeProcess(s.intake.dataDir, ['--port', port]);
    const issued = await s.issueSigned();
    const { sender } = s.chain.services;
    const sending = sender.sendOne();
    await server.kill('SIGKILL');
    const first = await sending;
    // Killed before or after it answered: either way nothing is lost.
    expect(['retry', 'sent']).toContain(first);
    server = await startIntakeProcess(s.intake.dataDir, ['--port', port]);
    try {
      if (first === 'retry') {
        expectOk(await s.chain.vanThu.call('outbox.retry', { packageId: issued.issue.packageId }));
        expect(await sender.sendOne()).toBe('sent');
      }
      const item = (await list()).items[0]!;
      expect(item.state).toBe('sent');
      const client = sender.client();
      if (typeof client === 'string') throw new Error(client);
      const status = await client.fetchStatus();
      expect(status.ok && status.value.packages.map((p) => p.packageId)).toEqual([issued.issue.packageId]);
      // The server swept what the killed upload left in tmp/ at its start.
      const files = snapshotStore(s.intake.dataDir).files;
      expect(files.filter((f) => f.startsWith('tmp/'))).toEqual([]);
    } finally {
      await server.kill('SIGTERM');
    }
  }, 120_000);

  it('the app closed with packages queued sends them when it starts again; a file changed on disk is never sent', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'baocao-outbox-'));
    s = await setUpSending({ dataDir });
    const port = Number(new URL(s.intake.url).port);
    await s.intake.server.close();
    const kept = await s.issueSigned();
    const tampered = await s.issueSigned();
    expect(await s.chain.services.sender.sendOne()).toBe('retry');
    s.closeDepartment();
    // Someone edits an issued PDF in the data folder while BaoCao is closed.
    const pdf = tampered.issue.files.find((f) => f.role === 'pdf')!.sha256;
    const stored = fs
      .readdirSync(path.join(dataDir, 'issued'), { recursive: true, withFileTypes: true })
      .find((e) => e.isFile() && e.name.startsWith(pdf))!;
    fs.appendFileSync(path.join(stored.parentPath, stored.name), '% thêm một dòng\n');

    const server = await startIntakeServer({ port, logger: false, dataDir: s.intake.dataDir });
    const reopened = createServices({ dataDir, resourcesDir: defaultResourcesDir(), sendOutbox: true });
    try {
      const state = (id: string) =>
        reopened.db.prepare('SELECT state, last_error FROM outbox WHERE package_id = ?').get(id) as {
          state: string;
          last_error: string | null;
        };
      // The one that failed once waits for its backoff; "Gửi ngay" is what a văn thư would press.
      reopened.sender.kick();
      await expect.poll(() => state(tampered.issue.packageId).state, { timeout: 30_000 }).toBe('failed');
      expect(state(tampered.issue.packageId).last_error).toMatch(/bị thiếu hoặc bị thay đổi/);
      reopened.db
        .prepare('UPDATE outbox SET next_attempt_at = ? WHERE package_id = ?')
        .run(new Date().toISOString(), kept.issue.packageId);
      reopened.sender.kick();
      await expect.poll(() => state(kept.issue.packageId).state, { timeout: 30_000 }).toBe('sent');
    } finally {
      reopened.close();
      await server.close();
    }
  }, 180_000);

  it('a revoked device is told to enrol again, and sends once it has', async () => {
    s = await setUpSending();
    const issued = await s.issueSigned();
    await admin(s.intake.dataDir, 'revoke-device', ['--org', 'SKHCN', '--all']);
    expect(await s.chain.services.sender.sendOne()).toBe('failed');
    const [failed] = (await list()).items;
    expect(failed!.state).toBe('failed');
    expect(failed!.lastError).toMatch(/đăng ký lại/);
    // A failed package waits for a person; the clerk may not resend, the văn thư may.
    expect(await s.chain.services.sender.sendOne()).toBe('idle');
    expectError(await s.chain.clerk('outbox.retry', { packageId: issued.issue.packageId }), 'FORBIDDEN');

    const code = await admin(s.intake.dataDir, 'enrol-code', ['--org', 'SKHCN']);
    const enrolment = /([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4})/.exec(code.out.join('\n'))![1]!;
    expectOk(await s.chain.dept.call('outbox.enrol', { serverUrl: s.intake.url, code: enrolment }));
    expectOk(await s.chain.vanThu.call('outbox.retry', { packageId: issued.issue.packageId }));
    expect(await s.chain.services.sender.sendOne()).toBe('sent');
  }, 120_000);

  it('refuses an enrolment code of another department, and changes nothing', async () => {
    s = await setUpSending();
    const other = await admin(s.intake.dataDir, 'add-org', [
      '--code',
      'SCT',
      '--name',
      'Sở Công Thương',
      '--type',
      'so_ban_nganh',
    ]);
    const code = /([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4})/.exec(other.out.join('\n'))![1]!;
    const before = (await list()).connection;
    const refused = expectError(
      await s.chain.dept.call('outbox.enrol', { serverUrl: s.intake.url, code }),
      'VALIDATION',
    );
    expect(refused.message).toContain('không phải của cơ quan này');
    expect((await list()).connection).toEqual(before);
  }, 120_000);
});
