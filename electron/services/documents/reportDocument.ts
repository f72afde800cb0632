import { taskTextFor } from '../../../shared/domain/catalog/applicability.ts';
import { cadenceSuffix } from '../../../shared/domain/catalog/cadence.ts';
import type { Catalog, CatalogIndicator } from '../../../shared/domain/catalog/schema.ts';
import { taskTiming, timingNote } from '../../../shared/domain/periods/taskSchedule.ts';
import type { ReportExchange } from '../../../shared/domain/documents/exchange.ts';
import {
  achievementLabels,
  evaluateIndicator,
  formatPercent,
  type Achievement,
  type IndicatorResult,
} from '../../../shared/domain/indicators/indicatorMath.ts';
import { formatTimeline } from '../../../shared/domain/plans/activityTimeline.ts';
import { activityOverdue } from '../../../shared/domain/reports/activityProgress.ts';
import {
  reportActivities,
  taskStatusLabels,
  type MeasureValue,
  type ReportIndicator,
  type ReportTask,
} from '../../../shared/domain/reports/reportContent.ts';
import type { AppendixRow } from './layout/appendix.ts';
import type { Block, ParagraphBlock } from './layout/model.ts';
import type { DocumentBody } from './layout/documentLayout.ts';
import { appendixReference } from './documentNumber.ts';
import { provinceAppendix } from './provinceAppendix.ts';
import { runningName } from '../../../shared/domain/organization/agencyName.ts';
import {
  catalogReference,
  catalogSubject,
  endWithMark,
  heading,
  itemLetter,
  labelled,
  numberedSections,
  textParagraphs,
} from './bodyText.ts';
import { lines, run, type Sizes } from './layout/page.ts';
import { para } from './layout/styles.ts';

/**
 * The periodic report: Kính gửi, the opening sentence, I. Kết quả thực hiện (lãnh đạo, chỉ đạo;
 * the tasks with their status and results; the indicators), II. Tồn tại, hạn chế; III. Phương
 * hướng; IV. Đề xuất, kiến nghị; and the appendix of indicator results.
 */

export interface ReportBody extends DocumentBody {
  /** Who the report goes to: "Như trên" in Nơi nhận stands for it. */
  recipient: string;
  /** Further bodies the plan sends it to (Sở KH&CN's own report: also Bộ Khoa học và Công nghệ). */
  alsoTo: string[];
  /** Never in its own Nơi nhận: the department itself when it is the plan's recipient. */
  notTo: string[];
}

const number = (n: number) => n.toLocaleString('vi-VN', { maximumFractionDigits: 2 });

function tasksResults(doc: ReportExchange, catalog: Catalog, sizes: Sizes): ParagraphBlock[] {
  const byId = new Map<string, ReportTask>(doc.content.tasks.map((t) => [t.taskId, t]));
  const out: ParagraphBlock[] = [];
  const parts = catalog.parts
    .map((p) => ({ part: p, tasks: catalog.tasks.filter((t) => t.part === p.code && byId.has(t.id)) }))
    .filter((g) => g.tasks.length > 0);
  parts.forEach((g, gi) => {
    out.push(heading(`${itemLetter(gi)} ${g.part.title}`, sizes, 3));
    for (const task of g.tasks) {
      const r = byId.get(task.id)!;
      // The department's own sentences of the item, its cadence printed once (never twice when the
      // text already says it: "…hoàn thành trước ngày 10/9/2025…").
      const words = taskTextFor(task, doc.organization.agencyType)
        .trim()
        .replace(/[.;:]+$/, '');
      out.push(para('body', [run(`- ${words}${cadenceSuffix(task, words)}.`, { italics: true })], sizes));
      const timing = taskTiming(task, doc.content.period);
      const notYet = timing.state === 'not_started' && r.status === null;
      const status = r.status
        ? taskStatusLabels[r.status]
        : notYet
          ? 'Chưa đến thời gian thực hiện'
          : 'Chưa cập nhật';
      const note = notYet ? null : timingNote(timing, r.status === 'hoan_thanh');
      const flagged = note ? ` (${note.charAt(0).toLocaleLowerCase('vi')}${note.slice(1)})` : '';
      out.push(labelled('Tình trạng', `${status}${flagged}.`, sizes));
      out.push(...textParagraphs(r.result, sizes));
      if (lines(r.figures).length) out.push(labelled('Số liệu cụ thể', lines(r.figures).join('; '), sizes));
      if (lines(r.evidence).length) out.push(labelled('Minh chứng', lines(r.evidence).join('; '), sizes));
      out.push(...activityResults(doc, task.id, sizes));
    }
  });
  return out;
}

/**
 * The department's own activities under a task (from its issued plan): what, when, the product,
 * then the status of the period, "quá hạn" when its timeline has passed, and the result.
 */
