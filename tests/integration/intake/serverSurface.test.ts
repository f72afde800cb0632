import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { intakeRoutes } from '../../../shared/intake/routes.ts';
import { snapshotStore, startTestIntake, type TestIntake } from '../../support/intakeServer.ts';
import { makePackage, packageForm } from '../../support/testPackages.ts';

// Real processes, openssl and fsync on a shared two-core machine: generous limits, never a speed test.
vi.setConfig({ testTimeout: 60_000 });

/** The rate limit, the OpenAPI document and the update feed. */

let intake: TestIntake;

beforeAll(async () => {
  intake = await startTestIntake({ rateLimits: { upload: { max: 3, timeWindow: 60_000 } } });
}, 120_000);
afterAll(() => intake?.close());

describe('rate limit per device', () => {
  it('refuses the fourth upload in a minute with 429 and a Vietnamese reason; another device is not affected', async () => {
    const cert = intake.pki.issue('sct', 'Sở Công Thương tỉnh Bắc Ninh');
    const sct = await intake.enrolOrg('SCT', 'Sở Công Thương', 'so_ban_nganh');
    const sxd = await intake.enrolOrg('SXD', 'Sở Xây dựng', 'so_ban_nganh');
    const pkg = await makePackage({ signer: cert });
    const send = (token: string) =>
      fetch(`${intake.url}/api/v1/packages`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
        body: packageForm(pkg),
      });
    for (let i = 0; i < 3; i++) expect((await send(sct.enrolment.token)).status).toBe(200);
    const before = snapshotStore(intake.dataDir);
    const limited = await sct.client.uploadPackage({
      manifest: pkg.manifestBytes,
      signature: pkg.signature,
      files: pkg.files,
    });
    expect(limited.ok).toBe(false);
    if (limited.ok) return;
    expect(limited.failure).toMatchObject({
      kind: 'rate_limited',
      retryable: true,
      status: 429,
      code: 'RATE_LIMITED',
    });
    expect(limited.failure.message).toMatch(/Gửi quá nhiều yêu cầu/);
    expect(limited.failure.retryAfterMs).toBeGreaterThan(0);
    expect(snapshotStore(intake.dataDir)).toEqual(before);
    // SXD's own package; its token has its own count.
    const other = await send(sxd.enrolment.token);
    expect(other.status).not.toBe(429);
  });
});

describe('OpenAPI', () => {
  it('is a JSON OpenAPI 3.1 document with every route, every $ref resolving', async () => {
    const res = await fetch(`${intake.url}/api/v1/openapi.json`);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    const doc = (await res.json()).value;
    expect(doc.openapi).toBe('3.1.0');
    for (const [name, route] of Object.entries(intakeRoutes)) {
      const op = doc.paths[route.path.replace(/:([A-Za-z]+)/g, '{$1}')]?.[route.method.toLowerCase()];
      expect(op, name).toBeTruthy();
      expect(op.operationId).toBe(name);
      expect(op.responses['200'], name).toBeTruthy();
      if (route.auth !== 'public') expect(op.responses['401'], name).toBeTruthy();
      for (const p of route.path.matchAll(/:([A-Za-z]+)/g)) {
        expect(
          op.parameters.some((x: { name: string; in: string }) => x.name === p[1] && x.in === 'path'),
          `${name} ${p[1]}`,
        ).toBe(true);
      }
    }
    const refs = JSON.stringify(doc).match(/"\$ref":"[^"]+"/g) ?? [];
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) {
      const pointer = ref.slice(8, -1).replace(/^#\//, '').split('/');
      let node = doc;
      for (const key of pointer) node = node?.[key];
      expect(node, ref).toBeTruthy();
    }
    expect(doc.components.schemas.PackageManifest.properties.packageId).toBeTruthy();
    expect(doc.paths['/api/v1/packages'].post.requestBody.content['multipart/form-data']).toBeTruthy();
  });
});

describe('/updates/', () => {
  it('serves the update feed read-only, with types, ranges, and no listing', async () => {
    const dir = path.join(intake.dataDir, 'updates');
    fs.writeFileSync(path.join(dir, 'latest.yml'), 'version: 0.2.0\npath: BaoCao-Setup-0.2.0.exe\n');
    fs.writeFileSync(path.join(dir, 'BaoCao-Setup-0.2.0.exe'), Buffer.alloc(4096, 7));
    fs.writeFileSync(path.join(dir, 'BaoCao-Setup-0.2.0.exe.blockmap'), Buffer.alloc(64, 1));
    fs.writeFileSync(path.join(dir, '.secret'), 'x');
    fs.mkdirSync(path.join(dir, 'old'), { recursive: true });
    const get = (p: string, headers: Record<string, string> = {}) => fetch(`${intake.url}${p}`, { headers });

    const yml = await get('/updates/latest.yml');
    expect(yml.status).toBe(200);
    expect(yml.headers.get('content-type')).toBe('text/yaml; charset=utf-8');
    expect(yml.headers.get('cache-control')).toBe('no-cache');
    expect(await yml.text()).toContain('version: 0.2.0');
    const exe = await get('/updates/BaoCao-Setup-0.2.0.exe');
    expect(exe.headers.get('content-type')).toBe('application/vnd.microsoft.portable-executable');
    expect((await exe.arrayBuffer()).byteLength).toBe(4096);
    const part = await get('/updates/BaoCao-Setup-0.2.0.exe', { range: 'bytes=0-99' });
    expect(part.status).toBe(206);
    expect((await part.arrayBuffer()).byteLength).toBe(100);
    expect((await get('/updates/BaoCao-Setup-0.2.0.exe.blockmap')).headers.get('content-type')).toBe(
      'application/octet-stream',
    );
    for (const p of [
      '/updates/',
      '/updates/old/',
      '/updates/old',
      '/updates/.secret',
      '/updates/../intake.sqlite',
      '/updates/%2e%2e/intake.sqlite',
    ]) {
      const r = await get(p);
      expect(r.status, p).toBe(404);
      expect((await r.json()).ok, p).toBe(false);
    }
    const post = await fetch(`${intake.url}/updates/latest.yml`, { method: 'POST' });
    expect(post.status).toBe(404);
  });
});

describe('logs', () => {
  it('are JSON lines with request ids, and never hold a token or a password', async () => {
    const lines: string[] = [];
    const logged = await startTestIntake({
      logger: { level: 'info', stream: { write: (l: string) => void lines.push(l) } },
    });
    try {
      const cert = logged.pki.issue('sct', 'Sở Công Thương tỉnh Bắc Ninh');
      const { enrolment, client } = await logged.enrolOrg('SCT', 'Sở Công Thương', 'so_ban_nganh');
      const pkg = await makePackage({ signer: cert });
      const sent = await client.uploadPackage({
        manifest: pkg.manifestBytes,
        signature: pkg.signature,
        files: pkg.files,
      });
      expect(sent.ok).toBe(true);
      await fetch(`${logged.url}/api/v1/officer/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'ai-do', password: 'MatKhau-Bi-Mat-123' }),
      });
      const events = lines.map((l) => JSON.parse(l) as { reqId?: string; msg: string });
      expect(events.some((e) => e.msg === 'package received' && e.reqId)).toBe(true);
      const all = lines.join('\n');
      expect(all).not.toContain(enrolment.token);
      expect(all).not.toContain(enrolment.token.slice(4));
      expect(all).not.toContain('MatKhau-Bi-Mat-123');
    } finally {
      await logged.close();
    }
  });
});
