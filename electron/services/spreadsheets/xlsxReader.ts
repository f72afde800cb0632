import { StringDecoder } from 'node:string_decoder';
import { SaxesParser } from 'saxes';
import { AppError } from '../../../shared/errors.ts';
import { openStrictZip, ZipProblem, type StrictZip } from '../zip/strictZip.ts';
import {
  LIMITS,
  MESSAGES,
  columnNumber,
  type CellScalar,
  type SheetData,
  type WorkbookData,
} from './workbookData.ts';

/**
 * Reads an .xlsx into plain data. The parts come from the strict zip reader and nothing else: the
 * relationships decide which parts are the workbook, its sheets, shared strings and styles, and
 * exactly those parts are parsed, each by a strict XML parser that refuses any DOCTYPE (no entity
 * expansion) — whatever a part is named. Work is bounded while it happens: rows, columns, cells
 * and shared strings are counted as they are read, and the first one over its limit stops the read.
 * Formulas are never evaluated: a formula cell gives its cached result.
 * Runs in a worker thread (parseWorker.ts); the main thread only receives the data.
 */

const refuse = (message: string): never => {
  throw new AppError('VALIDATION', message);
};

const CHUNK = 64 * 1024;

interface XmlHandlers {
  open?(name: string, attrs: Record<string, string>): void;
  close?(name: string): void;
  text?(text: string): void;
}

/** Local name of a tag or attribute: "x:row" and "row" are the same element. */
const local = (name: string) => name.slice(name.indexOf(':') + 1);

function parseXml(bytes: Buffer, on: XmlHandlers) {
  const parser = new SaxesParser<{ xmlns: false; position: false }>({ xmlns: false, position: false });
  parser.on('doctype', () => refuse(MESSAGES.damaged));
  parser.on('error', () => refuse(MESSAGES.damaged));
  if (on.open) {
    const open = on.open;
    parser.on('opentag', (tag) => open(local(tag.name), tag.attributes as Record<string, string>));
  }
  if (on.close) {
    const close = on.close;
    parser.on('closetag', (tag) => close(local(tag.name)));
  }
  if (on.text) parser.on('text', on.text);
  const decoder = new StringDecoder('utf8');
  for (let i = 0; i < bytes.length; i += CHUNK) parser.write(decoder.write(bytes.subarray(i, i + CHUNK)));
  parser.write(decoder.end());
  parser.close();
}

/** The value of a relationship-id attribute ("r:id", whatever its prefix). */
function relId(attrs: Record<string, string>): string | undefined {
  for (const [k, v] of Object.entries(attrs)) if (k.includes(':') && local(k) === 'id') return v;
  return undefined;
}

interface Relationship {
  type: string;
  target: string;
  external: boolean;
}