function activityResults(doc: ReportExchange, taskId: string, sizes: Sizes): ParagraphBlock[] {
  return reportActivities(doc.content)
    .filter((a) => a.taskId === taskId)
    .flatMap((a) => {
      const what = a.content.trim().replace(/[.;:]+$/, '');
      const when = formatTimeline(a.timeline);
      const output = a.expectedOutput.trim() ? `; sản phẩm: ${a.expectedOutput.trim()}` : '';
      const status = a.status ? taskStatusLabels[a.status] : 'Chưa cập nhật';
      const late = activityOverdue(a, doc.content.period) ? ' (quá hạn so với thời gian trong kế hoạch)' : '';
      return [
        para('body', [run(`+ Hoạt động: ${what} (thời gian: ${when}${output}).`)], sizes),
        labelled('Tình trạng', `${status}${late}.`, sizes),
        ...textParagraphs(a.result, sizes),
      ];
    });
}

interface Evaluated {
  indicator: CatalogIndicator;
  entry: ReportIndicator;
  result: IndicatorResult;
}

/** The report's indicators in the plan's order, each compared with the target of the report's year. */
export function evaluateAll(doc: ReportExchange, catalog: Catalog): Evaluated[] {
  const byCode = new Map(doc.content.indicators.map((i) => [i.code, i]));
  return catalog.indicators
    .filter((i) => byCode.has(i.code))
    .map((indicator) => {
      const entry = byCode.get(indicator.code)!;
      return {
        indicator,
        entry,
        result: evaluateIndicator(indicator, entry.values, doc.content.period.year),
      };
    });
}

function measureText(
  kind: CatalogIndicator['measures'][number]['kind'],
  unit: string,
  v: MeasureValue | undefined,
) {
  if (!v) return 'Chưa nhập';
  switch (kind) {
    case 'ratio':
      return v.numerator === null || v.denominator === null ? 'Chưa nhập' : `${v.numerator}/${v.denominator}`;
    case 'count':
    case 'programmes':
      return v.count === null ? 'Chưa nhập' : `${number(v.count)} ${unit}`;
    case 'yes_no':
      return v.done === null ? 'Chưa nhập' : v.done ? 'Đã thực hiện' : 'Chưa thực hiện';
  }
}

function indicatorRow(e: Evaluated): AppendixRow {
  const { indicator, entry, result } = e;
  const many = indicator.measures.length > 1;
  const results = indicator.measures.map((m) => {
    const text = measureText(
      m.kind,
      m.unit,
      entry.values.find((v) => v.measure === m.code),
    );
    return many ? `${m.label}: ${text}` : text;
  });
  // Rounded so the figure never contradicts the status: 99,999 % beside "Chưa đạt" prints 99,9.
  const ratios = indicator.measures
    .map((m, mi) => ({ m, r: result.measures[mi] }))
    .filter(({ m, r }) => m.kind === 'ratio' && r && r.value !== null)
    .map(({ r }) => formatPercent(r!.value!, r!.target));
  const evidence = entry.values.map((v) => v.evidenceUrl.trim()).filter(Boolean);
  return {
    cells: [
      // The plan's own numbers (1, 2, 5, 6, 7, 12…), as the editor and the Excel export show them.
      [String(indicator.no)],
      [indicator.text],
      [result.targetText, ...result.targetNotes].filter(Boolean),
      results,
      ratios,
      [achievementLabels[result.achievement]],
      [...lines(entry.note), ...evidence],
    ],
  };
}

/** "Đơn vị thực hiện 9 chỉ tiêu: 6 chỉ tiêu đạt, 1 chỉ tiêu vượt, …" */
export function indicatorSummary(evaluated: readonly Evaluated[], year: number): string {
  const count = (a: Achievement) => evaluated.filter((e) => e.result.achievement === a).length;
  const parts = [
    [count('dat'), 'đạt'],
    [count('vuot'), 'vượt'],
    [count('chua_dat'), 'chưa đạt'],
    [count('chua_co_chi_tieu'), `chưa có chỉ tiêu năm ${year}`],
    [count('chua_nhap'), 'chưa có kết quả'],
  ] as const;
  const text = parts
    .filter(([n]) => n > 0)
    .map(([n, label]) => `${n} chỉ tiêu ${label}`)
    .join(', ');
  return `Đơn vị thực hiện ${evaluated.length} chỉ tiêu${text ? `: ${text}` : ''}.`;
}

/**
 * Reports go to the plan's recipient (Sở KH&CN), which consolidates them for the province; the
 * recipient's own report goes to the plan's issuer instead ("Ủy ban nhân dân tỉnh Bắc Ninh").
 */
export function addressee(catalog: Catalog, agencyType: string): string {
  const recipient = catalog.reporting.recipient;
  const recipientType =
    catalog.reporting.recipientType ?? catalog.agencyTypes.find((a) => a.name === recipient)?.code;
  if (recipientType !== agencyType) return recipient;
  const periodic = catalog.reporting.duties.find((d) => d.kind === 'periodic');
  return periodic?.recipientSendsTo[0] ?? catalog.issuer.replace(/^UBND\b/, 'Ủy ban nhân dân');
}

