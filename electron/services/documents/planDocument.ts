import { taskTextFor } from '../../../shared/domain/catalog/applicability.ts';
import { cadenceSuffix } from '../../../shared/domain/catalog/cadence.ts';
import type { Catalog, CatalogTask } from '../../../shared/domain/catalog/schema.ts';
import type { PlanExchange } from '../../../shared/domain/documents/exchange.ts';
import { formatTimeline } from '../../../shared/domain/plans/activityTimeline.ts';
import type { Activity, PlanTask } from '../../../shared/domain/plans/planContent.ts';
import { appendixReference } from './documentNumber.ts';
import type { AppendixRow } from './layout/appendix.ts';
import type { Block, ParagraphBlock } from './layout/model.ts';
import type { DocumentBody } from './layout/documentLayout.ts';
import { runningName } from '../../../shared/domain/organization/agencyName.ts';
import {
  catalogReference,
  catalogSubject,
  endWithMark,
  heading,
  itemLetter,
  labelled,
  numberedSections,
  punctuateList,
  textParagraphs,
} from './bodyText.ts';
import { run, type Sizes } from './layout/page.ts';
import { para } from './layout/styles.ts';

/**
 * The department's implementation plan (kế hoạch triển khai): căn cứ, I. Mục đích, yêu cầu;
 * II. Nhiệm vụ và giải pháp (the plan's tasks grouped by its parts, the department's activities
 * under each); III. Kinh phí; IV. Tổ chức thực hiện; then the appendix of activities.
 *
 * Tasks marked "không áp dụng" stay listed under their part with the reason, so whoever reads the
 * plan sees that the task was considered, not forgotten.
 */

export type PlanBody = DocumentBody;

interface PartGroup {
  title: string;
  entries: { task: CatalogTask; plan: PlanTask }[];
}

/** The plan's tasks in catalog order, grouped by catalog part (parts without tasks left out). */
export function groupByPart(catalog: Catalog, tasks: readonly PlanTask[]): PartGroup[] {
  const byId = new Map(tasks.map((t) => [t.taskId, t]));
  return catalog.parts
    .map((part) => ({
      title: part.title,
      entries: catalog.tasks
        .filter((t) => t.part === part.code && byId.has(t.id))
        .map((task) => ({ task, plan: byId.get(task.id)! })),
    }))
    .filter((g) => g.entries.length > 0);
}

function activityDetails(a: Activity): string {
  const parts = [
    a.unitInCharge.trim() && `đơn vị chủ trì: ${a.unitInCharge.trim()}`,
    a.partners.trim() && `đơn vị phối hợp: ${a.partners.trim()}`,
    `thời gian thực hiện: ${formatTimeline(a.timeline)}`,
    a.expectedOutput.trim() && `sản phẩm: ${a.expectedOutput.trim()}`,
    a.budgetSource.trim() && `kinh phí: ${a.budgetSource.trim()}`,
  ].filter(Boolean) as string[];
  const text = parts.join('; ');
  return `${text.charAt(0).toLocaleUpperCase('vi-VN')}${text.slice(1)}.`;
}

const endSentence = (s: string) => (/[.:;!?]$/.test(s.trim()) ? s.trim() : `${s.trim()}.`);

function tasksSection(groups: PartGroup[], agencyType: string, sizes: Sizes): ParagraphBlock[] {
  const out: ParagraphBlock[] = [];
  groups.forEach((g, gi) => {
    out.push(heading(`${gi + 1}. ${g.title}`, sizes, 2));
    for (const { task, plan } of g.entries) {
      // Only the sentences addressed to the department; the cadence once, not after a text that
      // says it. Running text, not a heading: kept with nothing, so a long one never pushes itself
      // and what follows to the next page.
      const words = endSentence(taskTextFor(task, agencyType)).replace(/\.$/, '');
      out.push(
        para(
          'body',
          [
            run('Nhiệm vụ: ', { bold: true, italics: true }),
            run(`${words}${cadenceSuffix(task, words)}.`, { italics: true }),
          ],
          sizes,
        ),
      );
      if (plan.notApplicable) {
        const reason = plan.notApplicableReason.trim();
        out.push(
          labelled(
            'Không áp dụng',
            endSentence(reason || 'Không thuộc chức năng, nhiệm vụ của đơn vị'),
            sizes,
          ),
        );
        continue;
      }
      plan.activities.forEach((a, ai) => {
        out.push(para('body', [run(`${itemLetter(ai)} ${endSentence(a.content)}`)], sizes));
        out.push(para('body', [run(activityDetails(a))], sizes));
      });
    }
  });
  return out;
}

function appendixRows(groups: PartGroup[]): AppendixRow[] {
  const rows: AppendixRow[] = [];
  groups.forEach((g, gi) => {
    const activities = g.entries.filter((e) => !e.plan.notApplicable).flatMap((e) => e.plan.activities);
    if (activities.length === 0) return;
    rows.push({ bold: true, spanRest: true, cells: [[String(gi + 1)], [g.title]] });
    activities.forEach((a, ai) =>
      rows.push({
        cells: [
          [`${gi + 1}.${ai + 1}`],
          [a.content.trim()],
          [a.unitInCharge.trim()],
          [a.partners.trim()],
          [formatTimeline(a.timeline)],
          [a.expectedOutput.trim()],
          [a.budgetSource.trim()],
        ],
      }),
    );
  });
  return rows;
}

export function planBody(doc: PlanExchange, catalog: Catalog, sizes: Sizes, draftYear?: number): PlanBody {
  const { content } = doc;
  const org = runningName(doc.organization.name);
  const reference = catalogReference(catalog);
  const groups = groupByPart(catalog, content.tasks);
  const basis = punctuateList([
    `Căn cứ ${reference} về ${catalogSubject(catalog)}`,
    `Căn cứ chức năng, nhiệm vụ, quyền hạn của ${org}`,
  ]);
  const children: Block[] = endWithMark([
    ...basis.map((l) => para('basis', [run(l)], sizes)),
    para('body', [run(`${org} ban hành Kế hoạch triển khai thực hiện như sau:`)], sizes),
    ...numberedSections(
      [
        { title: 'Mục đích, yêu cầu', blocks: textParagraphs(content.sections.purpose, sizes) },
        {
          title: 'Nhiệm vụ và giải pháp',
          blocks: [
            ...textParagraphs(content.sections.tasksIntro, sizes),
            ...tasksSection(groups, doc.organization.agencyType, sizes),
          ],
        },
        { title: 'Kinh phí thực hiện', blocks: textParagraphs(content.sections.budget, sizes) },
        { title: 'Tổ chức thực hiện', blocks: textParagraphs(content.sections.organization, sizes) },
      ],
      sizes,
      'roman',
    ),
  ]);
  return {
    kindTitle: 'Kế hoạch',
    summary: `Triển khai thực hiện ${reference} về ${catalogSubject(catalog)}`,
    children,
    appendix: {
      title: 'Danh mục hoạt động triển khai Kế hoạch',
      reference: appendixReference(doc, draftYear),
      columns: [
        { header: 'STT', share: 5, align: 'center' },
        { header: 'Nội dung', share: 30 },
        { header: 'Đơn vị chủ trì', share: 13 },
        { header: 'Đơn vị phối hợp', share: 15 },
        { header: 'Thời gian', share: 10, align: 'center' },
        { header: 'Sản phẩm', share: 16 },
        { header: 'Kinh phí', share: 11 },
      ],
      rows: appendixRows(groups),
    },
  };
}
