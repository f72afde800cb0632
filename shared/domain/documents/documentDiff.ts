import type { Catalog } from '../catalog/schema.ts';
import { formatTimeline } from '../plans/activityTimeline.ts';
import { planSectionLabels, type Activity, type PlanContent } from '../plans/planContent.ts';
import {
  reportSectionKeys,
  reportSectionLabels,
  taskStatusLabels,
  type MeasureValue,
  type ReportContent,
  type ReportTask,
} from '../reports/reportContent.ts';

export interface TextPiece {
  op: 'same' | 'added' | 'removed';
  text: string;
}

/** One change between two versions, described for a person: what, where, before and after. */
export interface Change {
  area: 'indicator' | 'task' | 'section' | 'activity' | 'period';
  /** "Chỉ tiêu 2 – Tử số", "Nhiệm vụ III.1.a.3 – Trạng thái", "II. Tồn tại, hạn chế…" */
  label: string;
  before: string;
  after: string;
  /** Word-level diff for long texts, so a reader sees what was reworded. */
  pieces?: TextPiece[];
}

/** Above this many DP cells the word diff falls back to lines (keeps 5,000-word texts fast). */
const MAX_CELLS = 4_000_000;
/** Texts longer than this get word-level pieces in a Change. */
const LONG_TEXT = 80;

const words = (s: string): string[] => s.match(/\s+|\S+/g) ?? [];
const lines = (s: string): string[] => s.match(/[^\n]*\n|[^\n]+/g) ?? [];

/**
 * Word-level diff (LCS over words and whitespace). Common head and tail are cut first; a middle
 * too large for the O(n·m) table is diffed line by line, and changed blocks of lines that are small
 * enough are then refined word by word.
 */
export function diffText(before: string, after: string): TextPiece[] {
  return tidy(diffTokens(words(before), words(after), true));
}

function diffTokens(a: string[], b: string[], wordLevel: boolean): TextPiece[] {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    a[a.length - 1 - tail] === b[b.length - 1 - tail]
  ) {
    tail++;
  }
  const out: TextPiece[] = [];
  if (head > 0) out.push({ op: 'same', text: a.slice(0, head).join('') });
  const midA = a.slice(head, a.length - tail);
  const midB = b.slice(head, b.length - tail);
  if (midA.length * midB.length <= MAX_CELLS) {
    out.push(...lcs(midA, midB));
  } else if (wordLevel) {
    // Too big for the table: diff whole lines, then refine each changed block that fits.
    const coarse = diffTokens(lines(midA.join('')), lines(midB.join('')), false);
    for (let i = 0; i < coarse.length; i++) {
      const cur = coarse[i]!;
      const next = coarse[i + 1];
      if (cur.op === 'removed' && next?.op === 'added') {
        const [wa, wb] = [words(cur.text), words(next.text)];
        if (wa.length * wb.length <= MAX_CELLS) out.push(...lcs(wa, wb));
        else out.push(cur, next);
        i++;
      } else out.push(cur);
    }
  } else {
    if (midA.length) out.push({ op: 'removed', text: midA.join('') });
    if (midB.length) out.push({ op: 'added', text: midB.join('') });
  }
  if (tail > 0) out.push({ op: 'same', text: a.slice(a.length - tail).join('') });
  return out;
}

/** Classic LCS table over tokens, walked back from the end. */
function lcs(a: string[], b: string[]): TextPiece[] {
  const n = a.length;
  const m = b.length;
  const w = m + 1;
  const t = new Uint32Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      t[i * w + j] =
        a[i] === b[j] ? t[(i + 1) * w + j + 1]! + 1 : Math.max(t[(i + 1) * w + j]!, t[i * w + j + 1]!);
    }
  }
  const out: TextPiece[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      out.push({ op: 'same', text: a[i++]! });
      j++;
    } else if (j < m && (i === n || t[i * w + j + 1]! >= t[(i + 1) * w + j]!)) {
      out.push({ op: 'added', text: b[j++]! });
    } else {
      out.push({ op: 'removed', text: a[i++]! });
    }
  }
  return out;
}

/**
 * Readable pieces: a lone space kept between two changes is folded into them (so "a b" → "x y"
 * reads as one replacement, not four), removals come before additions, neighbours are merged.
 */
