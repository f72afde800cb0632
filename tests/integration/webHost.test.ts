import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { startWebServer, type WebServer } from '../../electron/web.ts';
import { CLIENT_HEADER } from '../../shared/transport.ts';
import {
  ADMIN_PASSWORD,
  FIXTURE_RESOURCES,
  adminInput,
  expectVietnamese,
  orgInput,
} from '../unit/helpers/setup.ts';

const INDEX_HTML = '<!doctype html><title>BaoCao thử nghiệm</title><div id="root"></div>';

let server: WebServer;
let tmp: string;
let base: string;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'baocao-web-'));
  const rendererDir = path.join(tmp, 'renderer');
  fs.mkdirSync(rendererDir);
  fs.writeFileSync(path.join(rendererDir, 'index.html'), INDEX_HTML);
  server = await startWebServer({
    dataDir: path.join(tmp, 'data'),
    port: 0,
    rendererDir,
    resourcesDir: FIXTURE_RESOURCES,
  });
  base = new URL(server.url).origin;
});

afterAll(async () => {
  await server?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

const CLIENT_A = 'client-A_0123456789';
const CLIENT_B = 'client-B_9876543210';

async function api(name: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${base}/api/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Reply };
}
interface Reply {
  ok: boolean;
  value?: unknown;
  error?: { code: string; message: string };
}
type Status = { setUp: boolean; user: { username: string } | null };
const status = (r: { json: Reply }) => r.json.value as Status;
const as = (clientId: string) => ({ authorization: `Bearer ${server.token}`, [CLIENT_HEADER]: clientId });

describe('the web host', () => {
  it('prints a URL on 127.0.0.1 carrying the token', () => {
    const url = new URL(server.url);
    expect(url.hostname).toBe('127.0.0.1');
    expect(url.searchParams.get('token')).toBe(server.token);
    expect(server.token.length).toBeGreaterThanOrEqual(16);
  });

  it('refuses API calls without the token or with a wrong one', async () => {
    const cases: Record<string, string>[] = [
      { [CLIENT_HEADER]: CLIENT_A },
      { authorization: 'Bearer sai-ma-truy-cap', [CLIENT_HEADER]: CLIENT_A },
      { authorization: server.token, [CLIENT_HEADER]: CLIENT_A },
      { authorization: `Bearer ${server.token}x`, [CLIENT_HEADER]: CLIENT_A },
    ];
    for (const headers of cases) {
      const r = await api('app.status', {}, headers);
      expect(r.status).toBe(401);
      expect(r.json.ok).toBe(false);
      expectVietnamese(r.json.error!.message);
    }
  });

  it('requires a well-formed client id', async () => {
    for (const id of [undefined, 'short', 'has spaces in it!!', 'x'.repeat(65)]) {
      const headers: Record<string, string> = { authorization: `Bearer ${server.token}` };
      if (id !== undefined) headers[CLIENT_HEADER] = id;
      const r = await api('app.status', {}, headers);
      expect(r.status, String(id)).toBe(400);
      expect(r.json.ok).toBe(false);
    }
  });

  it('answers a call with the right token and client id', async () => {
    const r = await api('app.status', {}, as(CLIENT_A));
    expect(r.status).toBe(200);
    expect(r.json.ok).toBe(true);
    expect(r.json.value).toMatchObject({ setUp: false, user: null });
  });

  it('refuses a Host other than 127.0.0.1 or localhost (DNS rebinding)', async () => {
    const port = new URL(base).port;
    const post = (host: string) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = http.request(
          {
            host: '127.0.0.1',
            port,
            path: '/api/app.status',
            method: 'POST',
            headers: { host, 'content-type': 'application/json', ...as(CLIENT_A) },
          },
          (res) => {
            let body = '';
            res.on('data', (c: Buffer) => (body += c.toString()));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
          },
        );
        req.on('error', reject);
        req.end('{}');
      });
    for (const host of [
      'evil.example',
      `evil.example:${port}`,
      `127.0.0.1.evil.example:${port}`,
      `localhost.evil.example`,
    ]) {
      const r = await post(host);
      expect(r.status, host).toBe(403);
      expect(r.body).not.toContain('"ok":true');
    }
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`])
      expect((await post(host)).status, host).toBe(200);
  });

  it('serves the renderer with a Content-Security-Policy', async () => {
    const res = await fetch(`${base}/`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(INDEX_HTML);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/default-src 'self'/);
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).not.toMatch(/unsafe-eval/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('never serves files outside the renderer folder, such as the database next to it', async () => {
    const port = new URL(base).port;
    const get = (p: string) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        http
          .get({ host: '127.0.0.1', port, path: p }, (res) => {
            let body = '';
            res.on('data', (c: Buffer) => (body += c.toString('latin1')));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
          })
          .on('error', reject);
      });
    expect(fs.existsSync(path.join(tmp, 'data', 'baocao.sqlite'))).toBe(true);
    for (const p of ['/../data/baocao.sqlite', '/%2e%2e/data/baocao.sqlite', '/..%2fdata%2fbaocao.sqlite']) {
      const r = await get(p);
      expect(r.status, p).toBeGreaterThanOrEqual(400);
      expect(r.body, p).not.toContain('SQLite format');
    }
  });

  it('answers an unknown address with the same envelope, in Vietnamese', async () => {
    const res = await fetch(`${base}/khong-co-trang-nay`);
    expect(res.status).toBe(404);
    const body = (await res.json()) as { ok: boolean; error: { code: string; message: string } };
    expect(body).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(body.error.message).toContain('Không tìm thấy');
  });

  it('a body that is not JSON still gets the usual error envelope, in Vietnamese', async () => {
    for (const body of ['{"username": "quantri", ', '']) {
      const res = await fetch(`${base}/api/auth.login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...as(CLIENT_A) },
        body,
      });
      expect(res.status).toBe(400);
      const json = (await res.json()) as Reply;
      expect(json.ok, JSON.stringify(json)).toBe(false);
      expect(json.error?.code).toBe('VALIDATION');
      expectVietnamese(json.error?.message ?? '');
    }
  });

  it('keeps a separate session per client id', async () => {
    const setup = await api(
      'setup.complete',
      { organization: orgInput(), admin: adminInput() },
      as(CLIENT_A),
    );
    expect(setup.status).toBe(200);
    expect(status(await api('app.status', {}, as(CLIENT_A))).user?.username).toBe('quantri');

    const other = await api('app.status', {}, as(CLIENT_B));
    expect(status(other)).toMatchObject({ setUp: true, user: null });
    const home = await api('home.get', {}, as(CLIENT_B));
    expect(home.status).toBe(401);
    expect(home.json.error!.code).toBe('UNAUTHENTICATED');

    // Logging out on B does not log A out.
    await api('auth.logout', {}, as(CLIENT_B));
    expect((await api('home.get', {}, as(CLIENT_A))).status).toBe(200);
  });

  it('maps errors to HTTP statuses and keeps the Vietnamese message', async () => {
    const bad = await api('auth.login', { username: 'quantri' }, as(CLIENT_B));
    expect(bad.status).toBe(400);
    expect(bad.json.error!.code).toBe('VALIDATION');
    expect(bad.json.error!.message).toContain('Mật khẩu');

    const wrong = await api('auth.login', { username: 'quantri', password: 'khong-dung' }, as(CLIENT_B));
    expect(wrong.status).toBe(401);
    expect(wrong.json.error!.code).toBe('INVALID_CREDENTIALS');

    const unknown = await api('users.delete', {}, as(CLIENT_B));
    expect(unknown.status).toBe(404);
    expect(unknown.json.error!.code).toBe('UNKNOWN_METHOD');

    const right = await api('auth.login', { username: 'quantri', password: ADMIN_PASSWORD }, as(CLIENT_B));
    expect(right.status).toBe(200);
    expect((await api('users.list', {}, as(CLIENT_B))).json.value).toHaveLength(1);
  });

  it('keeps its data in the data folder across restarts', async () => {
    const dataDir = path.join(tmp, 'data');
    const rendererDir = path.join(tmp, 'renderer');
    await server.close();
    server = await startWebServer({ dataDir, port: 0, rendererDir, resourcesDir: FIXTURE_RESOURCES });
    base = new URL(server.url).origin;
    const r = await api('app.status', {}, as(CLIENT_A));
    // A restart issues a new token and forgets sessions, but the department is still set up.
    expect(status(r)).toMatchObject({ setUp: true, user: null });
  });
});
