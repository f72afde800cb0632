/**
 * `npm run cli -- <command>`: batch use and tests.
 *
 *   docx        --input doc.json --output out.docx [--resources DIR]
 *               The exchange JSON of a plan or report (docs/exchange-format.md) → the official .docx.
 *   pdf         --input doc.json --output out.pdf [--resources DIR]
 *               The same → the official PDF (the same layout as the .docx).
 *   export-json --data-dir DIR --id ID --output out.json [--resources DIR]
 *               A stored plan or report → its exchange JSON.
 *   schema      --output docs/exchange.schema.json
 *               The JSON Schema of the exchange JSON, generated from its zod schema.
 *   verify      FILE [--trust ROOT.pem …] [--json]
 *               The signatures of a PDF, a package (.zip) or a package folder. Exit 0 valid,
 *               1 invalid or untrusted, 2 unreadable input.
 *
 * Exit codes: 0 done, 2 bad input (the message names the field), 1 anything else.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import '../shared/validation.ts';
import { parseExchange } from '../shared/domain/documents/exchange.ts';
import { exchangeJsonSchema } from '../shared/domain/documents/exchangeJsonSchema.ts';
import { AppError } from '../shared/errors.ts';
import { exitCodeOf } from '../shared/domain/signing/verification.ts';
import { writeFileAtomically } from './services/files/atomicFiles.ts';
import { printReport } from './services/signing/verify/printReport.ts';
import { readCertificates, verifyPath } from './services/signing/verify/index.ts';

class InputError extends Error {}

const USAGE = `Cách dùng:
  npm run cli -- docx --input doc.json --output out.docx
  npm run cli -- pdf --input doc.json --output out.pdf
  npm run cli -- export-json --data-dir THƯ_MỤC --id MÃ_VĂN_BẢN --output out.json
  npm run cli -- verify TỆP_HOẶC_THƯ_MỤC [--trust GỐC.pem …] [--json]`;

function required(values: Record<string, string | undefined>, name: string): string {
  const v = values[name];
  if (!v) throw new InputError(`Thiếu tham số --${name}\n${USAGE}`);
  return v;
}

/**
 * Where JSON.parse stopped, in the words a person editing the file uses: "dòng 3, cột 17". V8
 * says "at position 45" (Node 20) or "(line 3 column 17)" (Node 22).
 */
function jsonSyntaxError(file: string, raw: string, e: Error): string {
  const lineCol = /line (\d+) column (\d+)/.exec(e.message);
  const position = /position (\d+)/.exec(e.message);
  let where = '';
  if (lineCol) where = ` (dòng ${lineCol[1]}, cột ${lineCol[2]})`;
  else if (position) {
    const before = raw.slice(0, Number(position[1]));
    const line = before.split('\n').length;
    where = ` (dòng ${line}, cột ${before.length - before.lastIndexOf('\n')})`;
  }
  const end = /end of JSON input/.test(e.message);
  return `Tệp ${file} không phải JSON hợp lệ${where}: ${
    end
      ? 'tệp kết thúc giữa chừng, thiếu dấu đóng ngoặc'
      : 'kiểm tra dấu phẩy, dấu ngoặc và dấu nháy kép quanh tên trường'
  }`;
}

// Each command loads only what it needs: `verify` starts without the document builders or the store,
// `docx` and `pdf` without the store and the services.
const docxModules = async () => ({
  ...(await import('./services/catalog/loadCatalog.ts')),
  ...(await import('./services/documents/renderDocument.ts')),
});
const storeModules = async () => ({
  ...(await import('./services/documents/exchangeBuilder.ts')),
  ...(await import('./services/index.ts')),
  ...(await import('./services/store/openDatabase.ts')),
});
/** resources/ of the checkout (as services/index.ts's defaultResourcesDir, without loading the services). */
const checkoutResources = () => path.resolve(import.meta.dirname, '../resources');

