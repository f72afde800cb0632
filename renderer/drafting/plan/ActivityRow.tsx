import { memo } from 'react';
import { issueKey } from '../../components/fieldFocus.ts';
import { ConfirmRemove } from '../../components/ConfirmRemove.tsx';
import type { Activity } from '../../../shared/domain/plans/planContent.ts';
import type { Timeline } from '../../../shared/domain/plans/activityTimeline.ts';
import { sameIssues, type Issue } from '../catalog.ts';
import { FieldErrors, InputField, SrOnly, TextAreaField } from '../fields.tsx';
import { TimelineField } from './TimelineField.tsx';

export type ActivityEdit = (a: Activity) => Activity;

interface Props {
  activity: Activity;
  index: number;
  count: number;
  taskId: string;
  onEdit: (activityId: string, edit: ActivityEdit) => void;
  onMove: (activityId: string, by: -1 | 1) => void;
  onRemove: (activityId: string) => void;
  issues: readonly Issue[];
  autoFocus: boolean;
}

/** Issues of one field of this activity: the last element of the path names the field. */
const fieldIssues = (issues: readonly Issue[], field: keyof Activity) =>
  issues.filter((i) => i.path[i.path.length - 1] === field);

function ActivityRowInner({
  activity,
  index,
  count,
  taskId,
  onEdit,
  onMove,
  onRemove,
  issues,
  autoFocus,
}: Props) {
  const n = index + 1;
  const suffix = ` – hoạt động ${n}, nhiệm vụ ${taskId}`;
  const label = (text: string) => (
    <>
      {text}
      <SrOnly>{suffix}</SrOnly>
    </>
  );
  const set =
    <K extends keyof Activity>(key: K) =>
    (value: Activity[K]) =>
      onEdit(activity.id, (a) => ({ ...a, [key]: value }));
  const placed = new Set(['content', 'unitInCharge', 'partners', 'expectedOutput', 'budgetSource']);
  const otherIssues = issues.filter((i) => !placed.has(String(i.path[i.path.length - 1])));

  return (
    <li
      className="activity"
      data-testid="activity"
      aria-label={`Hoạt động ${n}`}
      data-field-path={issueKey(['tasks', taskId, 'activities', activity.id])}
    >
      <div className="activity-head">
        <span className="activity-no">Hoạt động {n}</span>
        <div className="row-actions">
          <button
            type="button"
            className="secondary small"
            disabled={index === 0}
            title="Chuyển hoạt động lên trên"
            onClick={() => onMove(activity.id, -1)}
          >
            Lên
          </button>
          <button
            type="button"
            className="secondary small"
            disabled={index === count - 1}
            title="Chuyển hoạt động xuống dưới"
            onClick={() => onMove(activity.id, 1)}
          >
            Xuống
          </button>
          <ConfirmRemove title="Xóa hoạt động này" onConfirm={() => onRemove(activity.id)} />
        </div>
      </div>
      <div className="activity-grid">
        <TextAreaField
          className="span-3"
          label={label('Nội dung')}
          rows={2}
          value={activity.content}
          onChange={set('content')}
          issues={fieldIssues(issues, 'content')}
          autoFocus={autoFocus}
        />
        <InputField
          label={label('Đơn vị chủ trì')}
          value={activity.unitInCharge}
          onChange={set('unitInCharge')}
          issues={fieldIssues(issues, 'unitInCharge')}
        />
        <InputField
          label={label('Đơn vị phối hợp')}
          value={activity.partners}
          onChange={set('partners')}
          issues={fieldIssues(issues, 'partners')}
        />
        <InputField
          label={label('Nguồn kinh phí')}
          value={activity.budgetSource}
          onChange={set('budgetSource')}
          issues={fieldIssues(issues, 'budgetSource')}
          placeholder="Ngân sách nhà nước, nguồn khác…"
        />
        <TimelineField
          value={activity.timeline}
          suffix={suffix}
          onChange={(t: Timeline) => onEdit(activity.id, (a) => ({ ...a, timeline: t }))}
        />
        <InputField
          className="span-2"
          label={label('Sản phẩm dự kiến')}
          value={activity.expectedOutput}
          onChange={set('expectedOutput')}
          issues={fieldIssues(issues, 'expectedOutput')}
        />
      </div>
      <FieldErrors issues={otherIssues} />
    </li>
  );
}

/** Re-renders only when this activity, its position or its issues change. */
export const ActivityRow = memo(
  ActivityRowInner,
  (a, b) =>
    a.activity === b.activity &&
    a.index === b.index &&
    a.count === b.count &&
    a.taskId === b.taskId &&
    a.onEdit === b.onEdit &&
    a.onMove === b.onMove &&
    a.onRemove === b.onRemove &&
    a.autoFocus === b.autoFocus &&
    sameIssues(a.issues, b.issues),
);
