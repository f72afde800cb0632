/**
 * `npm run web`: the same renderer and the same handler table as the desktop app, served on
 * 127.0.0.1 for browsers. The URL printed at start carries a one-time token: opening it exchanges
 * the token for a session cookie (HttpOnly, SameSite=Strict) and redirects to the same address
 * without it, so the token never stays in the address bar or the history, and a new one-time
 * address is printed for the next browser. Every API call needs that cookie, comes from our own
 * origin (Origin and Host checked: no other page, no DNS rebinding) and is JSON. Neither another
 * local user nor a web page the clerk happens to visit can drive it.
 */
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { CONTENT_SECURITY_POLICY, apiPath, httpStatusOf } from '../shared/transport.ts';
import { CALL_ID_HEADER, EVENTS_PATH, callIdSchema } from '../shared/api/progress.ts';
import { createProgressStreams } from './services/sessions/progressStreams.ts';
import { readTestHooks, testClock, testHooksCookie, type TestHooks } from './services/startup/testHooks.ts';
import type { ErrorCode } from '../shared/errors.ts';
import { defaultResourcesDir, type Services } from './services/index.ts';
import { createLogger } from './services/logging/logger.ts';
import { openServiceHost } from './services/serviceHost.ts';
import { appVersion } from './services/appVersion.ts';
import { ensureWritableDataDir } from './services/startup/checkDataDir.ts';
import { describeStartupFailure, startupFailureText } from './services/startup/startupFailure.ts';
import { cookieHeader, createWebSessions, sessionIdFrom } from './services/sessions/webSessions.ts';

export interface WebOptions {
  dataDir: string;
  port: number;
  resourcesDir?: string;
  rendererDir?: string;
  /** The first one-time token (tests); random otherwise. */
  token?: string;
  /** Told the next one-time address after each exchange (main prints it). */
  onFreshUrl?: (url: string) => void;
  /** E2E only, from BAOCAO_TEST_HOOKS (see testHooks.ts); never set by the desktop. */
  testHooks?: TestHooks;
}

export interface WebServer {
  /** The address with the current one-time token: good for one browser. */
  readonly url: string;
  readonly token: string;
  app: FastifyInstance;
  services: Services;
  close(): Promise<void>;
}

const OWN_HOST = /^(127\.0\.0\.1|localhost)(:\d+)?$/;

const envelope = (code: ErrorCode, message: string) => ({ ok: false as const, error: { code, message } });

/** What Fastify's own refusals mean for the person who sees them. */
function frameworkMessage(error: { code?: string; statusCode?: number }): {
  status: number;
  message: string;
} {
  const status = error.statusCode ?? 500;
  switch (error.code) {
    case 'FST_ERR_BAD_URL':
      return { status: 400, message: 'Địa chỉ không hợp lệ (có ký tự không đọc được)' };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { status: 415, message: 'Yêu cầu không hợp lệ: nội dung gửi lên phải là JSON' };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { status: 400, message: 'Yêu cầu không hợp lệ: không có nội dung gửi lên' };
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { status: 413, message: 'Dữ liệu gửi lên quá lớn' };
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return { status: 400, message: 'Yêu cầu không hợp lệ: độ dài nội dung không khớp' };
  }
  if (status === 413) return { status, message: 'Dữ liệu gửi lên quá lớn' };
  if (status === 403) return { status, message: 'Không được truy cập địa chỉ này' };
  if (status === 404) return { status, message: 'Không tìm thấy địa chỉ này trong BaoCao' };
  if (status === 400 && (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError))
    return { status, message: 'Yêu cầu không hợp lệ: nội dung gửi lên không phải JSON đúng định dạng' };
  if (status < 500) return { status, message: 'Yêu cầu không hợp lệ' };
  return { status, message: 'Đã xảy ra lỗi không mong muốn. Thao tác chưa được thực hiện.' };
}

/** The page a browser gets without a session: where to find a working address. */
const NO_SESSION_PAGE = `<!doctype html><html lang="vi"><meta charset="utf-8"><title>BaoCao</title>
<body style="font-family: sans-serif; max-width: 40em; margin: 4em auto">
<h1>Chưa mở được BaoCao</h1>
<p>Địa chỉ này chưa có phiên làm việc, đã được dùng một lần hoặc BaoCao đã khởi động lại.</p>
<p>Hãy mở <strong>địa chỉ mới nhất</strong> mà BaoCao in ra trong cửa sổ dòng lệnh
(dạng <code>http://127.0.0.1:…/?token=…</code>). Mỗi địa chỉ chỉ dùng được một lần.</p>
</body></html>`;

