import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createIntakeClient,
  enrol,
  normalizeServerUrl,
} from '../../../electron/services/outbox/intakeClient.ts';
import { createTestPki } from '../../support/testPki.ts';

// Real processes, openssl and fsync on a shared two-core machine: generous limits, never a speed test.
vi.setConfig({ testTimeout: 60_000 });

/**
 * How the desktop's client reads every kind of failure: what the clerk is told and whether the
 * outbox may simply try again. Each case is a real HTTP exchange with a small local server.
 */

const servers: http.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

async function serve(handler: http.RequestListener): Promise<string> {
  const s = http.createServer(handler);
  servers.push(s);
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  return `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
}

const cert = createTestPki().issue('srv', 'Máy chủ thử').certPem;
const pkg = {
  manifest: Buffer.from('{"packageId":"x"}'),
  signature: Buffer.from([1]),
  files: [{ name: 'a.txt', bytes: Buffer.from('a') }],
};
const clientFor = (url: string, timeoutMs = 2000) =>
  createIntakeClient({
    serverUrl: url,
    token: 'bcd_test-token-123',
    receiptCertificate: cert,
    timeoutMs,
    uploadTimeoutMs: timeoutMs,
  });

const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): http.RequestListener =>
  (req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    });
  };

describe('intake client failures', () => {
  it('no server listening: network, retry', async () => {
    const url = await serve(() => undefined);
    const port = new URL(url).port;
    await new Promise((r) => servers.pop()!.close(r));
    const r = await clientFor(`http://127.0.0.1:${port}`).fetchStatus();
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.failure).toMatchObject({ kind: 'network', retryable: true, status: null });
    expect(r.failure.message).toMatch(/Không kết nối được máy chủ Sở KH&CN/);
  });

  it('no answer in time: timeout, retry', async () => {
    const url = await serve(() => undefined);
    const r = await clientFor(url, 300).uploadPackage(pkg);
    expect(!r.ok && r.failure).toMatchObject({ kind: 'timeout', retryable: true });
  });

  it('5xx, even an HTML page from a proxy: server, retry', async () => {
    const url = await serve((req, res) => {
      req.resume();
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end('<html>Bad Gateway</html>');
    });
    const r = await clientFor(url).uploadPackage(pkg);
    expect(!r.ok && r.failure).toMatchObject({ kind: 'server', retryable: true, status: 502 });
    expect(!r.ok && r.failure.message).toMatch(/mã HTTP 502/);
  });

  it('429 with Retry-After: rate limited, retry later', async () => {
    const url = await serve(
      json(
        429,
        { ok: false, error: { code: 'RATE_LIMITED', message: 'Gửi quá nhiều yêu cầu' } },
        { 'retry-after': '42' },
      ),
    );
    const r = await clientFor(url).uploadPackage(pkg);
    expect(!r.ok && r.failure).toMatchObject({
      kind: 'rate_limited',
      retryable: true,
      retryAfterMs: 42_000,
      message: 'Gửi quá nhiều yêu cầu',
    });
  });

  it('401: unauthorized, a person must enrol again', async () => {
    const url = await serve(
      json(401, { ok: false, error: { code: 'UNAUTHENTICATED', message: 'Mã thiết bị đã bị thu hồi' } }),
    );
    const r = await clientFor(url).fetchStatus();
    expect(!r.ok && r.failure).toMatchObject({
      kind: 'unauthorized',
      retryable: false,
      message: 'Mã thiết bị đã bị thu hồi',
    });
  });

  it("4xx: refused with the server's reason, no retry", async () => {
    const url = await serve(
      json(409, { ok: false, error: { code: 'CONFLICT', message: 'Mã gói đã được dùng' } }),
    );
    const r = await clientFor(url).uploadPackage(pkg);
    expect(!r.ok && r.failure).toMatchObject({
      kind: 'refused',
      retryable: false,
      status: 409,
      code: 'CONFLICT',
      message: 'Mã gói đã được dùng',
    });
  });

  it('a 200 that is not our envelope, and a receipt that does not verify', async () => {
    const url = await serve(json(200, { hello: 'world' }));
    const r = await clientFor(url).fetchStatus();
    expect(!r.ok && r.failure).toMatchObject({ kind: 'bad_response', retryable: false });
    const forged = await serve(
      json(200, {
        ok: true,
        value: {
          receiptId: '0b8e0f6a-7c51-4a53-9b3e-2f8f2f3c1d11',
          packageId: '0b8e0f6a-7c51-4a53-9b3e-2f8f2f3c1d12',
          packageSha256: 'a'.repeat(64),
          receivedAt: '2026-06-10T02:30:00.000Z',
          receipt: 'eyJhbGciOiJFUzI1NiJ9.e30.AAAA',
          duplicate: false,
        },
      }),
    );
    const u = await clientFor(forged).uploadPackage(pkg);
    expect(!u.ok && u.failure).toMatchObject({ kind: 'receipt_invalid', retryable: false });
  });

  it('enrolment needs an http(s) address; a wrong code says so', async () => {
    expect(normalizeServerUrl('ftp://x')).toBeNull();
    expect(normalizeServerUrl('https://so-khcn.bacninh.gov.vn/')).toBe('https://so-khcn.bacninh.gov.vn');
    const bad = await enrol('so-khcn', 'ABCD');
    expect(!bad.ok && bad.failure).toMatchObject({ kind: 'refused', retryable: false });
    const url = await serve(
      json(401, { ok: false, error: { code: 'UNAUTHENTICATED', message: 'Mã đăng ký không đúng' } }),
    );
    const r = await enrol(url, 'ABCD-EFGH-JKMN');
    expect(!r.ok && r.failure).toMatchObject({
      kind: 'unauthorized',
      retryable: false,
      message: 'Mã đăng ký không đúng',
    });
  });
});
