import { memo, useId } from 'react';
import { issueKey } from '../../components/fieldFocus.ts';
import { formatTimeline } from '../../../shared/domain/plans/activityTimeline.ts';
import type { ReportPeriod } from '../../../shared/domain/periods/reportPeriods.ts';
import { activityOverdue, timelineDue } from '../../../shared/domain/reports/activityProgress.ts';
import {
  taskStatusLabels,
  taskStatusSchema,
  type ReportActivity,
  type TaskStatus,
} from '../../../shared/domain/reports/reportContent.ts';
import { issuesUnder, sameIssues, type Issue } from '../catalog.ts';
import { safeDate } from '../format.ts';
import { FieldErrors, SrOnly, TextAreaField } from '../fields.tsx';

export type ReportActivityEdit = (a: ReportActivity) => ReportActivity;
type ActivityPeriod = Pick<ReportPeriod, 'to'>;

interface ItemProps {
  activity: ReportActivity;
  no: number;
  period: ActivityPeriod;
  onEdit: (activityId: string, edit: ReportActivityEdit) => void;
  issues: readonly Issue[];
}

const lastIs = (issues: readonly Issue[], field: string) =>
  issues.filter((i) => i.path[i.path.length - 1] === field);

function ActivityItemInner({ activity: a, no, period, onEdit, issues }: ItemProps) {
  const id = useId();
  const sr = <SrOnly> – hoạt động {no}</SrOnly>;
  const set = (patch: Partial<ReportActivity>) => onEdit(a.activityId, (x) => ({ ...x, ...patch }));
  const overdue = activityOverdue(a, period);
  const due = timelineDue(a.timeline);
  return (
    <li
      className="report-task"
      data-testid="report-activity"
      data-field-path={issueKey(['activities', a.activityId])}
    >
      <div className="task-text">
        <span className="task-label">Hoạt động {no}.</span> {a.content || '(chưa có nội dung)'}
      </div>
      <div className="task-meta">
        <span className="muted">Nhiệm vụ {a.taskId}</span>
        <span className="badge">Thời gian: {formatTimeline(a.timeline)}</span>
        {a.unitInCharge && <span className="muted">Chủ trì: {a.unitInCharge}</span>}
        {a.expectedOutput && <span className="muted">Sản phẩm: {a.expectedOutput}</span>}
        {overdue && due && (
          <span className="badge timing-overdue" data-testid="activity-overdue">
            Quá hạn (hạn {safeDate(due)})
          </span>
        )}
      </div>
      <div className="report-task-grid">
        <div className="field">
          <label htmlFor={`${id}-status`}>Trạng thái{sr}</label>
          <select
            id={`${id}-status`}
            value={a.status ?? ''}
            className={a.status ? `status-${a.status}` : ''}
            onChange={(e) => set({ status: e.target.value ? (e.target.value as TaskStatus) : null })}
          >
            <option value="">— Chọn —</option>
            {taskStatusSchema.options.map((s) => (
              <option key={s} value={s}>
                {taskStatusLabels[s]}
              </option>
            ))}
          </select>
          <FieldErrors issues={lastIs(issues, 'status')} />
        </div>
        <TextAreaField
          className="span-3"
          label={<>Kết quả thực hiện{sr}</>}
          rows={2}
          value={a.result}
          onChange={(result) => set({ result })}
          issues={lastIs(issues, 'result')}
        />
      </div>
    </li>
  );
}

const ActivityItem = memo(
  ActivityItemInner,
  (x, y) =>
    x.activity === y.activity &&
    x.no === y.no &&
    x.period.to === y.period.to &&
    x.onEdit === y.onEdit &&
    sameIssues(x.issues, y.issues),
);

interface Props {
  activities: readonly ReportActivity[];
  period: ActivityPeriod;
  onEdit: (activityId: string, edit: ReportActivityEdit) => void;
  issues: readonly Issue[];
}

/** The activities of the department's issued plan: the status and result of each this period. */
export function ReportActivities({ activities, period, onEdit, issues }: Props) {
  if (!activities.length) {
    return (
      <p className="muted">
        Chưa có hoạt động: các hoạt động của kế hoạch triển khai đã ban hành được đưa vào báo cáo khi tạo báo
        cáo.
      </p>
    );
  }
  return (
    <ol className="tasks">
      {activities.map((a, i) => (
        <ActivityItem
          key={a.activityId}
          activity={a}
          no={i + 1}
          period={period}
          onEdit={onEdit}
          issues={issuesUnder(issues, 'activities', a.activityId, -1)}
        />
      ))}
    </ol>
  );
}