export async function startWebServer(options: WebOptions): Promise<WebServer> {
  // The same host as the desktop: a restore reopens the services in place, and the log file
  // lives in <data>/logs like the desktop's.
  const log = createLogger({ dir: path.join(options.dataDir, 'logs'), echo: true });
  ensureWritableDataDir(options.dataDir);
  const serviceHost = await openServiceHost({
    dataDir: options.dataDir,
    resourcesDir: options.resourcesDir ?? defaultResourcesDir(),
    log,
    dailyBackups: true,
    sendOutbox: true,
    ...(options.testHooks?.stepDelayMs ? { testStepDelayMs: options.testHooks.stepDelayMs } : {}),
    ...(options.testHooks?.now ? { clock: testClock(options.testHooks.now) } : {}),
  });
  const sessions = createWebSessions(undefined, options.token);
  const events = createProgressStreams();
  let origin = '';
  const urlWith = (token: string) => `${origin}/?token=${token}`;

  const app = Fastify({
    bodyLimit: 20 * 1024 * 1024,
    logger: false,
    // A URL Fastify cannot even decode still gets our envelope.
    frameworkErrors: (error, _req, reply) => {
      const { status, message } = frameworkMessage(error as { code?: string; statusCode?: number });
      void (reply as FastifyReply).code(status).send(envelope('VALIDATION', message));
    },
  });

  app.addHook('onSend', async (_req, reply) => {
    reply.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
    reply.header('Cache-Control', 'no-store');
  });

  app.setErrorHandler((error: { statusCode?: number; code?: string }, _req, reply) => {
    const { status, message } = frameworkMessage(error);
    if (status >= 500) log.error('web host error', error);
    return reply.code(status).send(envelope(status < 500 ? 'VALIDATION' : 'INTERNAL', message));
  });

  app.setNotFoundHandler((req, reply) => {
    const message = req.url.startsWith('/api/')
      ? 'Lời gọi chức năng của BaoCao phải gửi bằng phương thức POST'
      : 'Không tìm thấy địa chỉ này trong BaoCao';
    return reply.code(404).send(envelope('NOT_FOUND', message));
  });

  const foreignHost = (req: FastifyRequest, reply: FastifyReply) => {
    // A page elsewhere could resolve its own hostname to 127.0.0.1 (DNS rebinding): only our host.
    if (OWN_HOST.test(req.headers.host ?? '')) return false;
    void reply.code(403).send(envelope('FORBIDDEN', 'Địa chỉ truy cập không hợp lệ'));
    return true;
  };

  // Opening the app: the one-time token becomes a cookie, and the address loses the token.
  app.addHook('onRequest', async (req, reply) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return;
    const url = new URL(req.url, 'http://127.0.0.1');
    const offered = url.searchParams.get('token');
    const isPage = url.pathname === '/' || url.pathname === '/index.html';
    if (offered === null && !isPage) return;
    if (foreignHost(req, reply)) return reply;
    const current = sessions.get(sessionIdFrom(req.headers.cookie));
    if (offered !== null) {
      url.searchParams.delete('token');
      const clean = `${url.pathname}${url.search}`;
      const exchanged = sessions.exchange(offered);
      if (exchanged) {
        options.onFreshUrl?.(urlWith(exchanged.nextToken));
        return reply
          .code(303)
          .header('set-cookie', [
            cookieHeader(exchanged.id),
            ...(options.testHooks ? [testHooksCookie(options.testHooks)] : []),
          ])
          .header('location', clean)
          .send();
      }
      // A spent token in a browser that already has its session: just drop it from the address.
      if (current) return reply.code(303).header('location', clean).send();
    }
    if (!current) return reply.code(401).type('text/html; charset=utf-8').send(NO_SESSION_PAGE);
  });

  app.post<{ Params: { name: string } }>(apiPath(':name'), async (req, reply) => {
    if (foreignHost(req, reply)) return reply;
    // Only our own page: a form or a script on another origin (another port counts) is refused.
    if (req.headers.origin !== `http://${req.headers.host}`) {
      return reply.code(403).send(envelope('FORBIDDEN', 'Lời gọi không đến từ trang BaoCao'));
    }
    // JSON only: a browser sends it cross-origin only after a preflight that we never answer.
    if (!/^application\/json\s*(;|$)/i.test(req.headers['content-type'] ?? '')) {
      return reply
        .code(415)
        .send(envelope('VALIDATION', frameworkMessage({ code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE' }).message));
    }
    const id = sessionIdFrom(req.headers.cookie);
    const session = sessions.get(id);
    if (!id || !session) {
      return reply
        .code(401)
        .send(
          envelope(
            'UNAUTHENTICATED',
            'Trình duyệt chưa có phiên làm việc với BaoCao hoặc BaoCao đã khởi động lại. Hãy mở địa chỉ mới nhất mà BaoCao in ra khi khởi động.',
          ),
        );
    }
    const before = { userId: session.userId, signedInAt: session.signedInAt };
    // "Hủy" in the browser aborts the request: the connection closing aborts the call.
    const controller = new AbortController();
    reply.raw.on('close', () => {
      if (!reply.raw.writableFinished) controller.abort();
    });
    const rawCallId = req.headers[CALL_ID_HEADER];
    const callId =
      typeof rawCallId === 'string' && callIdSchema.safeParse(rawCallId).success ? rawCallId : null;
    const result = await serviceHost.dispatch(req.params.name, req.body, session, {
      signal: controller.signal,
      ...(callId ? { onProgress: (p) => events.send(session, { callId, ...p }) } : {}),
    });
    // Signing in or out (or changing the password) gets a new identifier: one known before the
    // sign-in is worth nothing after it.
    if (session.userId !== before.userId || session.signedInAt !== before.signedInAt) {
      reply.header('set-cookie', cookieHeader(sessions.rotate(id)));
    }
    return reply.code(result.ok ? 200 : httpStatusOf[result.error.code]).send(result);
  });

  // Progress of long calls, as server-sent events for this browser's session.
  app.get(EVENTS_PATH, (req, reply) => {
    if (foreignHost(req, reply)) return reply;
    const session = sessions.get(sessionIdFrom(req.headers.cookie));
    if (!session) return reply.code(401).send(envelope('UNAUTHENTICATED', 'Chưa có phiên làm việc'));
    reply.hijack();
    events.open(session, reply.raw);
  });

  await app.register(fastifyStatic, {
    root: options.rendererDir ?? path.resolve(import.meta.dirname, '../dist/renderer'),
    index: 'index.html',
  });

  await app.listen({ host: '127.0.0.1', port: options.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  origin = `http://127.0.0.1:${port}`;
  return {
    get url() {
      return urlWith(sessions.token);
    },
    get token() {
      return sessions.token;
    },
    app,
    get services() {
      return serviceHost.services;
    },
    async close() {
      events.closeAll();
      await app.close();
      await serviceHost.close();
      log.close();
    },
  };
}

async function main() {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string', default: path.join(os.homedir(), '.baocao') },
      port: { type: 'string', default: '5180' },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`Cổng không hợp lệ: ${values.port}`);
    process.exit(2);
  }
  const dataDir = path.resolve(values['data-dir']!);
  const testHooks = readTestHooks(process.env.BAOCAO_TEST_HOOKS);
  if (testHooks)
    console.log('BaoCao chạy với chế độ kiểm thử (BAOCAO_TEST_HOOKS): chỉ dùng cho kiểm thử tự động.');
  let server: WebServer;
  try {
    server = await startWebServer({
      dataDir,
      port,
      ...(testHooks ? { testHooks } : {}),
      onFreshUrl: (url) => console.log(`Địa chỉ dùng một lần cho trình duyệt tiếp theo: ${url}`),
    });
  } catch (e) {
    // The same words as the desktop's start-up dialog (services/startup).
    console.error(startupFailureText(describeStartupFailure(e, { dataDir, appVersion: appVersion() })));
    process.exit(1);
  }
  console.log(`BaoCao đang chạy. Mở trình duyệt tại (dùng một lần): ${server.url}`);
  console.log(`Dữ liệu lưu tại: ${path.resolve(values['data-dir']!)}`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((e) => {
    console.error('Không khởi động được BaoCao:', e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
