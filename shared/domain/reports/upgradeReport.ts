import { indicatorsFor, tasksFor } from '../catalog/applicability.ts';
import type { Catalog, CatalogMeasure } from '../catalog/schema.ts';
import {
  reportActivities,
  type MeasureValue,
  type ReportContent,
  type ReportIndicator,
  type ReportTask,
} from './reportContent.ts';

/**
 * The content migration of a report still being drafted when the plan template changes (or the
 * department's agency type does): its indicators and tasks become those the catalog now assigns to
 * the agency type, in catalog order, keeping everything entered for the ones that remain.
 *
 * - A measure the catalog no longer has is dropped; a yes/no measure that replaced a ratio typed
 *   for a units indicator (CT01, CT06, CT07 were "1/1") takes its answer from it: n/n with n > 0
 *   is "đã thực hiện", 0/n is "chưa", anything else stays unanswered; the evidence link is kept.
 * - Indicators and tasks that no longer apply to the agency type are dropped (the earlier
 *   versions in "Lịch sử phiên bản" still hold what was typed), new ones start blank.
 * - The period, sections and everything else are untouched.
 *
 * Pure and idempotent: upgrading an up-to-date report returns an equal report. The drafting
 * service applies it whenever it reads a report that may still change (draft, returned); reports
 * past that point stay exactly as they were submitted, approved or issued.
 */
export function upgradeReportContent(
  content: ReportContent,
  catalog: Catalog,
  agencyType: string,
): ReportContent {
  const indicators = indicatorsFor(catalog, agencyType).map((cat): ReportIndicator => {
    const old = content.indicators.find((i) => i.code === cat.code);
    if (!old) {
      return {
        code: cat.code,
        values: cat.measures.map((m) => blankValue(m.code)),
        note: '',
        carriedOver: false,
      };
    }
    const legacy = old.values.filter((v) => !cat.measures.some((m) => m.code === v.measure));
    const values = cat.measures.map(
      (m) => old.values.find((v) => v.measure === m.code) ?? fromLegacy(m, legacy),
    );
    return { ...old, values };
  });
  // By id, not a search per task: a report may hold thousands of them.
  const stored = new Map(content.tasks.map((r) => [r.taskId, r]));
  const tasks = tasksFor(catalog, agencyType).map(
    (t): ReportTask =>
      stored.get(t.id) ?? {
        taskId: t.id,
        status: null,
        result: '',
        figures: '',
        evidence: '',
        carriedOver: false,
      },
  );
  return { ...content, indicators, tasks, activities: reportActivities(content) };
}

function blankValue(measure: string): MeasureValue {
  return { measure, numerator: null, denominator: null, count: null, done: null, evidenceUrl: '' };
}

/** A new yes/no measure answered from a ratio typed before it existed; anything else starts blank. */
function fromLegacy(measure: CatalogMeasure, legacy: readonly MeasureValue[]): MeasureValue {
  const blank = blankValue(measure.code);
  const ratio = legacy.find((v) => v.numerator !== null && v.denominator !== null && v.denominator > 0);
  if (measure.kind !== 'yes_no' || !ratio) return blank;
  const done = ratio.numerator === ratio.denominator ? true : ratio.numerator === 0 ? false : null;
  return { ...blank, done, evidenceUrl: ratio.evidenceUrl };
}

/** Whether upgrading changes anything: the service then stores the upgraded content once. */
export function needsUpgrade(content: ReportContent, catalog: Catalog, agencyType: string): boolean {
  return JSON.stringify(upgradeReportContent(content, catalog, agencyType)) !== JSON.stringify(content);
}
