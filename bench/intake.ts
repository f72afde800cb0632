import autocannon from 'autocannon';
import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { enrol } from '../electron/services/outbox/intakeClient.ts';
import { canonicalJson, MANIFEST_FILE, MANIFEST_SIGNATURE_FILE } from '../shared/domain/packages/manifest.ts';
import { admin, enrolmentCodeOf } from '../tests/support/intakeServer.ts';
import { makePackage, type TestPackage } from '../tests/support/testPackages.ts';
import { cmsSignDetached, createTestPki, type TestIdentity } from '../tests/support/testPki.ts';
import { median, mib } from './support.ts';

/**
 * Sustained intake on loopback: autocannon sends signed packages (a ~22 KB multipart body each:
 * manifest, its CMS signature, the document JSON, a PAdES-signed PDF) to the real server, and the
 * same bodies to a bare Fastify route in the same process, in the same run; packages/s and p99 as
 * a ratio to that baseline (issue 18: ≥ 0.5 with every signature checked), and the server's
 * memory after 10,000 packages of its own path (signatures not checked).
 */

const BOUNDARY = '----baocao-bench-boundary';
const CONNECTIONS = 8;

function multipart(pkg: {
  manifestBytes: Uint8Array;
  signature: Uint8Array;
  files: { name: string; bytes: Uint8Array }[];
}) {
  const parts: Buffer[] = [];
  const add = (field: string, name: string, bytes: Uint8Array) => {
    parts.push(
      Buffer.from(
        `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${field}"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      Buffer.from(bytes),
      Buffer.from('\r\n'),
    );
  };
  add('manifest', MANIFEST_FILE, pkg.manifestBytes);
  add('signature', MANIFEST_SIGNATURE_FILE, pkg.signature);
  for (const f of pkg.files) add('files', f.name, f.bytes);
  parts.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return Buffer.concat(parts);
}

/** The template package with a new id: its manifest re-serialised, signed by `sign` (or not). */
function variant(template: TestPackage, sign: ((b: Uint8Array) => Uint8Array) | null) {
  const manifest = { ...template.manifest, packageId: randomUUID() };
  const manifestBytes = canonicalJson(manifest);
  return multipart({
    manifestBytes,
    signature: sign ? sign(manifestBytes) : template.signature,
    files: template.files,
  });
}

interface Child {
  process: ChildProcess;
  url: string;
  bareUrl: string;
  durableUrl: string;
  memory(): Promise<{ rss: number; heapUsed: number }>;
  /** CPU time the server process has used so far (all its threads), in microseconds. */
  cpu(): Promise<number>;
  stop(): Promise<void>;
}

async function startChild(dataDir: string, verifier: string, cert: TestIdentity): Promise<Child> {
  const child = fork(
    path.join(import.meta.dirname, 'intakeServerChild.ts'),
    [dataDir, verifier, cert.certFile],
    {
      execArgv: [
        '--import',
        'tsx',
        '--expose-gc',
        ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir=.tmp/prof'] : []),
      ],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  const ready = await new Promise<{ url: string; bareUrl: string; durableUrl: string }>((resolve, reject) => {
    child.once('message', (m) => resolve(m as { url: string; bareUrl: string; durableUrl: string }));
    child.once('exit', (code) => reject(new Error(`bench server exited ${code}`)));
  });
  return {
    process: child,
    ...ready,
    memory: () =>
      new Promise((resolve) => {
        child.once('message', (m) => resolve(m as { rss: number; heapUsed: number }));
        child.send({ type: 'memory' });
      }),
    cpu: () =>
      new Promise((resolve) => {
        child.once('message', (m) => resolve((m as { micros: number }).micros));
        child.send({ type: 'cpu' });
      }),
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.send({ type: 'stop' });
      }),
  };
}

interface Load {
  perSecond: number;
  /** The server's CPU time per answered request, in ms. */
  cpuMs: number;
  p50: number;
  p99: number;
  ok: number;
  failed: number;
}

async function load(child: Child, url: string, token: string, bodies: Buffer[]): Promise<Load> {
  let next = 0;
  const cpuBefore = await child.cpu();
  const result = await autocannon({
    url: `${url}/api/v1/packages`,
    // autocannon never finishes when asked for fewer requests than connections.
    connections: Math.min(CONNECTIONS, bodies.length),
    amount: bodies.length,
    timeout: 60,
    // autocannon notices the last answer only at its next sample: at the default 1 s a run of 200
    // bare requests (~0,2 s) counted as a whole second, and the bare rate came out 5× too low.
    sampleInt: 10,
    requests: [
      {
        method: 'POST',
        setupRequest: (req) => ({
          ...req,
          headers: {
            'content-type': `multipart/form-data; boundary=${BOUNDARY}`,
            authorization: `Bearer ${token}`,
          },
          body: bodies[next++ % bodies.length],
        }),
      },
    ],
  });
  const ok = result['2xx'];
  const cpuMs = (await child.cpu()) - cpuBefore;
  return {
    perSecond: ok / result.duration,
    cpuMs: cpuMs / 1000 / Math.max(ok, 1),
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok,
    failed: result.non2xx + result.errors + result.timeouts,
  };
}

async function setUp(verifier: string) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'baocao-bench-intake-'));
  const pki = createTestPki();
  const cert = pki.issue('sct', 'Sở Công Thương tỉnh Bắc Ninh');
  await admin(dataDir, 'trust-root', [pki.caCertFile]);
  const code = enrolmentCodeOf(
    await admin(dataDir, 'add-org', ['--code', 'SCT', '--name', 'Sở Công Thương', '--type', 'so_ban_nganh']),
  );
  const child = await startChild(dataDir, verifier, cert);
  const enrolled = await enrol(child.url, code);
  if (!enrolled.ok) throw new Error(enrolled.failure.message);
  const template = await makePackage({ signer: cert });
  return { dataDir, cert, child, token: enrolled.value.token, template };
}

const fmt = (n: number, digits = 0) => n.toLocaleString('vi-VN', { maximumFractionDigits: digits });

export async function intakeBench(): Promise<string[]> {
  const lines: string[] = [];
  const count = Number(process.env.BENCH_INTAKE_PACKAGES ?? 10_000);

  // 1. The server's own path (store, files, checks, receipt), signatures not checked.
  {
    const { dataDir, child, token, template } = await setUp('none');
    const bodies = Array.from({ length: count }, () => variant(template, null));
    const size = bodies[0]!.length;
    const rssStart = (await child.memory()).rss;
    const bare = await load(child, child.bareUrl, token, bodies.slice(0, Math.min(count, 3000)));
    const intake = await load(child, child.url, token, bodies);
    const mem = await child.memory();
    await child.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    lines.push(
      `${fmt(count)} gói (~${fmt(size / 1024, 1)} KB mỗi gói, ${CONNECTIONS} kết nối), không kiểm tra chữ ký: ${fmt(intake.perSecond, 1)} gói/s, p99 ${fmt(intake.p99)} ms; lỗi ${intake.failed}`,
      `route Fastify trống, cùng các gói: ${fmt(bare.perSecond, 1)} yêu cầu/s, p99 ${fmt(bare.p99)} ms → tỉ lệ ${fmt(intake.perSecond / bare.perSecond, 3)} (gói/s), p99 gấp ${fmt(intake.p99 / Math.max(bare.p99, 1), 1)} lần`,
      `CPU của máy chủ mỗi gói: ${fmt(intake.cpuMs, 2)} ms; mỗi yêu cầu của route trống: ${fmt(bare.cpuMs, 2)} ms`,
      `bộ nhớ máy chủ: ${mib(rssStart)} lúc đầu, ${mib(mem.rss)} sau ${fmt(count)} gói (heap ${mib(mem.heapUsed)})`,
    );
  }

  // 2. Signed packages, every signature checked by the default verifier: each package signed for
  // itself. Rounds alternate the bare route and the server on the same bodies, after a warm-up
  // (the verifier's threads start on first use); medians of the rounds, and their ratio.
  {
    const n = Number(process.env.BENCH_INTAKE_SIGNED ?? 200);
    const rounds = Number(process.env.BENCH_INTAKE_ROUNDS ?? 3);
    const { dataDir, child, token, template, cert } = await setUp(
      process.env.BENCH_INTAKE_VERIFIER ?? 'default',
    );
    const signed = (k: number) =>
      Array.from({ length: k }, () => variant(template, (b) => cmsSignDetached(b, cert)));
    const warm = signed(2 * CONNECTIONS);
    await load(child, child.bareUrl, token, warm);
    const warmUp = await load(child, child.url, token, warm);
    if (warmUp.failed) throw new Error(`intake warm-up: ${warmUp.failed} uploads failed`);
    const bare: Load[] = [];
    const durable: Load[] = [];
    const intake: Load[] = [];
    for (let r = 0; r < rounds; r++) {
      const bodies = signed(n);
      // The bare route answers 200 bodies in a fifth of a second, too short to time well: it gets
      // the same bodies over again, at least 1,000 requests.
      const again = Math.ceil(1000 / bodies.length);
      bare.push(await load(child, child.bareUrl, token, Array.from({ length: again }, () => bodies).flat()));
      durable.push(await load(child, child.durableUrl, token, bodies));
      intake.push(await load(child, child.url, token, bodies));
    }
    const mem = await child.memory();
    await child.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    const med = (xs: Load[], k: keyof Load) => median(xs.map((x) => x[k]));
    const sent = warm.length + intake.reduce((t, x) => t + x.ok, 0);
    const failed = intake.reduce((t, x) => t + x.failed, 0);
    lines.push(
      `${fmt(n)} gói đã ký × ${rounds} lượt, kiểm tra đủ chữ ký CMS và PAdES: trung vị ${fmt(med(intake, 'perSecond'), 1)} gói/s, p50 ${fmt(med(intake, 'p50'))} ms, p99 ${fmt(med(intake, 'p99'))} ms; lỗi ${failed}`,
      `route Fastify trống, cùng các gói (multipart): trung vị ${fmt(med(bare, 'perSecond'), 1)} yêu cầu/s, p50 ${fmt(med(bare, 'p50'))} ms, p99 ${fmt(med(bare, 'p99'))} ms`,
      `→ tỉ lệ ${fmt(med(intake, 'perSecond') / med(bare, 'perSecond'), 3)} (mục tiêu ≥ 0,5), p99 gấp ${fmt(med(intake, 'p99') / Math.max(med(bare, 'p99'), 1), 1)} lần; từng lượt: ${intake.map((x, i) => fmt(x.perSecond / bare[i]!.perSecond, 3)).join(' / ')}`,
      `route chỉ ghi bền mỗi gói (ghi tệp, fsync, đổi tên, fsync thư mục; sàn của đĩa): trung vị ${fmt(med(durable, 'perSecond'), 1)} gói/s, p99 ${fmt(med(durable, 'p99'))} ms → máy chủ / sàn đĩa: ${fmt(med(intake, 'perSecond') / med(durable, 'perSecond'), 3)}`,
      // On this machine the load generator and the server share two cores: the server is busy
      // all the time the run lasts, so its CPU per package bounds the rate beside the bare route.
      `CPU của máy chủ (mọi luồng) mỗi gói đã ký: trung vị ${fmt(med(intake, 'cpuMs'), 2)} ms; mỗi yêu cầu của route trống ${fmt(med(bare, 'cpuMs'), 2)} ms; mỗi gói của route ghi bền ${fmt(med(durable, 'cpuMs'), 2)} ms → trần của tỉ lệ khi CPU là giới hạn: ${fmt(med(bare, 'cpuMs') / med(intake, 'cpuMs'), 3)}`,
      `bộ nhớ máy chủ sau ${fmt(sent)} gói đã ký: ${mib(mem.rss)} (heap luồng chính ${mib(mem.heapUsed)}; các luồng kiểm tra chữ ký nằm trong cùng RSS)`,
    );
  }
  return lines;
}
