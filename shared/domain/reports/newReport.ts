import { indicatorsFor, tasksFor } from '../catalog/applicability.ts';
import type { Catalog } from '../catalog/schema.ts';
import type { ReportPeriod } from '../periods/reportPeriods.ts';
import type { PlanContent } from '../plans/planContent.ts';
import {
  reportSectionKeys,
  type MeasureValue,
  type ReportContent,
  reportActivities,
  type ReportActivity,
  type ReportIndicator,
  type ReportTask,
} from './reportContent.ts';

export function emptyMeasureValue(measure: string): MeasureValue {
  return { measure, numerator: null, denominator: null, count: null, done: null, evidenceUrl: '' };
}

const emptySection = () => ({ text: '', carriedOver: false });

/**
 * A blank report for the period: every indicator that applies to the agency type (one empty value
 * per measure), every task of the department's plan that the catalog still assigns to the agency
 * type (or of the catalog if no plan yet; tasks the plan marks "không áp dụng" start with that
 * status, and its reason as their result), empty sections; and, when the plan is issued
 * (`issuedPlan`), each of its activities under those tasks, to report its status and result.
 */
export function newReportContent(
  catalog: Catalog,
  agencyType: string,
  period: ReportPeriod,
  plan: PlanContent | null,
  issuedPlan: PlanContent | null = null,
): ReportContent {
  const known = new Set(tasksFor(catalog, agencyType).map((t) => t.id));
  const tasks: ReportTask[] = plan
    ? plan.tasks
        .filter((t) => known.has(t.taskId))
        .map((t) => ({
          ...emptyTask(t.taskId),
          status: t.notApplicable ? 'khong_ap_dung' : null,
          result: t.notApplicable ? t.notApplicableReason : '',
        }))
    : tasksFor(catalog, agencyType).map((t) => emptyTask(t.id));
  return {
    period: { ...period },
    indicators: indicatorsFor(catalog, agencyType).map((ind) => ({
      code: ind.code,
      values: ind.measures.map((m) => emptyMeasureValue(m.code)),
      note: '',
      carriedOver: false,
    })),
    tasks,
    activities: issuedPlan ? planActivities(issuedPlan, known) : [],
    sections: {
      direction: emptySection(),
      results: emptySection(),
      shortcomings: emptySection(),
      nextTasks: emptySection(),
      proposals: emptySection(),
    },
  };
}

/** The activities of the plan's applicable tasks, in the plan's order, not yet reported on. */
function planActivities(plan: PlanContent, known: ReadonlySet<string>): ReportActivity[] {
  return plan.tasks
    .filter((t) => known.has(t.taskId) && !t.notApplicable)
    .flatMap((t) =>
      t.activities.map((a) => ({
        activityId: a.id,
        taskId: t.taskId,
        content: a.content,
        unitInCharge: a.unitInCharge,
        timeline: a.timeline,
        expectedOutput: a.expectedOutput,
        status: null,
        result: '',
      })),
    );
}

function emptyTask(taskId: string): ReportTask {
  return { taskId, status: null, result: '', figures: '', evidence: '', carriedOver: false };
}

const filled = (v: MeasureValue): boolean =>
  v.numerator !== null ||
  v.denominator !== null ||
  v.count !== null ||
  v.done !== null ||
  v.evidenceUrl !== '';

/**
 * "Tạo từ kỳ trước": values and texts copied from `previous`, each marked carriedOver until the
 * clerk edits it; indicators or tasks that no longer apply are dropped, new ones start blank.
 * `carriedOver` is set only where something non-empty was copied. A task the new plan marks
 * "không áp dụng" keeps that status and reason.
 */
export function carryOverReport(fresh: ReportContent, previous: ReportContent): ReportContent {
  const indicators = fresh.indicators.map((ind): ReportIndicator => {
    const old = previous.indicators.find((p) => p.code === ind.code);
    if (!old) return ind;
    const values = ind.values.map((v) => {
      const o = old.values.find((p) => p.measure === v.measure);
      return o ? { ...o, measure: v.measure } : v;
    });
    const note = old.note;
    return { ...ind, values, note, carriedOver: values.some(filled) || note.trim() !== '' };
  });
  const tasks = fresh.tasks.map((t): ReportTask => {
    const old = previous.tasks.find((p) => p.taskId === t.taskId);
    if (!old || t.status === 'khong_ap_dung') return t;
    const copied = {
      ...t,
      status: old.status,
      result: old.result,
      figures: old.figures,
      evidence: old.evidence,
    };
    const any = old.status !== null || [old.result, old.figures, old.evidence].some((s) => s.trim() !== '');
    return { ...copied, carriedOver: any };
  });
  const sections = { ...fresh.sections };
  for (const key of reportSectionKeys) {
    const text = previous.sections[key].text;
    sections[key] = { text, carriedOver: text.trim() !== '' };
  }
  // An activity still in the plan: last period's status and result, to bring up to date.
  const activities = fresh.activities.map((a): ReportActivity => {
    const old = reportActivities(previous).find((p) => p.activityId === a.activityId);
    return old ? { ...a, status: old.status, result: old.result } : a;
  });
  return { period: fresh.period, indicators, tasks, activities, sections };
}
