import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../electron/services/logging/logger.ts';
import { redactText } from '../../electron/services/logging/redact.ts';
import { createServices } from '../../electron/services/index.ts';
import {
  ADMIN_PASSWORD,
  FIXTURE_RESOURCES,
  adminInput,
  caller,
  expectOk,
  newSession,
  orgInput,
} from './helpers/setup.ts';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'baocao-log-'));
const allText = (dir: string) =>
  fs
    .readdirSync(dir)
    .map((f) => fs.readFileSync(path.join(dir, f), 'utf8'))
    .join('');

const SECRETS: [string, string, string, string] = [
  'MatKhau-Bi-Mat-2026',
  '123456', // a token PIN
  'tok_3f9a8b7c6d5e4f3a2b1c',
  'Zm9vYmFyYmF6cXV4',
];

describe('the main-process log', () => {
  it('never writes a password, PIN or token, whichever way it arrives', () => {
    const dir = tmp();
    const log = createLogger({ dir });
    log.info('login attempt', { username: 'quantri', password: SECRETS[0] });
    log.info('token signing', {
      slot: 1,
      pin: SECRETS[1],
      nested: { deeper: { soPin: SECRETS[1], userPIN: SECRETS[1] } },
    });
    log.warn(`web host started at http://127.0.0.1:5180/?token=${SECRETS[2]}`);
    log.warn('request', { headers: { authorization: `Bearer ${SECRETS[2]}`, cookie: `s=${SECRETS[2]}` } });
    log.error('signing failed', new Error(`C_Login failed with PIN ${SECRETS[1]} (mật khẩu: ${SECRETS[0]})`));
    log.error('bad body', { body: `{"currentPassword":"${SECRETS[0]}","newPassword":"${SECRETS[0]}x"}` });
    log.info('upload', { dataBase64: SECRETS[3].repeat(100), fileName: 'bao-cao.pdf' });
    log.info('config', { p12: Buffer.from(SECRETS[0]), passphrase: SECRETS[0], apiToken: SECRETS[2] });
    const cyclic: Record<string, unknown> = { password: SECRETS[0] };
    cyclic.self = cyclic;
    log.info('cyclic', cyclic);
    log.close();

    const text = allText(dir);
    for (const s of SECRETS) expect(text).not.toContain(s);
    // What support needs is still there.
    expect(text).toContain('quantri');
    expect(text).toContain('bao-cao.pdf');
    expect(text).toContain('C_Login failed');
    expect(text).toContain('[đã ẩn]');
    // One JSON object per line, with time and level.
    for (const line of text.trim().split('\n')) {
      const o = JSON.parse(line) as { time: string; level: string; msg: string };
      expect(o.level).toMatch(/^(info|warn|error)$/);
      expect(Date.parse(o.time)).not.toBeNaN();
    }
  });

  it('rotates at its size limit, keeping a fixed number of files', () => {
    const dir = tmp();
    const log = createLogger({ dir, maxBytes: 10_000, keep: 2 });
    for (let i = 0; i < 400; i++) log.info(`dòng số ${i}`, { i });
    log.close();
    expect(fs.readdirSync(dir).sort()).toEqual(['main.1.log', 'main.2.log', 'main.log']);
    for (const f of fs.readdirSync(dir))
      expect(fs.statSync(path.join(dir, f)).size).toBeLessThanOrEqual(10_000);
    // The newest line is in main.log, the export has them oldest first.
    expect(fs.readFileSync(path.join(dir, 'main.log'), 'utf8')).toContain('dòng số 399');
  });

  it('"Xuất nhật ký lỗi" hands over the log, scrubbed again, as a dated text file', async () => {
    const dir = tmp();
    const log = createLogger({ dir });
    const services = createServices({ resourcesDir: FIXTURE_RESOURCES, log });
    const call = caller(services, newSession());
    expectOk(await call('setup.complete', { organization: orgInput(), admin: adminInput() }));
    // A wrong login and an internal failure both leave lines; neither carries the password.
    await call('auth.login', { username: 'quantri', password: ADMIN_PASSWORD + 'x' });
    log.error('an old line written before redaction existed: password=' + ADMIN_PASSWORD);
    fs.appendFileSync(path.join(dir, 'main.log'), `{"msg":"raw line with token=${SECRETS[2]}"}\n`);
    const file = expectOk<{ fileName: string; mime: string; dataBase64: string }>(
      await call('logs.export', {}),
    );
    expect(file.fileName).toMatch(/^baocao-nhat-ky-\d{4}-\d{2}-\d{2}\.log$/);
    const text = Buffer.from(file.dataBase64, 'base64').toString('utf8');
    expect(text).toContain('Nhật ký BaoCao');
    expect(text).toContain('an old line');
    expect(text).not.toContain(ADMIN_PASSWORD);
    expect(text).not.toContain(SECRETS[2]);
    services.close();
    log.close();
  });

  it('text scrubbing leaves ordinary Vietnamese alone', () => {
    const s = 'Báo cáo 6 tháng đầu năm 2026 của Sở Khoa học và Công nghệ, chỉ tiêu 3 đạt 85%';
    expect(redactText(s)).toBe(s);
    expect(redactText(`ở ${os.homedir()}/BaoCao`)).toBe('ở ~/BaoCao');
  });
});
