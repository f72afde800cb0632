import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { deflateRawSync } from 'node:zlib';
import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import JSZip from 'jszip';
import { loadCatalogFile } from '../electron/services/catalog/loadCatalog.ts';
import { renderPdf } from '../electron/services/documents/pdf/renderPdf.ts';
import { forgetPackageShells } from '../electron/services/documents/docx/renderDocx.ts';
import { DEFLATE_LEVEL } from '../electron/services/documents/docx/zipPackage.ts';
import { layoutDocument } from '../electron/services/documents/layout/documentLayout.ts';
import type { Block, CellBlock, LaidOutDocument } from '../electron/services/documents/layout/model.ts';
import { renderDocx } from '../electron/services/documents/renderDocument.ts';
import { defaultResourcesDir } from '../electron/services/index.ts';
import { unpackP12 } from '../electron/services/signing/identities/pkcs12.ts';
import { softwareIdentity } from '../electron/services/signing/identities/softwareKey.ts';
import { signPdf } from '../electron/services/signing/pdf/pdfSigner.ts';
import { verifyPdf } from '../electron/services/signing/verify/verifyPdf.ts';
import { createTestPki, headSubject } from '../tests/support/signing/testPki.ts';
import { longPlan } from '../tests/unit/documents/longPlan.ts';
import { median, mib } from './support.ts';

/**
 * The 300-activity plan as Word and as PDF, each beside a peer measured in the same run: for Word,
 * LibreOffice producing a .docx of the same content (whole process against our whole CLI process),
 * the floor (writing and deflating the same XML and nothing else) and the docx library's own floor
 * (the same paragraphs and cells as its objects, no formatting at all: why bodyXml.ts writes the
 * body itself); for PDF, LibreOffice converting our .docx; then signing and verifying that PDF.
 * Besides the wall-clock median, the process's CPU time per run: on a machine shared with other
 * work the wall clock also counts the time others hold the cores.
 *
 * `npm run bench -- documents` runs this section alone.
 */

const ROOT = path.resolve(import.meta.dirname, '..');
const hasSoffice = spawnSync('sh', ['-c', 'command -v soffice']).status === 0;
const f0 = (x: number) => x.toFixed(0);
const f1 = (x: number) => x.toFixed(1);
const peakRss = () => process.resourceUsage().maxRSS * 1024;

async function timed(
  runs: number,
  fn: () => Promise<unknown> | unknown,
): Promise<{ median: number; min: number; max: number; cpu: number }> {
  await fn(); // warm-up: modules, fonts, JIT
  const xs: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    await fn();
    xs.push(performance.now() - t);
    const d = process.cpuUsage(c);
    cpu.push((d.user + d.system) / 1000);
  }
  return { median: median(xs), min: Math.min(...xs), max: Math.max(...xs), cpu: median(cpu) };
}

/** A whole process, start to exit: ms, or an error naming the command. */
function processMs(command: string, args: string[], cwd: string): number {
  const t = performance.now();
  const r = spawnSync(command, args, { cwd, timeout: 300_000, encoding: 'utf8' });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')}: ${r.stderr || r.error?.message}`);
  return ms;
}

