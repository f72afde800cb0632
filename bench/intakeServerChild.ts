/**
 * The intake server for `npm run bench`, in its own process so its memory is its own: the real
 * server (store, checks, receipts) plus, on a second port, a bare Fastify route that takes the same
 * bodies and answers at once, the baseline of the ratio, and on a third a route that only stores each
 * body durably (the disk's floor). With BENCH_VERIFIER=none the
 * signatures are not checked (the verifier returns the organisation's certificate): that run
 * measures the server's own path; the default verifier is measured separately. With `inprocess`
 * the same checks run on the main thread (BENCH_INTAKE_VERIFIER=inprocess, for comparison);
 * BENCH_VERIFY_WORKERS=n gives the default verifier n threads instead of one per core.
 */
import Fastify from 'fastify';
import fs from 'node:fs';
import path from 'node:path';
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

// The floor of accepting a package durably: the same bodies written to a file, fsynced, renamed
// into place and the folder fsynced, nothing else. Beside the bare route it shows how much of the
// gap is the disk's (the real server also keeps the package's parts and its database row).
const durableDir = fs.mkdtempSync(path.join(dataDir, 'durable-'));
let durableSeq = 0;
const durable = Fastify({ logger: false, bodyLimit: 64 * 1024 * 1024 });
durable.addContentTypeParser('multipart/form-data', { parseAs: 'buffer' }, (_req, body, done) =>
  done(null, body),
);
durable.post('/api/v1/packages', async (req) => {
  const name = path.join(durableDir, `${++durableSeq}`);
  const fh = await fs.promises.open(`${name}.tmp`, 'w');
  await fh.writeFile(req.body as Buffer);
  await fh.sync();
  await fh.close();
  await fs.promises.rename(`${name}.tmp`, name);
  const dir = await fs.promises.open(durableDir, 'r');
  await dir.sync();
  await dir.close();
  return { ok: true };
});
await durable.listen({ host: '127.0.0.1', port: 0 });
const durableAddress = durable.server.address();
const durablePort = typeof durableAddress === 'object' && durableAddress ? durableAddress.port : 0;

process.on('message', async (m: { type: string }) => {
  if (m.type === 'memory') {
    global.gc?.();
    process.send!({
      type: 'memory',
      rss: process.memoryUsage().rss,
      heapUsed: process.memoryUsage().heapUsed,
    });
  }
  if (m.type === 'cpu') {
    // The whole process: the main thread and the signature-checking threads.
    const { user, system } = process.cpuUsage();
    process.send!({ type: 'cpu', micros: user + system });
  }
  if (m.type === 'stop') {
    await Promise.all([server.close(), bare.close(), durable.close()]);
    process.exit(0);
  }
});
process.send!({
  type: 'ready',
  url: server.url,
  bareUrl: `http://127.0.0.1:${barePort}`,
  durableUrl: `http://127.0.0.1:${durablePort}`,
});
