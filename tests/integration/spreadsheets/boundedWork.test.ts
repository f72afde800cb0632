import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors.ts';
import { MESSAGES, readWorkbook } from '../../../electron/services/spreadsheets/readWorkbook.ts';
import { createWorkerPool, type WorkerPool } from '../../../electron/services/workers/workerPool.ts';
import { editSession } from '../../unit/helpers/drafts.ts';
import { expectOk } from '../../unit/helpers/setup.ts';
import { exportBytes, loadXlsx, makeZip, reportFixture, zipFiles } from '../../unit/spreadsheets/fixtures.ts';

type Fixture = Awaited<ReturnType<typeof reportFixture>>;

const entry = path.resolve(import.meta.dirname, '../../../electron/services/spreadsheets/parseWorker.ts');
const messages = {
  timeout: MESSAGES.tooSlow,
  memory: MESSAGES.tooMuchMemory,
  busy: MESSAGES.busy,
  failed: MESSAGES.damaged,
};

/** A workbook at the row limit: 20,000 rows of ten text cells each, every text different. */
function heavySheet(template: ReturnType<typeof zipFiles>) {
  const sheetPart = template.find((t) => /^xl\/worksheets\/sheet\d+\.xml$/.test(t.name))!.name;
  const row = (r: number) =>
    Array.from(
      { length: 10 },
      (_, c) =>
        `<c r="${String.fromCharCode(65 + c)}${r}" t="inlineStr"><is><t>ô ${r}-${c} ${'chữ '.repeat(8)}</t></is></c>`,
    ).join('');
  const body = Array.from({ length: 19_000 }, (_, i) => `<row r="${i + 1}">${row(i + 1)}</row>`).join('');
  const xml = `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${body}</sheetData></worksheet>`;
  return makeZip(template.map((t) => (t.name === sheetPart ? { ...t, data: Buffer.from(xml) } : t)));
}

describe('reading a spreadsheet is bounded in time and memory', () => {
  let f: Fixture;
  let heavy: Buffer;
  const pools: WorkerPool[] = [];
  beforeAll(async () => {
    f = await reportFixture();
    heavy = heavySheet(zipFiles((await exportBytes(f.clerk, f.report.meta.id, 'template')).bytes));
  });
  afterAll(async () => {
    await Promise.all(pools.map((p) => p.close()));
    f.services.close();
  });
  const pool = (o: { timeLimitMs: number; maxOldGenerationSizeMb?: number }) => {
    const p = createWorkerPool({
      entry,
      bundle: 'spreadsheets',
      timeLimitMs: o.timeLimitMs,
      messages,
      ...(o.maxOldGenerationSizeMb
        ? {
            resourceLimits: { maxOldGenerationSizeMb: o.maxOldGenerationSizeMb, maxYoungGenerationSizeMb: 4 },
          }
        : {}),
    });
    pools.push(p);
    return p;
  };
  const refusal = (p: Promise<unknown>) =>
    p.then(
      () => null,
      (e: unknown) => e as AppError,
    );

  it('the heavy file is accepted by the limits on rows, columns and cells', async () => {
    const wb = await readWorkbook('nang.xlsx', heavy);
    expect(wb.sheets.find((s) => s.rowCount === 19_000)).toBeTruthy();
  });

  it('past the time limit it stops with a clear message', async () => {
    const e = await refusal(readWorkbook('nang.xlsx', heavy, pool({ timeLimitMs: 300 })));
    expect(e).toMatchObject({ code: 'VALIDATION', message: MESSAGES.tooSlow });
  });

  it('past the memory limit it stops with a clear message', async () => {
    const e = await refusal(
      readWorkbook('nang.xlsx', heavy, pool({ timeLimitMs: 60_000, maxOldGenerationSizeMb: 24 })),
    );
    expect(e).toMatchObject({ code: 'VALIDATION', message: MESSAGES.tooMuchMemory });
  });

  it('other calls are answered while a file is being read', async () => {
    const order: string[] = [];
    const preview = f
      .clerk('spreadsheets.previewImport', {
        id: f.report.meta.id,
        fileName: 'nang.xlsx',
        dataBase64: heavy.toString('base64'),
      })
      .then(() => order.push('preview'));
    await new Promise((r) => setTimeout(r, 50));
    const status = f.clerk('reports.get', { id: f.report.meta.id }).then(() => order.push('get'));
    await Promise.all([preview, status]);
    expect(order).toEqual(['get', 'preview']);
  });
});

describe('exported text never becomes a formula', () => {
  it('cells that start with = + - @ are text and keep the Text format when edited', async () => {
    const f = await reportFixture();
    const content = structuredClone(f.report.content);
    const hostile = ['=HYPERLINK("http://example.invalid","bấm")', '+84 222 3822 123', '-1+2', '@SUM(A1:A3)'];
    hostile.forEach((text, i) => (content.tasks[i]!.result = text));
    expectOk(
      await f.clerk('reports.save', {
        id: f.report.meta.id,
        baseRevision: f.report.meta.revision,
        editSession: editSession('x'),
        content,
      }),
    );
    const wb = await loadXlsx((await exportBytes(f.clerk, f.report.meta.id, 'document')).bytes);
    const cells = wb.worksheets.flatMap((ws) => {
      const out: { value: unknown; numFmt: string; type: number }[] = [];
      ws.eachRow((row) => row.eachCell((c) => out.push({ value: c.value, numFmt: c.numFmt, type: c.type })));
      return out;
    });
    for (const text of hostile) {
      const cell = cells.find((c) => c.value === text);
      expect(cell, text).toBeTruthy();
      expect(cell!.numFmt, text).toBe('@');
      expect(typeof cell!.value, text).toBe('string');
    }
    f.services.close();
  });
});
