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
import { loadCatalogDir } from './services/catalog/loadCatalog.ts';
import { writeAtomically } from './services/drafts/attachmentStore.ts';
import { checkAgainstCatalog, renderDocx } from './services/documents/renderDocument.ts';
import { chooseSigner, toExchange } from './services/documents/exchangeBuilder.ts';
import { createServices, defaultResourcesDir } from './services/index.ts';
import { DATABASE_FILE } from './services/store/openDatabase.ts';

class InputError extends Error {}

const USAGE = `Cách dùng:
  npm run cli -- docx --input doc.json --output out.docx
  npm run cli -- pdf --input doc.json --output out.pdf
  npm run cli -- export-json --data-dir THƯ_MỤC --id MÃ_VĂN_BẢN --output out.json`;

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

/** The exchange JSON named by --input, validated, with its plan template. */
function readExchange(values: Record<string, string | undefined>) {
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
  const resources = values.resources ?? defaultResourcesDir();
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
  writeAtomically(path.resolve(output), bytes);
  console.log(`Đã tạo ${output} (${bytes.length} byte)`);
}

async function docx(values: Record<string, string | undefined>) {
  const { doc, catalog, output } = readExchange(values);
  // An issued document is dated by its issue date; a draft by now.
  write(output, await renderDocx(doc, catalog, { createdAt: doc.meta.issuedOn ? undefined : new Date() }));
}

async function pdf(values: Record<string, string | undefined>) {
  const { doc, catalog, output, resources } = readExchange(values);
  // Loaded here, not at start: pdfmake and the fonts cost a second that other commands need not pay.
  const { documentFonts } = await import('./services/documents/pdf/fonts.ts');
  const { renderPdf } = await import('./services/documents/pdf/renderPdf.ts');
  const { bytes } = await renderPdf(doc, catalog, {
    fonts: documentFonts(path.join(resources, 'fonts')),
    // An issued document is dated by its issue date; a draft by now.
    createdAt: doc.meta.issuedOn ? undefined : new Date(),
  });
  write(output, bytes);
}

function exportJson(values: Record<string, string | undefined>) {
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

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    const { values } = parseArgs({
      args: rest,
      options: {
        input: { type: 'string' },
        output: { type: 'string' },
        'data-dir': { type: 'string' },
        id: { type: 'string' },
        resources: { type: 'string' },
      },
      strict: true,
    });
    if (command === 'docx') await docx(values);
    else if (command === 'pdf') await pdf(values);
    else if (command === 'export-json') exportJson(values);
    else if (command === 'schema') schema(values);
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
