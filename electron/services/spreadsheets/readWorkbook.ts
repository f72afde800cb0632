import path from 'node:path';
import { AppError } from '../../../shared/errors.ts';
import { createWorkerPool, type WorkerPool } from '../workers/workerPool.ts';
import { LIMITS, MESSAGES, type WorkbookData } from './workbookData.ts';

export {
  LIMITS,
  MESSAGES,
  cellAt,
  columnLetter,
  columnNumber,
  normalizeLabel,
  scalarText,
  type CellScalar,
  type SheetData,
  type WorkbookData,
} from './workbookData.ts';

/**
 * Opens a spreadsheet a person uploaded, which may be anything: a PDF renamed .xlsx, an encrypted
 * workbook, a zip bomb, a sheet of a million rows, a workbook with macros, a zip crafted so that two
 * readers see different files. The cheap checks run here (name, size, OLE2 signature); the file is
 * then read in a worker thread (xlsxReader.ts: the strict zip reader produces the parts, and only
 * those parts are parsed, with every count bounded while reading), under a memory and a time limit,
 * so the app keeps answering while it works and a heavy file fails with a clear message.
 * Nothing evaluates a formula.
 */

const refuse = (message: string): never => {
  throw new AppError('VALIDATION', message);
};

const CFB_SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

function extensionOf(fileName: string): string {
  const m = /\.([A-Za-z0-9]+)$/.exec(fileName.trim());
  return m ? m[1]!.toLowerCase() : '';
}

/** The checks that need no parsing: name, size, and a compound file (encrypted or .xls). */
export function checkSpreadsheetName(fileName: string, bytes: Buffer): void {
  const ext = extensionOf(fileName);
  if (ext === 'xls') refuse(MESSAGES.xls);
  if (ext === 'xlsm') refuse(MESSAGES.macros);
  if (ext === 'xlsb') refuse(MESSAGES.xlsb);
  if (ext !== 'xlsx') refuse(MESSAGES.notXlsx);
  if (bytes.length === 0) refuse(MESSAGES.empty);
  if (bytes.length > LIMITS.maxBytes) refuse(MESSAGES.tooBig);
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(CFB_SIGNATURE)) {
    // An encrypted .xlsx is an OLE2 compound file holding EncryptionInfo and EncryptedPackage.
    const encrypted =
      bytes.includes(Buffer.from('EncryptionInfo', 'utf16le')) ||
      bytes.includes(Buffer.from('EncryptedPackage', 'utf16le'));
    refuse(encrypted ? MESSAGES.encrypted : MESSAGES.oleUnknown);
  }
}

/** Worst case measured by `npm run bench` (Excel: tệp nặng nhất được nhận). */
export const PARSE_LIMITS = {
  timeLimitMs: 30_000,
  resourceLimits: { maxOldGenerationSizeMb: 384, maxYoungGenerationSizeMb: 48 },
};

let shared: WorkerPool | undefined;
/** The process's spreadsheet workers, started on first use; idle ones end by themselves. */
export function spreadsheetWorkers(): WorkerPool {
  shared ??= createWorkerPool({
    entry: path.join(import.meta.dirname, 'parseWorker.ts'),
    bundle: 'spreadsheets',
    maxWorkers: 2,
    maxQueue: 4,
    ...PARSE_LIMITS,
    messages: {
      timeout: MESSAGES.tooSlow,
      memory: MESSAGES.tooMuchMemory,
      busy: MESSAGES.busy,
      failed: MESSAGES.damaged,
    },
  });
  return shared;
}

/** A checked workbook as plain data; throws a Vietnamese VALIDATION error for any refusal. */
export async function readWorkbook(
  fileName: string,
  bytes: Buffer,
  workers: WorkerPool = spreadsheetWorkers(),
  /** "Hủy": a parse in progress stops (its worker is terminated). */
  signal?: AbortSignal,
): Promise<WorkbookData> {
  checkSpreadsheetName(fileName, bytes);
  // A copy of its own, moved (not copied again) into the worker.
  const own = new Uint8Array(bytes);
  return workers.run<WorkbookData>('parseXlsx', own, [own.buffer], signal);
}
