/**
 * The intake server for `npm run bench`, in its own process so its memory is its own: the real
 * server (store, checks, receipts) plus, on a second port, a bare Fastify route that takes the same
 * bodies and answers at once, the baseline of the ratio. With BENCH_VERIFIER=none the
 * signatures are not checked (the verifier returns the organisation's certificate): that run
 * measures the server's own path; the default verifier is measured separately. With `inprocess`
 * the same checks run on the main thread (BENCH_INTAKE_VERIFIER=inprocess, for comparison);
 * BENCH_VERIFY_WORKERS=n gives the default verifier n threads instead of one per core.
 */
import Fastify from 'fastify';
import fs from 'node:fs';
import { startIntakeServer } from '../server/startServer.ts';
import { readCertificate } from '../electron/services/receipts/certificates.ts';
import type { PackageVerifier } from '../server/verify/packageVerifier.ts';
import { createInProcessVerifier } from '../server/verify/inProcessVerifier.ts';
import { createWorkerVerifier } from '../server/verify/workerVerifier.ts';

const [dataDir, verifierKind, orgCertFile] = process.argv.slice(2) as [string, string, string];

const orgCertificate = readCertificate(fs.readFileSync(orgCertFile)).der;
const skipCrypto: PackageVerifier = {
  async verifyPackage() {
    return { ok: true, signerCertificate: orgCertificate, problems: [] };
  },
};

const server = await startIntakeServer({
  dataDir,
  port: 0,
  logger: false,
  verifier:
    verifierKind === 'none'
      ? skipCrypto
      : verifierKind === 'inprocess'
        ? createInProcessVerifier()
        : process.env.BENCH_VERIFY_WORKERS
          ? createWorkerVerifier({ workers: Number(process.env.BENCH_VERIFY_WORKERS) })
          : undefined,
  rateLimits: { upload: { max: 1_000_000, timeWindow: 60_000 } },
});

const bare = Fastify({ logger: false });
bare.addContentTypeParser('multipart/form-data', (_req, payload, done) => {
  payload.on('data', () => undefined);
  payload.on('end', () => done(null, null));
  payload.on('error', done);
});
bare.post('/api/v1/packages', async () => ({ ok: true }));
await bare.listen({ host: '127.0.0.1', port: 0 });
const address = bare.server.address();
const barePort = typeof address === 'object' && address ? address.port : 0;

process.on('message', async (m: { type: string }) => {
  if (m.type === 'memory') {
    global.gc?.();
    process.send!({
      type: 'memory',
      rss: process.memoryUsage().rss,
      heapUsed: process.memoryUsage().heapUsed,
    });
  }
  if (m.type === 'stop') {
    await Promise.all([server.close(), bare.close()]);
    process.exit(0);
  }
});
process.send!({ type: 'ready', url: server.url, bareUrl: `http://127.0.0.1:${barePort}` });
