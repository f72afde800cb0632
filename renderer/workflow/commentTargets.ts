import type { CommentArea } from '../../shared/api/workflow.ts';
import { planSectionLabels, type PlanContent } from '../../shared/domain/plans/planContent.ts';
import { reportSectionLabels, type ReportContent } from '../../shared/domain/reports/reportContent.ts';
import type { Home } from '../drafting/catalog.ts';

export interface CommentTarget {
  area: CommentArea;
  key: string;
  label: string;
}

const short = (s: string, n = 90) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** What a head can comment on in a document: the whole, each section, indicator and task. */
export function commentTargets(
  home: Home,
  doc: { kind: 'plan'; content: PlanContent } | { kind: 'report'; content: ReportContent },
): CommentTarget[] {
  const general: CommentTarget = { area: 'general', key: '', label: 'Ý kiến chung' };
  const task = (taskId: string): CommentTarget => {
    const t = home.tasks.find((x) => x.id === taskId);
    return { area: 'task', key: taskId, label: `Nhiệm vụ ${t ? `${t.label} ${short(t.text)}` : taskId}` };
  };
  if (doc.kind === 'plan') {
    return [
      general,
      ...(Object.keys(planSectionLabels) as (keyof PlanContent['sections'])[]).map((key) => ({
        area: 'section' as const,
        key,
        label: planSectionLabels[key],
      })),
      ...doc.content.tasks.map((t) => task(t.taskId)),
    ];
  }
  return [
    general,
    ...(Object.keys(reportSectionLabels) as (keyof ReportContent['sections'])[]).map((key) => ({
      area: 'section' as const,
      key,
      label: reportSectionLabels[key],
    })),
    ...doc.content.indicators.map((i) => {
      const ind = home.indicators.find((x) => x.code === i.code);
      return {
        area: 'indicator' as const,
        key: i.code,
        label: `Chỉ tiêu ${ind ? `${ind.no}: ${short(ind.text)}` : i.code}`,
      };
    }),
    ...doc.content.tasks.map((t) => task(t.taskId)),
  ];
}

export const targetLabel = (targets: CommentTarget[], area: CommentArea, key: string) =>
  targets.find((t) => t.area === area && t.key === key)?.label ?? key;
