import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { loadCatalogDir } from '../electron/services/catalog/loadCatalog.ts';
import { defaultLimits, defaultRateLimits, type IntakeContext, type RateLimits } from './http/context.ts';
import { buildIntakeApp } from './http/app.ts';
import type { IntakeLimits } from './intake/receivePackage.ts';
import { openPackageFiles } from './intake/packageFiles.ts';
import { loadReceiptSigner } from './receipts/receiptKey.ts';
import { createIntakeRepository, type IntakeRepository } from './store/intakeRepository.ts';
import { openSqliteDriver } from './store/sqliteDriver.ts';
import { createDefaultVerifier } from './verify/defaultVerifier.ts';
import type { PackageVerifier } from './verify/packageVerifier.ts';

export interface IntakeServerOptions {
  dataDir: string;
  port: number;
  /** 127.0.0.1 unless the administrator exposes it (--host 0.0.0.0) or a proxy sits in front. */
  host?: string;
  tls?: { certFile: string; keyFile: string } | null;
  /** The folder holding plans/*.json; the desktop's resources by default. */
  resourcesDir?: string;
  /** Injected for tests; createDefaultVerifier() otherwise (server/verify/defaultVerifier.ts). */
  verifier?: PackageVerifier;
  limits?: Partial<IntakeLimits>;
  rateLimits?: Partial<RateLimits>;
  clock?: () => Date;
  /** pino through Fastify: one JSON line per event with its request id; false for silence. */
  logger?: false | { level: string; stream?: { write(line: string): void } };
}

export interface IntakeServer {
  url: string;
  port: number;
  app: FastifyInstance;
  repo: IntakeRepository;
  context: IntakeContext;
  close(): Promise<void>;
}

/** The repository's resources/ (plans/*.json), the same catalog the desktop ships. */
export const defaultResourcesDir = () => path.resolve(import.meta.dirname, '../resources');

const VERSION = (
  JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../package.json'), 'utf8')) as {
    version: string;
  }
).version;

/** Tokens and passwords never reach a log line, even if a later change logs headers or bodies. */
const REDACT = {
  paths: ['req.headers.authorization', 'req.headers.cookie', '*.token', '*.password', 'token', 'password'],
  censor: '[ẩn]',
};

function loggerOptions(logger: IntakeServerOptions['logger']): FastifyServerOptions['logger'] {
  if (logger === false) return false;
  const { level, stream } = logger ?? { level: 'info' };
  return { level, redact: REDACT, ...(stream ? { stream } : {}) };
}

/** Opens the store, recovers from any crash, and listens. */
export async function startIntakeServer(options: IntakeServerOptions): Promise<IntakeServer> {
  const dataDir = path.resolve(options.dataDir);
  const catalogs = loadCatalogDir(path.join(options.resourcesDir ?? defaultResourcesDir(), 'plans'));
  const sql = openSqliteDriver(dataDir);
  const repo = createIntakeRepository(sql);
  try {
    const files = openPackageFiles(dataDir);
    // A crash mid-upload left at most a staging file or an unreferenced stored package.
    const recovered = files.recover(await repo.allStorageDirs());
    const signer = await loadReceiptSigner(dataDir);
    const context: IntakeContext = {
      dataDir,
      repo,
      files,
      catalogs,
      verifier: options.verifier ?? createDefaultVerifier(),
      signer,
      clock: options.clock ?? (() => new Date()),
      limits: { ...defaultLimits, ...options.limits },
      rateLimits: { ...defaultRateLimits, ...options.rateLimits },
      version: VERSION,
    };
    const https = options.tls
      ? { cert: fs.readFileSync(options.tls.certFile), key: fs.readFileSync(options.tls.keyFile) }
      : null;
    const app = await buildIntakeApp(context, {
      logger: loggerOptions(options.logger),
      https,
    });
    if (recovered.staging || recovered.orphans) {
      app.log.warn(recovered, 'removed unfinished uploads left by an earlier stop');
    }
    const host = options.host ?? '127.0.0.1';
    await app.listen({ host, port: options.port });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : options.port;
    const shownHost = host.includes(':') ? `[${host}]` : host;
    return {
      url: `${https ? 'https' : 'http'}://${shownHost}:${port}`,
      port,
      app,
      repo,
      context,
      async close() {
        await app.close();
        await repo.close();
      },
    };
  } catch (e) {
    await repo.close();
    throw e;
  }
}
