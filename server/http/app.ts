import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import Fastify, {
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
} from 'fastify';
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { IntakeError } from '../../shared/intake/errors.ts';
import { intakeRoutes, type IntakeRoute, type IntakeRouteName } from '../../shared/intake/routes.ts';
import { describeIssues } from '../../shared/validation.ts';
import { registerUpdates } from './updates.ts';
import { buildOpenApiDocument } from './openapi.ts';
import { createHandlers, type RouteHandler } from './handlers.ts';
import { errorHandler, notFoundHandler, unauthenticated } from './errors.ts';
import type { Caller, IntakeContext, RateLimit } from './context.ts';
import { bearerToken, sha256Hex } from './tokens.ts';

/**
 * The Fastify application: every route of shared/intake/routes.ts registered from the table, with
 * its input parsed by the route's zod schemas, its caller authenticated by its `auth`, its answer
 * in `{ ok: true, value }`, and its refusals in the error envelope.
 */

export interface AppOptions {
  logger: FastifyServerOptions['logger'];
  https?: { cert: Buffer; key: Buffer } | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    caller: Caller;
  }
}

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const r = schema.safeParse(value ?? {});
  if (!r.success) throw new IntakeError('VALIDATION', describeIssues(r.error.issues));
  return r.data;
}

export async function buildIntakeApp(ctx: IntakeContext, options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger,
    ...(options.https ? { https: options.https } : {}),
    bodyLimit: 64 * 1024,
    genReqId: () => randomUUID(),
    // Behind nginx the client's address comes from X-Forwarded-For; set only when proxied.
    trustProxy: process.env.BAOCAO_TRUST_PROXY === '1',
  }) as unknown as FastifyInstance;

  app.decorateRequest('caller', null as never);
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler(notFoundHandler);
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('cache-control', reply.getHeader('cache-control') ?? 'no-store');
  });

  await app.register(fastifyRateLimit, {
    global: false,
    // A device is its token (hashed, never logged); anyone else is their address.
    keyGenerator: (req) => {
      const token = bearerToken(req.headers.authorization);
      return token ? `t:${sha256Hex(token)}` : `ip:${req.ip}`;
    },
    errorResponseBuilder: (_req, context) => {
      const e = new IntakeError(
        'RATE_LIMITED',
        `Gửi quá nhiều yêu cầu (giới hạn ${context.max} lần trong ${Math.round(Number(context.ttl) / 1000) || 1} giây); hãy thử lại sau ${Math.ceil(Number(context.ttl) / 1000)} giây`,
      );
      return Object.assign(e, { statusCode: 429 });
    },
  });
  await app.register(fastifyMultipart, {
    preservePath: true,
    limits: {
      fileSize: ctx.limits.maxFileBytes + 1,
      files: 102,
      fields: 5,
      parts: 110,
      headerPairs: 20,
    },
  });

  async function authenticate(route: IntakeRoute, req: FastifyRequest): Promise<Caller> {
    if (route.auth === 'public') return { kind: 'public' };
    const token = bearerToken(req.headers.authorization);
    if (route.auth === 'device') {
      if (!token?.startsWith('bcd_')) throw unauthenticated();
      const found = await ctx.repo.deviceByTokenHash(sha256Hex(token));
      if (!found)
        throw unauthenticated('Mã thiết bị không hợp lệ hoặc đã bị thu hồi; hãy đăng ký lại với Sở KH&CN');
      return { kind: 'device', ...found };
    }
    if (!token?.startsWith('bco_')) throw unauthenticated('Chưa đăng nhập tài khoản cán bộ Sở KH&CN');
    const tokenHash = sha256Hex(token);
    const officer = await ctx.repo.officerBySession(tokenHash, ctx.clock().toISOString());
    if (!officer) throw unauthenticated('Phiên đăng nhập đã hết hạn; hãy đăng nhập lại');
    return { kind: 'officer', officer, tokenHash };
  }

  const handlers = createHandlers(ctx, () => openapi);
  const rateLimitOf = (name: IntakeRouteName, route: IntakeRoute): RateLimit | null => {
    if (name === 'uploadPackage') return ctx.rateLimits.upload;
    if (name === 'enrol') return ctx.rateLimits.enrol;
    if (name === 'officerLogin') return ctx.rateLimits.login;
    if (route.auth === 'device') return ctx.rateLimits.read;
    return null;
  };

  for (const [name, route] of Object.entries(intakeRoutes) as [IntakeRouteName, IntakeRoute][]) {
    const handler = handlers[name] as RouteHandler;
    const limit = rateLimitOf(name, route);
    app.route({
      method: route.method,
      url: route.path,
      config: limit ? { rateLimit: { max: limit.max, timeWindow: limit.timeWindow } } : {},
      handler: async (req: FastifyRequest, reply: FastifyReply) => {
        req.caller = await authenticate(route, req);
        const input = {
          params: (route.params ? parse(route.params, req.params) : {}) as Record<string, string>,
          query: (route.query ? parse(route.query, req.query) : {}) as Record<string, string | undefined>,
          body: route.body && route.body !== 'multipart' ? parse(route.body, req.body) : undefined,
        };
        const value = await handler({ req, reply, caller: req.caller, ...input });
        if (route.response === 'binary') return reply;
        return reply.send({ ok: true, value });
      },
    });
  }

  const openapi = buildOpenApiDocument(ctx.version);
  await registerUpdates(app, ctx.dataDir);
  return app;
}
