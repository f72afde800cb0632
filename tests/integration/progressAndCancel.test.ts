import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebServer, type WebServer } from '../../electron/web.ts';
import { defaultResourcesDir } from '../../electron/services/index.ts';
import { createLogger, type AppLogger } from '../../electron/services/logging/logger.ts';
import { openServiceHost, type ServiceHost } from '../../electron/services/serviceHost.ts';
import type { ProgressStep } from '../../shared/api/progress.ts';
import { CLERK_PASSWORD, semiannual2026, setUpOnDisk, tempDir } from '../unit/helpers/drafts.ts';
import { adminInput, newSession, orgInput } from '../unit/helpers/setup.ts';
import { realOrganization } from '../unit/helpers/drafts.ts';

/** Each progress step of long work waits this long (the test hook), so there is time to cancel. */
const STEP_MS = 800;

describe('progress and "Hủy" through the service host', () => {
  let host: ServiceHost;
  let log: AppLogger;
  let dataDir: string;
  const session = newSession();
  let reportId: string;

  beforeAll(async () => {
    dataDir = tempDir('baocao-progress-');
    (await setUpOnDisk(dataDir)).close();
    log = createLogger({ dir: path.join(dataDir, 'logs') });
    host = await openServiceHost({
      dataDir,
      resourcesDir: defaultResourcesDir(),
      log,
      testStepDelayMs: STEP_MS,
    });
    const login = await host.dispatch(
      'auth.login',
      { username: 'nguyenvana', password: CLERK_PASSWORD },
      session,
    );
    expect(login.ok).toBe(true);
    const created = await host.dispatch('reports.create', semiannual2026, session);
    reportId = (created as { value: { meta: { id: string } } }).value.meta.id;
  });
  afterAll(async () => {
    await host?.close();
    log?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('a PDF render reports its steps in order, and a slow call leaves a log line without its input', async () => {
    const steps: ProgressStep[] = [];
    const result = await host.dispatch('documents.renderPdf', { id: reportId }, session, {
      onProgress: (p) => void steps.push(p),
    });
    expect(result.ok).toBe(true);
    const file = (result as { value: { dataBase64: string } }).value;
    expect(Buffer.from(file.dataBase64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    expect(steps.map((s) => `${s.step}/${s.steps} ${s.label}`)).toEqual([
      '1/3 Đang chuẩn bị nội dung văn bản',
      '2/3 Đang dàn trang và tạo tệp PDF',
      '3/3 Đang hoàn tất tệp',
    ]);
    const slow = log
      .exportText()
      .split('\n')
      .filter((l) => l.includes('"slow call"'));
    expect(slow.some((l) => /"method":"documents\.renderPdf","ms":\d+/.test(l))).toBe(true);
    expect(slow.join('\n')).not.toContain(reportId);
  });

  it('"Hủy" during the render stops it with CANCELLED, long before it would have finished', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const result = await host.dispatch('documents.renderPdf', { id: reportId }, session, {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.step === 2) setTimeout(() => controller.abort(), 50);
      },
    });
    expect(result).toEqual({
      ok: false,
      error: { code: 'CANCELLED', message: 'Đã hủy theo yêu cầu. Chưa có gì thay đổi.' },
    });
    // Steps 2 and 3 alone would take 2 × STEP_MS plus the render.
    expect(Date.now() - started).toBeLessThan(STEP_MS * 3);
    expect(log.exportText()).toMatch(/"method":"documents\.renderPdf".*"call cancelled"/);
    // The host still renders afterwards.
    expect((await host.dispatch('documents.renderDocx', { id: reportId }, session)).ok).toBe(true);
  });
});

describe('web mode: progress as server-sent events, "Hủy" by closing the request', () => {
  let server: WebServer;
  let tmp: string;
  let base: string;
  let cookie = '';

  const api = async (name: string, body: unknown, init: RequestInit = {}) => {
    const res = await fetch(`${base}/api/${name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: base, cookie, ...(init.headers ?? {}) },
      body: JSON.stringify(body),
      ...(init.signal ? { signal: init.signal } : {}),
    });
    const set = res.headers.getSetCookie().find((c) => c.startsWith('baocao_session='));
    if (set) cookie = set.split(';')[0]!;
    return (await res.json()) as { ok: boolean; value?: { meta: { id: string } } };
  };

  beforeAll(async () => {
    tmp = tempDir('baocao-web-progress-');
    const rendererDir = path.join(tmp, 'renderer');
    fs.mkdirSync(rendererDir);
    fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>BaoCao</title>');
    server = await startWebServer({
      dataDir: path.join(tmp, 'data'),
      port: 0,
      rendererDir,
      resourcesDir: defaultResourcesDir(),
      testHooks: { stepDelayMs: STEP_MS },
    });
    base = new URL(server.url).origin;
    const opened = await fetch(server.url, { redirect: 'manual' });
    cookie = opened.headers
      .getSetCookie()
      .find((c) => c.startsWith('baocao_session='))!
      .split(';')[0]!;
    expect(
      (
        await api('setup.complete', {
          organization: orgInput(realOrganization()),
          admin: adminInput({ roles: ['quan_tri', 'chuyen_vien'] }),
        })
      ).ok,
    ).toBe(true);
  });
  afterAll(async () => {
    await server?.close();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it("streams the steps of this session's call, and aborting the request cancels the work", async () => {
    const report = await api('reports.create', semiannual2026);
    const id = report.value!.meta.id;

    // The browser's EventSource: GET /api/events with the session cookie.
    const events: string[] = [];
    let sawStep = () => {};
    const firstStep = new Promise<void>((r) => (sawStep = r));
    const stream = http.get(`${base}/api/events`, { headers: { cookie } }, (res) => {
      expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        for (const m of chunk.matchAll(/^data: (.*)$/gm)) events.push(m[1]!);
        if (events.length) sawStep();
      });
    });
    await new Promise((r) => setTimeout(r, 200));

    const controller = new AbortController();
    const callId = 'thu-nghiem-0001';
    const pending = api(
      'documents.renderPdf',
      { id },
      { headers: { 'x-baocao-call': callId }, signal: controller.signal },
    );
    await firstStep;
    expect(JSON.parse(events[0]!)).toEqual({
      callId,
      step: 1,
      steps: 3,
      label: 'Đang chuẩn bị nội dung văn bản',
    });
    controller.abort();
    await expect(pending).rejects.toThrow();
    const logFile = () =>
      fs
        .readdirSync(path.join(tmp, 'data', 'logs'))
        .map((f) => fs.readFileSync(path.join(tmp, 'data', 'logs', f), 'utf8'))
        .join('');
    await expect
      .poll(logFile, { timeout: 10_000 })
      .toMatch(/"method":"documents\.renderPdf".*"call cancelled"/);
    // No step after the cancel reached the stream.
    await new Promise((r) => setTimeout(r, STEP_MS * 2));
    expect(events.map((e) => (JSON.parse(e) as { step: number }).step)).toEqual([1]);
    stream.destroy();
  });

  it('refuses the event stream without a session', async () => {
    const res = await fetch(`${base}/api/events`);
    expect(res.status).toBe(401);
  });
});
