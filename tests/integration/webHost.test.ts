import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { startWebServer, type WebServer } from '../../electron/web.ts';
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

interface Reply {
  ok: boolean;
  value?: unknown;
  error?: { code: string; message: string };
}
type Status = { setUp: boolean; user: { username: string } | null };
const status = (r: { json: Reply }) => r.json.value as Status;

/** A browser: opens the one-time address, keeps the cookie it is given, calls from our origin. */
class Browser {
  cookie = '';
  constructor(public base: string) {}
  take(res: Response) {
    const set = res.headers.getSetCookie().find((c) => c.startsWith('baocao_session='));
    if (set) this.cookie = set.split(';')[0]!;
    return set;
  }
  async open(url: string) {
    const res = await fetch(url, { redirect: 'manual', headers: this.cookie ? { cookie: this.cookie } : {} });
    this.take(res);
    return res;
  }
  async api(name: string, body: unknown, headers: Record<string, string> = {}) {
    const res = await fetch(`${this.base}/api/${name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: this.base, cookie: this.cookie, ...headers },
      body: JSON.stringify(body),
    });
    const rotated = this.take(res);
    return { status: res.status, json: (await res.json()) as Reply, rotated };
  }
}

/** A browser that has opened the current one-time address. */
async function browser() {
  const b = new Browser(base);
  const res = await b.open(server.url);
  expect(res.status).toBe(303);
  return b;
}

let A: Browser;
let B: Browser;

describe('the web host', () => {
  it('prints a URL on 127.0.0.1 carrying a one-time token', () => {
    const url = new URL(server.url);
    expect(url.hostname).toBe('127.0.0.1');
    expect(url.searchParams.get('token')).toBe(server.token);
    expect(server.token.length).toBeGreaterThanOrEqual(16);
  });

  it('exchanges the token once for an HttpOnly SameSite=Strict cookie and drops it from the address', async () => {
    const first = server.url;
    const b = new Browser(base);
    const res = await b.open(`${first}&view=reports`);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/?view=reports');
    const cookie = res.headers.getSetCookie().join('\n');
    expect(cookie).toMatch(/baocao_session=[\w-]{43}; Path=\/; HttpOnly; SameSite=Strict/);
    // The token is spent: another browser opening the same address is refused and told what to do.
    const again = await new Browser(base).open(first);
    expect(again.status).toBe(401);
    expectVietnamese(await again.text());
    expect(server.url).not.toBe(first);
    // The browser that has its cookie still gets the app, without a token in the address.
    const page = await b.open(`${base}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toBe(INDEX_HTML);
    A = b;
    B = await browser();
  });

  it('refuses API calls without a session the server issued, and creates none for made-up ones', async () => {
    for (const cookie of ['', 'baocao_session=abc', `baocao_session=${'A'.repeat(43)}`]) {
      const r = await new Browser(base).api('app.status', {}, { cookie });
      expect(r.status).toBe(401);
      expect(r.json.error!.code).toBe('UNAUTHENTICATED');
      expectVietnamese(r.json.error!.message);
      expect(r.rotated).toBeUndefined();
    }
    // The old bearer token means nothing now.
    const bearer = await new Browser(base).api('app.status', {}, { authorization: `Bearer ${server.token}` });
    expect(bearer.status).toBe(401);
  });

