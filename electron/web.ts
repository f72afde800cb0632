/**
 * `npm run web`: the same renderer and the same handler table as the desktop app, served on
 * 127.0.0.1 for browsers. Every API call must carry the per-start token printed in the URL, so
 * neither another local user nor a web page the clerk happens to visit can drive it.
 */
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { CLIENT_HEADER, CONTENT_SECURITY_POLICY, apiPath, httpStatusOf } from '../shared/transport.ts';
import type { Session } from './services/context.ts';
import { defaultResourcesDir, type Services } from './services/index.ts';
import { createLogger } from './services/logging/logger.ts';
import { openServiceHost } from './services/serviceHost.ts';

export interface WebOptions {
  dataDir: string;
  port: number;
  resourcesDir?: string;
  rendererDir?: string;
  token?: string;
}

export interface WebServer {
  url: string;
  token: string;
  app: FastifyInstance;
  services: Services;
  close(): Promise<void>;
}

const MAX_CLIENTS = 200;

function sameSecret(a: string, b: string) {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export async function startWebServer(options: WebOptions): Promise<WebServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  // The same host as the desktop: a restore reopens the services in place, and the log file
  // lives in <data>/logs like the desktop's.
  const log = createLogger({ dir: path.join(options.dataDir, 'logs'), echo: true });
  const serviceHost = await openServiceHost({
    dataDir: options.dataDir,
    resourcesDir: options.resourcesDir ?? defaultResourcesDir(),
    log,
    dailyBackups: true,
  });
  const sessions = new Map<string, Session>();
  const app = Fastify({ bodyLimit: 20 * 1024 * 1024, logger: false });

  app.addHook('onSend', async (_req, reply) => {
    reply.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
  });

  // Fastify's own errors (malformed JSON, body too large) get our envelope and a Vietnamese message.
  app.setErrorHandler((error: { statusCode?: number }, _req, reply) => {
    const status = error.statusCode ?? 500;
    const message =
      status === 413
        ? 'Dữ liệu gửi lên quá lớn'
        : status < 500
          ? 'Yêu cầu không hợp lệ: nội dung gửi lên không phải JSON đúng định dạng'
          : 'Đã xảy ra lỗi không mong muốn. Thao tác chưa được thực hiện.';
    if (status >= 500) log.error('web host error', error);
    return reply
      .code(status)
      .send({ ok: false, error: { code: status < 500 ? 'VALIDATION' : 'INTERNAL', message } });
  });

  app.setNotFoundHandler((_req, reply) =>
    reply
      .code(404)
      .send({ ok: false, error: { code: 'NOT_FOUND', message: 'Không tìm thấy địa chỉ này trong BaoCao' } }),
  );

  app.post<{ Params: { name: string } }>(apiPath(':name'), async (req, reply) => {
    // A page elsewhere could resolve its own hostname to 127.0.0.1 (DNS rebinding): only our host.
    const host = req.headers.host ?? '';
    if (!/^(127\.0\.0\.1|localhost)(:\d+)?$/.test(host)) {
      return reply
        .code(403)
        .send({ ok: false, error: { code: 'FORBIDDEN', message: 'Địa chỉ truy cập không hợp lệ' } });
    }
    const auth = req.headers.authorization ?? '';
    if (!auth.startsWith('Bearer ') || !sameSecret(auth.slice(7), token)) {
      return reply.code(401).send({
        ok: false,
        error: {
          code: 'UNAUTHENTICATED',
          message: 'Thiếu hoặc sai mã truy cập. Hãy mở đúng địa chỉ mà BaoCao in ra khi khởi động.',
        },
      });
    }
    const clientId = String(req.headers[CLIENT_HEADER] ?? '');
    if (!/^[A-Za-z0-9_-]{16,64}$/.test(clientId)) {
      return reply
        .code(400)
        .send({ ok: false, error: { code: 'VALIDATION', message: 'Thiếu mã phiên trình duyệt' } });
    }
    let session = sessions.get(clientId);
    if (!session) {
      if (sessions.size >= MAX_CLIENTS) sessions.delete(sessions.keys().next().value!);
      session = { userId: null };
      sessions.set(clientId, session);
    }
    const result = await serviceHost.dispatch(req.params.name, req.body, session);
    return reply.code(result.ok ? 200 : httpStatusOf[result.error.code]).send(result);
  });

  await app.register(fastifyStatic, {
    root: options.rendererDir ?? path.resolve(import.meta.dirname, '../dist/renderer'),
    index: 'index.html',
  });

  await app.listen({ host: '127.0.0.1', port: options.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    token,
    app,
    get services() {
      return serviceHost.services;
    },
    async close() {
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
  const server = await startWebServer({ dataDir: path.resolve(values['data-dir']!), port });
  console.log(`BaoCao đang chạy. Mở trình duyệt tại: ${server.url}`);
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