function tidy(pieces: TextPiece[]): TextPiece[] {
  const unfolded: TextPiece[] = [];
  pieces.forEach((p, i) => {
    const prev = pieces[i - 1];
    const next = pieces[i + 1];
    if (p.op === 'same' && /^\s+$/.test(p.text) && prev && next && prev.op !== 'same' && next.op !== 'same') {
      unfolded.push({ op: 'removed', text: p.text }, { op: 'added', text: p.text });
    } else if (p.text !== '') unfolded.push(p);
  });
  const out: TextPiece[] = [];
  let removed = '';
  let added = '';
  const flush = () => {
    if (removed) out.push({ op: 'removed', text: removed });
    if (added) out.push({ op: 'added', text: added });
    removed = added = '';
  };
  for (const p of unfolded) {
    if (p.op === 'removed') removed += p.text;
    else if (p.op === 'added') added += p.text;
    else {
      flush();
      const last = out[out.length - 1];
      if (last?.op === 'same') last.text += p.text;
      else out.push({ ...p });
    }
  }
  flush();
  return out;
}

function textChange(area: Change['area'], label: string, before: string, after: string): Change | null {
  if (before === after) return null;
  const change: Change = { area, label, before, after };
  if (before.length > LONG_TEXT || after.length > LONG_TEXT) change.pieces = diffText(before, after);
  return change;
}

function withPieces(area: Change['area'], label: string, before: string, after: string): Change | null {
  return before === after ? null : { area, label, before, after, pieces: diffText(before, after) };
}

/** Keys of both lists, in the order of `after` and then those only in `before`. */
function unionKeys<T>(before: readonly T[], after: readonly T[], key: (t: T) => string): string[] {
  const keys = after.map(key);
  const seen = new Set(keys);
  for (const k of before.map(key)) if (!seen.has(k)) keys.push(k);
  return keys;
}

const num = (n: number | null): string => (n === null ? '' : String(n));
const yesNo = (b: boolean | null): string => (b === null ? '' : b ? 'Có' : 'Không');

export function diffReports(before: ReportContent, after: ReportContent, catalog: Catalog): Change[] {
  const changes: (Change | null)[] = [];
  const p0 = before.period;
  const p1 = after.period;
  changes.push(textChange('period', 'Kỳ báo cáo', p0.title, p1.title));
  for (const [field, label] of [
    ['from', 'Từ ngày'],
    ['to', 'Đến ngày'],
    ['deadline', 'Hạn gửi'],
  ] as const) {
    if (p0[field] !== p1[field]) {
      changes.push({
        area: 'period',
        label: `Kỳ báo cáo – ${label}`,
        before: date(p0[field]),
        after: date(p1[field]),
      });
    }
  }

  for (const code of unionKeys(before.indicators, after.indicators, (i) => i.code)) {
    const b = before.indicators.find((i) => i.code === code);
    const a = after.indicators.find((i) => i.code === code);
    const cat = catalog.indicators.find((i) => i.code === code);
    const name = cat ? `Chỉ tiêu ${cat.no}` : `Chỉ tiêu ${code}`;
    const bv = b?.values ?? [];
    const av = a?.values ?? [];
    for (const measure of unionKeys(bv, av, (v) => v.measure)) {
      const x = bv.find((v) => v.measure === measure) ?? emptyValue(measure);
      const y = av.find((v) => v.measure === measure) ?? emptyValue(measure);
      const label = `${name} – ${cat?.measures.find((m) => m.code === measure)?.label ?? measure}`;
      const fields: [string, string, string][] = [
        ['Tử số', num(x.numerator), num(y.numerator)],
        ['Mẫu số', num(x.denominator), num(y.denominator)],
        ['Số lượng', num(x.count), num(y.count)],
        ['Đã thực hiện', yesNo(x.done), yesNo(y.done)],
        ['Đường dẫn minh chứng', x.evidenceUrl, y.evidenceUrl],
      ];
      for (const [field, from, to] of fields)
        changes.push(textChange('indicator', `${label} – ${field}`, from, to));
    }
    changes.push(textChange('indicator', `${name} – Ghi chú`, b?.note ?? '', a?.note ?? ''));
  }

  for (const id of unionKeys(before.tasks, after.tasks, (t) => t.taskId)) {
    const b = before.tasks.find((t) => t.taskId === id);
    const a = after.tasks.find((t) => t.taskId === id);
    const name = `Nhiệm vụ ${id}`;
    const status = (t: ReportTask | undefined) => (t?.status ? taskStatusLabels[t.status] : '');
    changes.push(textChange('task', `${name} – Trạng thái`, status(b), status(a)));
    changes.push(textChange('task', `${name} – Kết quả thực hiện`, b?.result ?? '', a?.result ?? ''));
    changes.push(textChange('task', `${name} – Số liệu`, b?.figures ?? '', a?.figures ?? ''));
    changes.push(textChange('task', `${name} – Minh chứng`, b?.evidence ?? '', a?.evidence ?? ''));
  }

  for (const key of reportSectionKeys) {
    changes.push(
      withPieces('section', reportSectionLabels[key], before.sections[key].text, after.sections[key].text),
    );
  }
  return changes.filter((c): c is Change => c !== null);
}