/** soffice converting `file` in `dir` to `to`, with its own profile (kept between runs: warm). */
function soffice(dir: string, file: string, to: string): number {
  const ms = processMs(
    'soffice',
    [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', to, '--outdir', dir, file],
    dir,
  );
  const out = path.join(dir, `${path.parse(file).name}.${to.split(':')[0]}`);
  if (!fs.existsSync(out)) throw new Error(`soffice gave no ${out}`);
  return ms;
}

/** The floor: the same parts' XML encoded and deflated as ours are, nothing else (no objects, no styles). */
async function floorMs(docx: Buffer) {
  const zip = await JSZip.loadAsync(docx);
  const parts = await Promise.all(
    Object.values(zip.files)
      .filter((f) => !f.dir)
      .map((f) => f.async('string')),
  );
  return timed(15, () => {
    for (const p of parts) deflateRawSync(Buffer.from(p, 'utf8'), { level: DEFLATE_LEVEL });
  });
}

/** Each paragraph's text, and each cell's lines, of a laid-out block. */
function texts(b: Block | CellBlock): string[] {
  if (b.type === 'paragraph') return [b.runs.map((r) => r.text).join('')];
  if (b.type === 'columns') return b.rows.flat(2).flatMap(texts);
  return [];
}
const plain = (t: string) => new Paragraph({ children: [new TextRun(t)] });

/**
 * The docx library's floor for this content: the same paragraphs and table cells as its objects,
 * with no style, size, width or border at all, packed by its Packer (defaults).
 */
function libraryFloor(layout: LaidOutDocument) {
  const section = (blocks: Block[]) =>
    blocks.flatMap((b): (Paragraph | Table)[] =>
      b.type === 'grid'
        ? [
            new Table({
              rows: [b.header, ...b.rows].map(
                (r) =>
                  new TableRow({
                    children: r.map(
                      (c) => new TableCell({ children: (c.lines.length ? c.lines : ['']).map(plain) }),
                    ),
                  }),
              ),
            }),
          ]
        : texts(b).map(plain),
    );
  return timed(15, () =>
    Packer.toBuffer(
      new Document({ sections: layout.sections.map((s) => ({ children: section(s.blocks) })) }),
    ),
  );
}

async function wordLines(plan: ReturnType<typeof longPlan>, catalog: Parameters<typeof renderDocx>[1]) {
  const docx = await renderDocx(plan, catalog);
  const ours = await timed(15, () => renderDocx(plan, catalog));
  // A department's first document: the package docx writes around the body is not kept yet.
  const first = await timed(15, () => {
    forgetPackageShells();
    return renderDocx(plan, catalog);
  });
  // Before the peers below: the library's floor alone builds hundreds of MiB of objects.
  const rss = peakRss();
  const floor = await floorMs(docx);
  const library = await libraryFloor(layoutDocument(plan, catalog));
  const lines = [
    `Word kế hoạch 300 hoạt động (trong tiến trình): trung vị ${f0(ours.median)} ms (15 lần, tối thiểu ${f0(ours.min)}, tối đa ${f0(ours.max)} ms; thời gian CPU ${f0(ours.cpu)} ms), ${f0(docx.length / 1024)} KiB`,
    `  văn bản đầu tiên của một đơn vị (khung gói docx chưa có, phải tạo): trung vị ${f0(first.median)} ms (tối thiểu ${f0(first.min)} ms; CPU ${f0(first.cpu)} ms)`,
    `  sàn (ghi và nén deflate cùng XML, mức ${DEFLATE_LEVEL}, không gì khác): ${f1(floor.median)} ms (CPU ${f1(floor.cpu)} ms) — BaoCao / sàn: ${f1(ours.median / floor.median)} lần`,
    `  thư viện docx với cùng đoạn văn và ô bảng, không định dạng gì (sàn của thư viện): ${f0(library.median)} ms (CPU ${f0(library.cpu)} ms) — BaoCao / thư viện: ${f1(ours.median / library.median)} lần`,
  ];
  if (!hasSoffice) {
    lines.push('  LibreOffice (soffice) không có trên máy: bỏ qua phép so sánh với LibreOffice');
    return { docx, ms: ours.median, rss, lines };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-docx-'));
  try {
    fs.writeFileSync(path.join(dir, 'plan.docx'), docx);
    fs.writeFileSync(path.join(dir, 'plan.json'), JSON.stringify(plan));
    // Our .docx → HTML by LibreOffice (also warms its profile), then HTML → .docx, timed.
    soffice(dir, path.join(dir, 'plan.docx'), 'html');
    fs.renameSync(path.join(dir, 'plan.html'), path.join(dir, 'plan-lo.html'));
    const lo = median(
      [1, 2, 3].map(() => soffice(dir, path.join(dir, 'plan-lo.html'), 'docx:MS Word 2007 XML')),
    );
    // Our whole process: the CLI reads the JSON, validates it, lays it out, writes the .docx.
    const cli = [path.join(ROOT, 'node_modules/.bin/tsx'), path.join(ROOT, 'electron/cli.ts')];
    const args = ['docx', '--input', path.join(dir, 'plan.json'), '--output', path.join(dir, 'cli.docx')];
    const whole = median([1, 2, 3].map(() => processMs(cli[0]!, [cli[1]!, ...args], ROOT)));
    lines.push(
      `  LibreOffice HTML → .docx cùng nội dung (cả tiến trình, hồ sơ đã khởi tạo): trung vị ${f0(lo)} ms (3 lần); npm run cli -- docx (cả tiến trình): ${f0(whole)} ms — LibreOffice / BaoCao: ${f1(lo / whole)} lần (cả tiến trình), ${f1(lo / ours.median)} lần (so với trong tiến trình)`,
    );
  } catch (e) {
    lines.push(`  LibreOffice: không đo được (${(e as Error).message.slice(0, 200)})`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return { docx, ms: ours.median, rss, lines };
}

async function pdfLines(
  plan: ReturnType<typeof longPlan>,
  catalog: Parameters<typeof renderPdf>[1],
  docx: Buffer,
): Promise<string[]> {
  let pdf: Buffer = Buffer.alloc(0);
  const ours = await timed(5, async () => {
    pdf = (await renderPdf(plan, catalog)).bytes;
  });
  const lines = [
    `PDF cùng kế hoạch (trong tiến trình): trung vị ${f0(ours.median)} ms (5 lần, tối đa ${f0(ours.max)} ms), ${f0(pdf.length / 1024)} KiB`,
  ];
  if (hasSoffice) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-lo-pdf-'));
    try {
      fs.writeFileSync(path.join(dir, 'plan.docx'), docx);
      soffice(dir, path.join(dir, 'plan.docx'), 'pdf'); // the first run also creates the profile
      const lo = median([1, 2].map(() => soffice(dir, path.join(dir, 'plan.docx'), 'pdf')));
      lines.push(
        `  LibreOffice chuyển .docx của cùng kế hoạch sang PDF (cả tiến trình, hồ sơ đã khởi tạo): trung vị ${f0(lo)} ms (2 lần) — LibreOffice / BaoCao: ${f1(lo / ours.median)} lần`,
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  } else lines.push('  LibreOffice (soffice) không có trên máy: bỏ qua phép so sánh với LibreOffice');

  const pki = createTestPki();
  try {
    const cert = pki.issue({ name: 'bench-doc', subject: headSubject });
    const p12 = unpackP12(pki.p12(cert, 'bench'), 'bench');
    const identity = softwareIdentity('pkcs12', p12.keyPkcs8, p12.certificate, p12.chain);
    const info = { name: 'Bench', reason: 'Phê duyệt', location: 'Bắc Ninh', signingTime: new Date() };
    let signed: Buffer = Buffer.alloc(0);
    const sign = await timed(7, async () => {
      signed = await signPdf(pdf, identity, info);
    });
    const verify = await timed(7, () => verifyPdf(signed, { trustedRoots: [pki.ca.certDer] }));
    lines.push(
      `  ký PDF này bằng .p12 (PAdES): trung vị ${f0(sign.median)} ms; kiểm tra chữ ký: ${f0(verify.median)} ms — lập + ký: ${f0(ours.median + sign.median)} ms`,
    );
  } finally {
    pki.cleanup();
  }
  return lines;
}

/** Export time of the official .docx and PDF of a plan with 300 activities and every section full. */
export async function documentsBench(): Promise<string[]> {
  const catalog = loadCatalogFile(`${defaultResourcesDir()}/plans/34-KH-UBND-2025.json`);
  const plan = longPlan(300);
  const word = await wordLines(plan, catalog);
  const rssWord = word.rss;
  const pdf = await pdfLines(plan, catalog, word.docx);
  return [
    ...word.lines,
    `  mục tiêu ≤ 100 ms (trung vị): ${word.ms <= 100 ? 'đạt' : 'chưa đạt'}`,
    ...pdf,
    `bộ nhớ thường trú cao nhất của tiến trình: ${mib(rssWord)} sau Word, ${mib(peakRss())} sau các phép so sánh, PDF và ký (giới hạn 512 MiB)`,
  ];
}
