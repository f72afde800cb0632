import { achievementLabels, formatPercent } from '../indicators/indicatorMath.ts';
import type { ReportContent } from '../reports/reportContent.ts';
import { formatPaddedDate } from '../vietnameseDate.ts';
import {
  consolidationMethodLabels,
  type Consolidated,
  type IndicatorFigure,
  type MeasureFigure,
} from './consolidation.ts';
import { provinceTableOf } from './provinceTable.ts';
import type { SubmissionOverview } from './submissions.ts';

/**
 * Sở KH&CN's consolidated report for a period ("Báo cáo tổng hợp"): its own report of that period
 * (the one it sends to UBND tỉnh and Bộ KH&CN, shared/domain/catalog: recipientSendsTo), pre-filled
 * from the consolidation — the province's figure in each indicator it reports, the completeness of
 * the departments' reporting, the full consolidated appendix and per-department highlights in the
 * narrative — then edited, approved, signed and issued through the same chain as any report.
 * Only the text and the figures are filled; whatever the officer already wrote elsewhere stays.
 */

const pct = (x: number | null) => (x === null ? '—' : `${formatPercent(x * 100)}%`);

export function figureText(m: MeasureFigure, method: IndicatorFigure['method']): string {
  if (m.value === null) return 'chưa có số liệu';
  if (method === 'units_reached')
    return `${m.numerator}/${m.denominator} đơn vị (${formatPercent(m.value, m.target)}%)`;
  if (m.kind === 'ratio') return `${formatPercent(m.value, m.target)}% (${m.numerator}/${m.denominator})`;
  if (m.kind === 'yes_no') return `${m.numerator}/${m.denominator} đơn vị`;
  return `${m.value.toLocaleString('vi-VN')} ${m.unit}`;
}

export function completenessText(o: SubmissionOverview, typeName: (code: string) => string): string {
  const s = o.summary;
  const lines = [
    `Tình hình gửi ${o.duty.title.toLowerCase()} (hạn ${o.duty.dueText}), số liệu đến ngày ${formatPaddedDate(o.today)}:`,
    `- Số đơn vị phải gửi: ${s.expected}; đã gửi: ${s.sent} (${pct(s.reportingRate)}); gửi đúng hạn: ${s.onTime} (${pct(s.onTimeRate)}); gửi muộn: ${s.late}; chưa gửi: ${s.notSent}.`,
  ];
  const late = o.rows.filter((r) => r.firstReceivedAt && r.daysLate > 0);
  const missing = o.rows.filter((r) => !r.firstReceivedAt);
  if (late.length) lines.push(`- Gửi muộn: ${late.map((r) => `${r.name} (${r.daysLate} ngày)`).join('; ')}.`);
  if (missing.length)
    lines.push(`- Chưa gửi: ${missing.map((r) => `${r.name} (${typeName(r.agencyType)})`).join('; ')}.`);
  return lines.join('\n');
}

export function appendixText(c: Consolidated): string {
  return c.indicators
    .map((ind) => {
      const figures =
        ind.method === 'not_consolidated'
          ? 'không tổng hợp'
          : ind.measures.map((m) => `${m.label}: ${figureText(m, ind.method)}`).join('; ');
      const target = ind.targetText
        ? `chỉ tiêu năm ${c.year}: ${ind.targetText}`
        : `không có chỉ tiêu năm ${c.year}`;
      const overlap = ind.overlap ? ` Lưu ý: ${ind.overlap.note}` : '';
      return `${ind.code}. ${figures} — ${target}; ${achievementLabels[ind.achievement].toLowerCase()}; ${ind.contributed}/${ind.expected} đơn vị có số liệu (${consolidationMethodLabels[ind.method].toLowerCase()}).${overlap}`;
    })
    .join('\n');
}

/** Which monthly reports of each press agency went into a half-year or year period. */
export function pressText(c: Consolidated): string[] {
  if (!c.press.length) return [];
  return [
    'Báo cáo tháng của các cơ quan báo chí được gộp vào số liệu kỳ này:',
    ...c.press.map((p) => `- ${p.text}.`),
  ];
}

/** The departments above and below the province's rate on each ratio indicator: who to praise, who to help. */
export function highlightsText(c: Consolidated): string {
  const lines: string[] = [];
  for (const ind of c.indicators) {
    if (ind.method !== 'ratio_of_sums') continue;
    const m = ind.measures[0];
    if (!m || m.value === null) continue;
    const rated = ind.departments
      .filter((d) => d.counted)
      .map((d) => {
        const v = d.values[0];
        return v && v.numerator !== null && v.denominator
          ? { name: d.name, rate: (v.numerator / v.denominator) * 100 }
          : null;
      })
      .filter((x): x is { name: string; rate: number } => x !== null)
      .sort((a, b) => a.rate - b.rate);
    if (rated.length < 2) continue;
    const low = rated.slice(0, 3).map((x) => `${x.name} (${formatPercent(x.rate)}%)`);
    lines.push(
      `- ${ind.code}: tỷ lệ toàn tỉnh ${formatPercent(m.value, m.target)}%; thấp nhất: ${low.join('; ')}.`,
    );
  }
  return lines.join('\n');
}

/**
 * The report's content with the province's figures: ratio Σ/Σ, counts summed, a yes/no "done"
 * only when every expected unit reached it; the note says what the figure is.
 */
export function consolidatedReportContent(
  base: ReportContent,
  c: Consolidated,
  overview: SubmissionOverview,
  typeName: (code: string) => string,
): ReportContent {
  const byCode = new Map(c.indicators.map((i) => [i.code, i]));
  const indicators = base.indicators.map((ri) => {
    const fig = byCode.get(ri.code);
    if (!fig || fig.method === 'not_consolidated' || fig.method === 'lead_only') return ri;
    return {
      ...ri,
      carriedOver: false,
      note: `Số liệu tổng hợp toàn tỉnh: ${fig.contributed}/${fig.expected} đơn vị có số liệu; ${consolidationMethodLabels[fig.method].toLowerCase()}.`,
      values: ri.values.map((v) => {
        const m = fig.measures.find((x) => x.measure === v.measure);
        if (!m || m.value === null) return v;
        if (fig.method === 'units_reached') return { ...v, done: m.numerator === m.denominator };
        if (m.kind === 'ratio') return { ...v, numerator: m.numerator, denominator: m.denominator };
        return { ...v, count: Math.round(m.value) };
      }),
    };
  });
  const results = [
    completenessText(overview, typeName),
    '',
    `Kết quả thực hiện các chỉ tiêu (tổng hợp từ báo cáo của ${c.counted.accepted + c.counted.received} cơ quan, đơn vị; ${c.counted.accepted} báo cáo đã tiếp nhận, ${c.counted.received} báo cáo đã nhận, chữ ký số hợp lệ, chưa tiếp nhận):`,
    appendixText(c),
    ...pressText(c),
  ].join('\n');
  const highlights = highlightsText(c);
  return {
    ...base,
    province: provinceTableOf(c),
    indicators,
    sections: {
      ...base.sections,
      results: { text: results, carriedOver: false },
      shortcomings: highlights
        ? {
            text: [base.sections.shortcomings.text, 'Các đơn vị có tỷ lệ thấp:', highlights]
              .filter(Boolean)
              .join('\n'),
            carriedOver: false,
          }
        : base.sections.shortcomings,
    },
  };
}