/** The exchange JSON named by --input, validated, with its plan template. */
async function readExchange(values: Record<string, string | undefined>) {
  const { loadCatalogDir, checkAgainstCatalog } = await docxModules();
  const input = required(values, 'input');
  const output = required(values, 'output');
  let raw: string;
  try {
    raw = fs.readFileSync(input, 'utf8');
  } catch {
    throw new InputError(`Không đọc được tệp ${input}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(raw.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new InputError(jsonSyntaxError(input, raw, e as Error));
  }
  const parsed = parseExchange(data);
  if (!parsed.success) throw new InputError(`Tệp ${input} không hợp lệ:\n  ${parsed.problems.join('\n  ')}`);
  const resources = values.resources ?? checkoutResources();
  const catalogs = loadCatalogDir(path.join(resources, 'plans'));
  const catalog = catalogs.get(parsed.data.catalogId);
  if (!catalog) {
    throw new InputError(
      `Tệp ${input} không hợp lệ:\n  trường catalogId: không có kế hoạch mẫu "${parsed.data.catalogId}" (có: ${[...catalogs.keys()].join(', ')})`,
    );
  }
  const problems = checkAgainstCatalog(parsed.data, catalog);
  if (problems.length) {
    const shown = [
      ...problems.slice(0, 10),
      ...(problems.length > 10 ? [`và ${problems.length - 10} lỗi khác`] : []),
    ];
    throw new InputError(`Tệp ${input} không hợp lệ:\n  ${shown.join('\n  ')}`);
  }
  return { doc: parsed.data, catalog, output, resources };
}

function write(output: string, bytes: Buffer) {
  writeFileAtomically(path.resolve(output), bytes);
  console.log(`Đã tạo ${output} (${bytes.length} byte)`);
}

async function docx(values: Record<string, string | undefined>) {
  const { doc, catalog, output } = await readExchange(values);
  // In a worker thread, as the app renders (documents/renderOffThread.ts). An issued document is
  // dated by its issue date; a draft by now.
  const { renderDocxOffThread } = await import('./services/documents/renderOffThread.ts');
  write(
    output,
    await renderDocxOffThread(doc, catalog, undefined, undefined, {
      createdAt: doc.meta.issuedOn ? undefined : new Date(),
    }),
  );
}

async function pdf(values: Record<string, string | undefined>) {
  const { doc, catalog, output, resources } = await readExchange(values);
  // In a worker thread, as the app renders; pdfmake and the fonts load there, not at start.
  const { renderPdfOffThread } = await import('./services/documents/renderOffThread.ts');
  const bytes = await renderPdfOffThread(doc, catalog, {
    fontsDir: path.join(resources, 'fonts'),
    // An issued document is dated by its issue date; a draft by now.
    ...(doc.meta.issuedOn ? {} : { createdAt: new Date() }),
  });
  write(output, bytes);
}

async function exportJson(values: Record<string, string | undefined>) {
  const { DATABASE_FILE, createServices, defaultResourcesDir, toExchange, chooseSigner } =
    await storeModules();
  const dataDir = required(values, 'data-dir');
  const id = required(values, 'id');
  const output = required(values, 'output');
  if (!fs.existsSync(path.join(dataDir, DATABASE_FILE))) {
    throw new InputError(`Không tìm thấy dữ liệu BaoCao trong thư mục ${dataDir}`);
  }
  const services = createServices({ dataDir, resourcesDir: values.resources ?? defaultResourcesDir() });
  try {
    const org = services.organization.get();
    if (!org) throw new InputError('Dữ liệu chưa được thiết lập (chưa có thông tin cơ quan)');
    const stored = services.documents.get(id);
    if (!stored) throw new InputError(`--id: không tìm thấy văn bản "${id}"`);
    const users = services.users.list();
    const doc = toExchange(stored, org, chooseSigner(org, users));
    fs.mkdirSync(path.dirname(path.resolve(output)), { recursive: true });
    fs.writeFileSync(output, `${JSON.stringify(doc, null, 2)}\n`);
    console.log(`Đã xuất ${output}`);
  } finally {
    services.close();
  }
}

/** The JSON Schema of the exchange format (of what a file may contain: defaults are optional). */
function schema(values: Record<string, string | undefined>) {
  const output = required(values, 'output');
  const { schema: json, undescribed } = exchangeJsonSchema();
  if (undescribed.length) throw new Error(`các trường chưa có mô tả: ${undescribed.join(', ')}`);
  fs.writeFileSync(output, `${JSON.stringify(json, null, 2)}\n`);
  console.log(`Đã tạo ${output}`);
}

/** Verdict of the signatures in a file or package folder; the exit code says valid/invalid/unreadable. */
async function verify(positionals: string[], values: { trust?: string[]; json?: boolean }): Promise<number> {
  const target = positionals[0];
  if (!target || positionals.length > 1)
    throw new InputError(`Cần đúng một tệp hoặc thư mục để kiểm tra\n${USAGE}`);
  const trustedRoots: Buffer[] = [];
  for (const file of values.trust ?? []) {
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(file);
    } catch {
      throw new InputError(`Không đọc được tệp chứng thư gốc ${file}`);
    }
    const certs = readCertificates(bytes);
    if (!certs) throw new InputError(`Tệp ${file} không phải chứng thư số (.cer, .crt, .pem hoặc .der)`);
    trustedRoots.push(...certs);
  }
  const report = await verifyPath(target, { trustedRoots });
  console.log(values.json ? JSON.stringify(report, null, 2) : printReport(report));
  return exitCodeOf(report.verdict);
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    const { values, positionals } = parseArgs({
      args: rest,
      allowPositionals: command === 'verify',
      options: {
        trust: { type: 'string', multiple: true },
        json: { type: 'boolean' },
        input: { type: 'string' },
        output: { type: 'string' },
        'data-dir': { type: 'string' },
        id: { type: 'string' },
        resources: { type: 'string' },
      },
      strict: true,
    });
    if (command === 'verify') return await verify(positionals, values);
    const { trust: _t, json: _j, ...plain } = values;
    if (command === 'docx') await docx(plain);
    else if (command === 'pdf') await pdf(plain);
    else if (command === 'export-json') await exportJson(plain);
    else if (command === 'schema') schema(plain);
    else throw new InputError(`Lệnh không hợp lệ: ${command ?? '(trống)'}\n${USAGE}`);
    return 0;
  } catch (e) {
    if (e instanceof InputError || (e instanceof AppError && e.code === 'VALIDATION')) {
      console.error(e.message);
      return 2;
    }
    if (e instanceof TypeError && 'code' in e && String(e.code).startsWith('ERR_PARSE_ARGS')) {
      console.error(`${e.message}\n${USAGE}`);
      return 2;
    }
    // Never a stack trace: whatever went wrong, one line a person can read and report.
    console.error(`Lỗi: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
