import path from 'node:path';
import type { Catalog } from '../../../shared/domain/catalog/schema.ts';
import type { ExchangeDocument } from '../../../shared/domain/documents/exchange.ts';
import type { PdfFieldLayout } from '../../../shared/domain/documents/pdfFields.ts';
import { createWorkerPool, type WorkerPool } from '../workers/workerPool.ts';

/**
 * Rendering a document takes from a fraction of a second to several for a long report: it runs in
 * worker threads (workers/workerPool.ts), so the window keeps answering, "Hủy" can stop it
 * (terminating the worker), and a runaway render stops at a time and memory limit. The desktop's
 * handlers, web mode and the CLI all render through here.
 */
export const RENDER_MESSAGES = {
  timeout:
    'Tạo tệp văn bản mất quá nhiều thời gian nên đã dừng. Hãy thử lại; nếu lặp lại, hãy gửi nhật ký lỗi cho bộ phận hỗ trợ.',
  memory:
    'Văn bản quá lớn, tạo tệp cần nhiều bộ nhớ hơn mức cho phép. Hãy chia bớt nội dung hoặc tệp đính kèm rồi thử lại.',
  busy: 'BaoCao đang tạo nhiều tệp cùng lúc; hãy đợi một lát rồi thử lại.',
  failed:
    'Không tạo được tệp văn bản do lỗi không mong muốn. Hãy thử lại; nếu lặp lại, hãy gửi nhật ký lỗi cho bộ phận hỗ trợ.',
};

let shared: WorkerPool | undefined;
/** The process's render workers, started on first use; idle ones end by themselves. */
export function documentWorkers(): WorkerPool {
  shared ??= createWorkerPool({
    entry: path.join(import.meta.dirname, 'renderWorker.ts'),
    bundle: 'documents',
    maxWorkers: 2,
    maxQueue: 8,
    timeLimitMs: 90_000,
    resourceLimits: { maxOldGenerationSizeMb: 768, maxYoungGenerationSizeMb: 64 },
    refusalCode: 'INTERNAL',
    messages: RENDER_MESSAGES,
  });
  return shared;
}

const asBuffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** renderDocument.ts's renderDocx, in a worker. */
export async function renderDocxOffThread(
  doc: ExchangeDocument,
  catalog: Catalog,
  signal?: AbortSignal,
  workers: WorkerPool = documentWorkers(),
  options: { createdAt?: Date | undefined } = {},
): Promise<Buffer> {
  const createdAt = options.createdAt?.toISOString();
  return asBuffer(
    await workers.run<Uint8Array>('docx', { doc, catalog, ...(createdAt ? { createdAt } : {}) }, [], signal),
  );
}

const pdfInput = (
  doc: ExchangeDocument,
  catalog: Catalog,
  options: { fontsDir?: string | undefined; createdAt?: Date | undefined },
) => ({
  doc,
  catalog,
  ...(options.fontsDir ? { fontsDir: options.fontsDir } : {}),
  ...(options.createdAt ? { createdAt: options.createdAt.toISOString() } : {}),
});

/** pdf/renderPdf.ts's renderPdf (bytes only), in a worker; fonts from `fontsDir`. */
export async function renderPdfOffThread(
  doc: ExchangeDocument,
  catalog: Catalog,
  options: { fontsDir?: string; createdAt?: Date },
  signal?: AbortSignal,
  workers: WorkerPool = documentWorkers(),
): Promise<Buffer> {
  return asBuffer(await workers.run<Uint8Array>('pdf', pdfInput(doc, catalog, options), [], signal));
}

/** The same with where its number, date and signature go: what "Duyệt và ký" and "Ban hành" need. */
export async function renderPdfWithFieldsOffThread(
  doc: ExchangeDocument,
  catalog: Catalog,
  options: { fontsDir?: string | undefined; createdAt?: Date | undefined },
  workers: WorkerPool = documentWorkers(),
): Promise<{ bytes: Buffer; fields: PdfFieldLayout }> {
  const r = await workers.run<{ bytes: Uint8Array; fields: PdfFieldLayout }>(
    'pdfWithFields',
    pdfInput(doc, catalog, options),
    [],
  );
  return { bytes: asBuffer(r.bytes), fields: r.fields };
}