/** Sở KH&CN's own report: the bodies after the first the plan sends it to, and itself to leave out. */
function ownCopies(catalog: Catalog, agencyType: string): { alsoTo: string[]; notTo: string[] } {
  if (agencyType !== catalog.reporting.recipientType) return { alsoTo: [], notTo: [] };
  const periodic = catalog.reporting.duties.find((d) => d.kind === 'periodic');
  return { alsoTo: periodic?.recipientSendsTo.slice(1) ?? [], notTo: [catalog.reporting.recipient] };
}

/**
 * What the report is about, as the trích yếu and the closing sentence say it: "Kết quả thực hiện
 * Kế hoạch số … 6 tháng đầu năm 2026", or an ad hoc report's own title.
 */
function subject(doc: ReportExchange, reference: string): { summary: string; closing: string } {
  const period = doc.content.period;
  if (period.kind !== 'adhoc') {
    return {
      summary: `Kết quả thực hiện ${reference} ${period.title}`,
      closing: `báo cáo ${period.title}`,
    };
  }
  const title = period.title
    .normalize('NFC')
    .trim()
    .replace(/^báo cáo\s+/iu, '');
  return {
    summary: title.charAt(0).toLocaleUpperCase('vi-VN') + title.slice(1),
    closing: `báo cáo ${title.charAt(0).toLocaleLowerCase('vi-VN')}${title.slice(1)}`,
  };
}

export function reportBody(
  doc: ReportExchange,
  catalog: Catalog,
  sizes: Sizes,
  draftYear?: number,
): ReportBody {
  const { content } = doc;
  const org = runningName(doc.organization.name);
  const reference = catalogReference(catalog);
  const recipient = addressee(catalog, doc.organization.agencyType);
  const evaluated = evaluateAll(doc, catalog);
  const about = subject(doc, reference);
  const s = content.sections;
  const indicators = evaluated.length
    ? [
        para(
          'body',
          [
            run(
              `Kết quả thực hiện các chỉ tiêu của ${reference} ${content.period.title} chi tiết tại Phụ lục kèm theo. ` +
                indicatorSummary(evaluated, content.period.year),
            ),
          ],
          sizes,
        ),
      ]
    : [];
  const children: Block[] = endWithMark([
    para('addressee', [run(`Kính gửi: ${recipient}`)], sizes),
    para(
      'body',
      [run(`Thực hiện ${reference} về ${catalogSubject(catalog)}, ${org} báo cáo như sau:`)],
      sizes,
    ),
    ...numberedSections(
      [
        {
          title: 'Kết quả thực hiện',
          blocks: numberedSections(
            [
              { title: 'Công tác lãnh đạo, chỉ đạo', blocks: textParagraphs(s.direction.text, sizes) },
              { title: 'Kết quả thực hiện các nhiệm vụ', blocks: tasksResults(doc, catalog, sizes) },
              {
                title: 'Kết quả thực hiện các chỉ tiêu',
                blocks: [...indicators, ...textParagraphs(s.results.text, sizes)],
              },
            ],
            sizes,
            'arabic',
          ),
        },
        { title: 'Tồn tại, hạn chế và nguyên nhân', blocks: textParagraphs(s.shortcomings.text, sizes) },
        { title: 'Phương hướng, nhiệm vụ kỳ tới', blocks: textParagraphs(s.nextTasks.text, sizes) },
        { title: 'Đề xuất, kiến nghị', blocks: textParagraphs(s.proposals.text, sizes) },
      ],
      sizes,
      'roman',
    ),
    para('body', [run(`Trên đây là ${about.closing} của ${org}./.`)], sizes),
  ]);
  const year = content.period.year;
  return {
    kindTitle: 'Báo cáo',
    summary: about.summary,
    children,
    recipient,
    ...ownCopies(catalog, doc.organization.agencyType),
    appendix: content.province
      ? provinceAppendix(content.province, appendixReference(doc, draftYear))
      : {
          title: 'Kết quả thực hiện các chỉ tiêu',
          reference: appendixReference(doc, draftYear),
          columns: [
            { header: 'STT', share: 5, align: 'center' },
            { header: 'Chỉ tiêu', share: 36 },
            { header: `Chỉ tiêu năm ${year}`, share: 10, align: 'center' },
            { header: 'Kết quả kỳ báo cáo', share: 14, align: 'center' },
            { header: 'Tỷ lệ (%)', share: 8, align: 'center' },
            { header: 'Đánh giá', share: 9, align: 'center' },
            { header: 'Ghi chú', share: 18 },
          ],
          rows: evaluated.map(indicatorRow),
        },
  };
}