/** "xl/worksheets/sheet1.xml" → "xl/worksheets/_rels/sheet1.xml.rels". */
function relsPathOf(part: string): string {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

/** A relationship target resolved against the folder of its source part, as OPC says. */
function resolveTarget(sourcePart: string, target: string): string {
  const base = target.startsWith('/') ? [] : sourcePart.split('/').slice(0, -1);
  for (const seg of target.replace(/^\//, '').split('/')) {
    if (seg === '..') base.pop();
    else if (seg !== '.' && seg !== '') base.push(seg);
  }
  return base.join('/');
}

function readRelationships(zip: StrictZip, part: string): Map<string, Relationship> {
  const rels = new Map<string, Relationship>();
  const path = relsPathOf(part);
  if (!zip.has(path)) return rels;
  parseXml(zip.read(path), {
    open(name, a) {
      if (name !== 'Relationship' || !a.Id || !a.Target) return;
      const external = a.TargetMode === 'External';
      rels.set(a.Id, {
        type: a.Type ?? '',
        target: external ? a.Target : resolveTarget(part, a.Target),
        external,
      });
    },
  });
  return rels;
}

const isType = (r: Relationship, kind: string) => r.type.endsWith(`/${kind}`);

function requirePart(zip: StrictZip, part: string): Buffer {
  if (!zip.has(part)) refuse(MESSAGES.damaged);
  return zip.read(part);
}

function readSharedStrings(bytes: Buffer): string[] {
  const strings: string[] = [];
  let current: string | null = null;
  let inText = false;
  let phonetic = 0;
  parseXml(bytes, {
    open(name) {
      if (name === 'si') {
        current = '';
        if (strings.length >= LIMITS.maxSharedStrings) refuse(MESSAGES.tooManyStrings);
      } else if (name === 'rPh') phonetic++;
      else if (name === 't' && phonetic === 0) inText = true;
    },
    close(name) {
      if (name === 'si' && current !== null) {
        strings.push(current);
        current = null;
      } else if (name === 'rPh') phonetic--;
      else if (name === 't') inText = false;
    },
    text(t) {
      if (inText && current !== null) current += t;
    },
  });
  return strings;
}

const BUILTIN_FORMATS: Record<number, string> = {
  9: '0%',
  10: '0.00%',
  14: 'mm-dd-yy',
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM',
  20: 'h:mm',
  21: 'h:mm:ss',
  22: 'm/d/yy h:mm',
  45: 'mm:ss',
  46: '[h]:mm:ss',
  47: 'mmss.0',
};

/** Dates are numbers shown with a date format: the letters y m d h s outside quotes and brackets. */
const isDateFormat = (f: string) => /[ymdhMsb]/.test(f.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));

interface CellStyle {
  percent: boolean;
  date: boolean;
}

function readStyles(bytes: Buffer): CellStyle[] {
  const formats = new Map<number, string>();
  const styles: CellStyle[] = [];
  let inCellXfs = false;
  parseXml(bytes, {
    open(name, a) {
      if (name === 'numFmt' && a.numFmtId && a.formatCode !== undefined)
        formats.set(Number(a.numFmtId), a.formatCode);
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) {
        if (styles.length >= 65_000) refuse(MESSAGES.damaged);
        const id = Number(a.numFmtId ?? 0);
        const f = formats.get(id) ?? BUILTIN_FORMATS[id] ?? '';
        styles.push({ percent: f.replace(/"[^"]*"/g, '').includes('%'), date: isDateFormat(f) });
      }
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
  });
  return styles;
}

/** Excel's serial day numbers (1900 system with its leap-year bug, or 1904), as exceljs reads them. */
const excelDate = (serial: number, date1904: boolean) =>
  new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));

interface Context {
  shared: string[];
  styles: CellStyle[];
  date1904: boolean;
  /** Cells read so far over all sheets. */
  cells: number;
}

const textOf = (s: string): CellScalar => (s.trim() === '' ? { kind: 'empty' } : { kind: 'text', text: s });

const NO_RESULT = 'Ô có công thức nhưng chưa có giá trị đã tính; hãy mở tệp bằng Excel, lưu lại rồi nhập lại';

function cellValue(
  c: { t: string; s: number; v: string | null; formula: boolean; inline: string | null },
  ctx: Context,
): CellScalar {
  if (c.t === 'inlineStr') return textOf(c.inline ?? '');
  if (c.v === null) return c.formula ? { kind: 'error', reason: NO_RESULT } : { kind: 'empty' };
  switch (c.t) {
    case 's': {
      const s = ctx.shared[Number(c.v)];
      return s === undefined ? refuse(MESSAGES.damaged) : textOf(s);
    }
    case 'str':
      return textOf(c.v);
    case 'b':
      return { kind: 'boolean', value: c.v.trim() === '1' };
    case 'e':
      return { kind: 'error', reason: `Ô có lỗi ${c.v.slice(0, 20)}` };
    case 'd': {
      const d = new Date(c.v);
      return Number.isNaN(d.getTime())
        ? { kind: 'error', reason: 'Ngày không hợp lệ' }
        : { kind: 'date', value: d };
    }
    default: {
      const n = Number(c.v);
      if (c.v.trim() === '' || !Number.isFinite(n))
        return { kind: 'error', reason: 'Giá trị số không hợp lệ' };
      const style = ctx.styles[c.s];
      if (style?.date) return { kind: 'date', value: excelDate(n, ctx.date1904) };
      return { kind: 'number', value: n, percentFormat: Boolean(style?.percent) };
    }
  }
}

const CELL_REF = /^([A-Z]{1,3})(\d{1,7})$/;

function readSheet(name: string, bytes: Buffer, rels: Map<string, Relationship>, ctx: Context): SheetData {
  const sheet: SheetData = { name, rowCount: 0, columnCount: 0, rows: new Map() };
  let rowNo = 0;
  let colNo = 0;
  let cell: {
    row: number;
    col: number;
    t: string;
    s: number;
    v: string | null;
    formula: boolean;
    inline: string | null;
  } | null = null;
  let inValue = false;
  let inInlineText = false;
  let phonetic = 0;
  const links: { ref: string; url: string }[] = [];

  const store = (row: number, col: number, value: CellScalar) => {
    if (value.kind === 'empty') return;
    if (row > LIMITS.maxRows) refuse(MESSAGES.rows(name, row));
    if (col > LIMITS.maxColumns) refuse(MESSAGES.columns(name, col));
    if (++ctx.cells > LIMITS.maxCells) refuse(MESSAGES.tooManyCells);
    let r = sheet.rows.get(row);
    if (!r) sheet.rows.set(row, (r = new Map()));
    r.set(col, value);
    sheet.rowCount = Math.max(sheet.rowCount, row);
    sheet.columnCount = Math.max(sheet.columnCount, col);
  };

  parseXml(bytes, {
    open(tag, a) {
      switch (tag) {
        case 'row': {
          const r = Number(a.r);
          rowNo = a.r !== undefined && Number.isInteger(r) && r > 0 ? r : rowNo + 1;
          colNo = 0;
          break;
        }
        case 'c': {
          const m = a.r ? CELL_REF.exec(a.r) : null;
          let row = rowNo;
          if (m) {
            colNo = columnNumber(m[1]!);
            row = Number(m[2]);
          } else colNo++;
          cell = {
            row,
            col: colNo,
            t: a.t ?? 'n',
            s: Number(a.s ?? 0),
            v: null,
            formula: false,
            inline: null,
          };
          break;
        }
        case 'v':
          if (cell) {
            inValue = true;
            cell.v ??= '';
          }
          break;
        case 'f':
          if (cell) cell.formula = true;
          break;
        case 'is':
          if (cell) cell.inline = '';
          break;
        case 'rPh':
          phonetic++;
          break;
        case 't':
          if (cell && cell.inline !== null && phonetic === 0) inInlineText = true;
          break;
        case 'hyperlink': {
          const id = relId(a);
          const rel = id ? rels.get(id) : undefined;
          const url = rel?.external ? rel.target : a.location ? `#${a.location}` : '';
          if (a.ref && url && links.length < 10_000) links.push({ ref: a.ref, url });
          break;
        }
      }
    },
    close(tag) {
      if (tag === 'v') inValue = false;
      else if (tag === 't') inInlineText = false;
      else if (tag === 'rPh') phonetic--;
      else if (tag === 'c' && cell) {
        store(cell.row, cell.col, cellValue(cell, ctx));
        cell = null;
      }
    },
    text(t) {
      if (!cell) return;
      if (inValue) cell.v += t;
      else if (inInlineText) cell.inline += t;
    },
  });

  // Hyperlinks sit after the cells; a link gives its address to the text cells it covers.
  for (const { ref, url } of links) {
    const [from, to = from] = ref.split(':');
    const a = CELL_REF.exec(from ?? '');
    const b = CELL_REF.exec(to ?? '');
    if (!a || !b) continue;
    const [c1, c2] = [columnNumber(a[1]!), columnNumber(b[1]!)].sort((x, y) => x - y);
    const [r1, r2] = [Number(a[2]), Number(b[2])].sort((x, y) => x - y);
    for (const [r, cells] of sheet.rows) {
      if (r < r1! || r > r2!) continue;
      for (const [c, v] of cells) if (c >= c1! && c <= c2! && v.kind === 'text') cells.set(c, { ...v, url });
    }
  }
  return sheet;
}

function zipError(e: unknown): never {
  if (e instanceof ZipProblem) {
    const message = {
      notZip: MESSAGES.notXlsx,
      damaged: MESSAGES.damaged,
      encrypted: MESSAGES.encrypted,
      tooBig: MESSAGES.zipBomb,
    }[e.kind];
    return refuse(message);
  }
  throw e;
}

/** The whole read; throws AppError('VALIDATION') with a Vietnamese message for any refusal. */
export function parseXlsx(bytes: Buffer): WorkbookData {
  let zip: StrictZip;
  try {
    zip = openStrictZip(bytes, LIMITS);
  } catch (e) {
    return zipError(e);
  }
  if (!zip.has('[Content_Types].xml')) refuse(MESSAGES.notXlsx);
  if (zip.entries.some((e) => /(^|\/)vbaProject\.bin$/i.test(e.name))) refuse(MESSAGES.macros);
  let macroEnabled = false;
  parseXml(zip.read('[Content_Types].xml'), {
    open(name, a) {
      if ((name === 'Override' || name === 'Default') && /macroEnabled/i.test(a.ContentType ?? ''))
        macroEnabled = true;
    },
  });
  if (macroEnabled) refuse(MESSAGES.macros);

  const root = [...readRelationships(zip, '')].find(([, r]) => isType(r, 'officeDocument'))?.[1];
  const workbookPart = root && !root.external ? root.target : 'xl/workbook.xml';
  if (!zip.has(workbookPart)) refuse(MESSAGES.notXlsx);

  const sheets: { name: string; id: string }[] = [];
  let date1904 = false;
  parseXml(zip.read(workbookPart), {
    open(name, a) {
      if (name === 'sheet') {
        const id = relId(a);
        if (id && a.name !== undefined && sheets.length < 200) sheets.push({ name: a.name, id });
      } else if (name === 'workbookPr') date1904 = a.date1904 === '1' || a.date1904 === 'true';
    },
  });
  const rels = readRelationships(zip, workbookPart);
  const internal = (kind: string) => [...rels.values()].find((r) => isType(r, kind) && !r.external);
  const sharedRel = internal('sharedStrings');
  const stylesRel = internal('styles');
  const ctx: Context = {
    shared: sharedRel ? readSharedStrings(requirePart(zip, sharedRel.target)) : [],
    styles: stylesRel ? readStyles(requirePart(zip, stylesRel.target)) : [],
    date1904,
    cells: 0,
  };
  const out: SheetData[] = [];
  for (const s of sheets) {
    const rel = rels.get(s.id);
    // Chart sheets and dialog sheets hold no cells to import.
    if (!rel || rel.external || !isType(rel, 'worksheet')) continue;
    const part = rel.target;
    out.push(readSheet(s.name, requirePart(zip, part), readRelationships(zip, part), ctx));
  }
  return { sheets: out };
}