function emptyValue(measure: string): MeasureValue {
  return { measure, numerator: null, denominator: null, count: null, done: null, evidenceUrl: '' };
}

const date = (d: string): string => (/^\d{4}-\d{2}-\d{2}$/.test(d) ? d.split('-').reverse().join('/') : d);

/** "Nhiệm vụ III.1.a.3 – Hoạt động: <the first 60 characters of its content>" */
function activityLabel(taskId: string, a: Activity): string {
  return `Nhiệm vụ ${taskId} – Hoạt động: ${shortContent(a)}`;
}

function shortContent(a: Activity): string {
  const text = a.content.trim().replace(/\s+/g, ' ');
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

const activityFields: [keyof Omit<Activity, 'id' | 'timeline'>, string][] = [
  ['content', 'Nội dung'],
  ['unitInCharge', 'Đơn vị chủ trì'],
  ['partners', 'Đơn vị phối hợp'],
  ['expectedOutput', 'Sản phẩm dự kiến'],
  ['budgetSource', 'Nguồn kinh phí'],
];

function describeActivity(a: Activity): string {
  const parts = [a.content.trim()];
  if (a.unitInCharge.trim()) parts.push(`Đơn vị chủ trì: ${a.unitInCharge.trim()}`);
  parts.push(`Thời gian: ${formatTimeline(a.timeline)}`);
  return parts.join('; ');
}

export function diffPlans(before: PlanContent, after: PlanContent, catalog: Catalog): Change[] {
  const changes: (Change | null)[] = [];
  for (const key of Object.keys(planSectionLabels) as (keyof PlanContent['sections'])[]) {
    changes.push(withPieces('section', planSectionLabels[key], before.sections[key], after.sections[key]));
  }
  const order = new Map(catalog.tasks.map((t, i) => [t.id, i]));
  const ids = unionKeys(before.tasks, after.tasks, (t) => t.taskId);
  ids.sort((x, y) => (order.get(x) ?? Infinity) - (order.get(y) ?? Infinity));
  for (const id of ids) {
    const b = before.tasks.find((t) => t.taskId === id);
    const a = after.tasks.find((t) => t.taskId === id);
    const name = `Nhiệm vụ ${id}`;
    changes.push(
      textChange(
        'task',
        `${name} – Không áp dụng`,
        yesNo(b?.notApplicable ?? false),
        yesNo(a?.notApplicable ?? false),
      ),
    );
    changes.push(
      textChange(
        'task',
        `${name} – Lý do không áp dụng`,
        b?.notApplicableReason ?? '',
        a?.notApplicableReason ?? '',
      ),
    );
    const ba = b?.activities ?? [];
    const aa = a?.activities ?? [];
    for (const x of ba) {
      if (!aa.some((y) => y.id === x.id)) {
        changes.push({
          area: 'activity',
          label: `${activityLabel(id, x)} – Đã xóa`,
          before: describeActivity(x),
          after: '',
        });
      }
    }
    for (const y of aa) {
      const x = ba.find((v) => v.id === y.id);
      const label = activityLabel(id, y);
      if (!x) {
        changes.push({
          area: 'activity',
          label: `${label} – Thêm mới`,
          before: '',
          after: describeActivity(y),
        });
        continue;
      }
      for (const [field, fieldLabel] of activityFields) {
        changes.push(textChange('activity', `${label} – ${fieldLabel}`, x[field], y[field]));
      }
      changes.push(
        textChange(
          'activity',
          `${label} – Thời gian thực hiện`,
          formatTimeline(x.timeline),
          formatTimeline(y.timeline),
        ),
      );
    }
    const kept = new Set(aa.map((v) => v.id));
    const oldOrder = ba.filter((v) => kept.has(v.id)).map((v) => v.id);
    const stay = new Set(oldOrder);
    const newOrder = aa.filter((v) => stay.has(v.id)).map((v) => v.id);
    if (oldOrder.join('\n') !== newOrder.join('\n')) {
      const list = (ordered: string[], from: Activity[]) =>
        ordered.map((oid, i) => `${i + 1}. ${shortContent(from.find((v) => v.id === oid)!)}`).join('\n');
      changes.push({
        area: 'activity',
        label: `${name} – Thứ tự hoạt động`,
        before: list(oldOrder, ba),
        after: list(newOrder, aa),
      });
    }
  }
  return changes.filter((c): c is Change => c !== null);
}