  it('refuses calls from another origin, even with the cookie (another port is same-site)', async () => {
    for (const origin of ['http://127.0.0.1:1', 'http://evil.example', 'null']) {
      const r = await A.api('app.status', {}, { origin });
      expect(r.status, origin).toBe(403);
      expectVietnamese(r.json.error!.message);
    }
    const none = await fetch(`${base}/api/app.status`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: A.cookie },
      body: '{}',
    });
    expect(none.status).toBe(403);
  });

  it('answers a call with the cookie from our own page', async () => {
    const r = await A.api('app.status', {});
    expect(r.status).toBe(200);
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
            headers: { host, origin: `http://${host}`, 'content-type': 'application/json', cookie: A.cookie },
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
    const res = await A.open(`${base}/`);
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
      // Refused in the envelope, in Vietnamese, whatever part of the host refused it.
      const body = JSON.parse(r.body) as Reply;
      expect(body.ok).toBe(false);
      expectVietnamese(body.error!.message);
    }
  });

  it('answers every refusal in the Vietnamese envelope, with a message that fits the case', async () => {
    const port = new URL(base).port;
    const raw = (method: string, p: string, headers: Record<string, string> = {}, body?: string) =>
      new Promise<{ status: number; json: Reply }>((resolve, reject) => {
        const req = http.request({ host: '127.0.0.1', port, path: p, method, headers }, (res) => {
          let text = '';
          res.on('data', (c: Buffer) => (text += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) as Reply }));
        });
        req.on('error', reject);
        req.end(body);
      });
    const own = { origin: base, cookie: A.cookie };
    const cases: [Promise<{ status: number; json: Reply }>, number, RegExp][] = [
      [raw('GET', '/%E0%A4%A'), 400, /Địa chỉ không hợp lệ/],
      [raw('GET', '/khong-co-trang-nay'), 404, /Không tìm thấy/],
      [raw('GET', '/api/app.status'), 404, /phương thức POST/],
      [raw('POST', '/api/app.status', { ...own, 'content-type': 'text/plain' }, '{}'), 415, /JSON/],
      [
        raw('POST', '/api/app.status', { ...own, 'content-type': 'application/json' }, ''),
        400,
        /không có nội dung/,
      ],
      [
        raw('POST', '/api/app.status', { ...own, 'content-type': 'application/json' }, '{"a": '),
        400,
        /không phải JSON/,
      ],
    ];
    for (const [pending, code, message] of cases) {
      const r = await pending;
      expect(r.status, String(message)).toBe(code);
      expect(r.json.ok).toBe(false);
      expect(r.json.error!.message).toMatch(message);
      expectVietnamese(r.json.error!.message);
    }
  });

  it('keeps a separate session per browser', async () => {
    const setup = await A.api('setup.complete', { organization: orgInput(), admin: adminInput() });
    expect(setup.status).toBe(200);
    expect(status(await A.api('app.status', {})).user?.username).toBe('quantri');

    const other = await B.api('app.status', {});
    expect(status(other)).toMatchObject({ setUp: true, user: null });
    const home = await B.api('home.get', {});
    expect(home.status).toBe(401);
    expect(home.json.error!.code).toBe('UNAUTHENTICATED');

    // Logging out on B does not log A out.
    await B.api('auth.logout', {});
    expect((await A.api('home.get', {})).status).toBe(200);
  });

  it('maps errors to HTTP statuses and keeps the Vietnamese message', async () => {
    const bad = await B.api('auth.login', { username: 'quantri' });
    expect(bad.status).toBe(400);
    expect(bad.json.error!.code).toBe('VALIDATION');
    expect(bad.json.error!.message).toContain('Mật khẩu');

    const wrong = await B.api('auth.login', { username: 'quantri', password: 'khong-dung' });
    expect(wrong.status).toBe(401);
    expect(wrong.json.error!.code).toBe('INVALID_CREDENTIALS');

    const unknown = await B.api('users.delete', {});
    expect(unknown.status).toBe(404);
    expect(unknown.json.error!.code).toBe('UNKNOWN_METHOD');

    const right = await B.api('auth.login', { username: 'quantri', password: ADMIN_PASSWORD });
    expect(right.status).toBe(200);
    expect((await B.api('users.list', {})).json.value).toHaveLength(1);
  });

  it('issues a new session identifier at login: one known before it is worth nothing after', async () => {
    const victim = await browser();
    const planted = victim.cookie;
    const login = await victim.api('auth.login', { username: 'quantri', password: ADMIN_PASSWORD });
    expect(login.status).toBe(200);
    expect(login.rotated).toBeTruthy();
    expect(victim.cookie).not.toBe(planted);
    expect((await victim.api('home.get', {})).status).toBe(200);
    // Whoever knew the identifier from before the login has nothing.
    const attacker = new Browser(base);
    attacker.cookie = planted;
    expect((await attacker.api('home.get', {})).status).toBe(401);
    // Logging out also replaces it.
    const before = victim.cookie;
    await victim.api('auth.logout', {});
    expect(victim.cookie).not.toBe(before);
  });

  it('requests with hundreds of made-up sessions push no logged-in user out', async () => {
    for (let i = 0; i < 300; i++) {
      const intruder = new Browser(base);
      intruder.cookie = `baocao_session=${crypto.randomBytes(32).toString('base64url')}`;
      expect((await intruder.api('app.status', {})).status).toBe(401);
    }
    expect((await A.api('home.get', {})).status).toBe(200);
    expect((await B.api('users.list', {})).status).toBe(200);
  });

  it('keeps its data in the data folder across restarts', async () => {
    const dataDir = path.join(tmp, 'data');
    const rendererDir = path.join(tmp, 'renderer');
    await server.close();
    server = await startWebServer({ dataDir, port: 0, rendererDir, resourcesDir: FIXTURE_RESOURCES });
    base = new URL(server.url).origin;
    // A restart issues a new token and forgets sessions, but the department is still set up.
    A.base = base;
    expect((await A.api('app.status', {})).status).toBe(401);
    const fresh = await browser();
    expect(status(await fresh.api('app.status', {}))).toMatchObject({ setUp: true, user: null });
  });
});
