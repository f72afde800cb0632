import { cadenceLabel } from '../../../shared/domain/catalog/cadence.ts';
import { issueKey } from '../../components/fieldFocus.ts';
import { memo, useCallback, useId, useState } from 'react';
import type { CatalogTask } from '../../../shared/domain/catalog/schema.ts';
import type { Activity, PlanTask } from '../../../shared/domain/plans/planContent.ts';
import { NO_ISSUES, sameIssues, type Issue } from '../catalog.ts';
import { FieldErrors, SrOnly, TextAreaField } from '../fields.tsx';
import { newId } from '../ids.ts';
import { ActivityRow, type ActivityEdit } from './ActivityRow.tsx';
import { ReviewNotes } from '../../workflow/ReviewNotes.tsx';

export type PlanTaskEdit = (t: PlanTask) => PlanTask;

const cadenceClass: Record<string, string> = {
  recurring: 'badge recurring',
  annual: 'badge recurring',
  deadline: 'badge deadline',
  year: 'badge deadline',
};

interface Props {
  catalogTask: CatalogTask;
  task: PlanTask;
  onEdit: (taskId: string, edit: PlanTaskEdit) => void;
  /** Issues whose path is under this task. */
  issues: readonly Issue[];
  /** How many of its activities are mounted yet (`Infinity`: all); see useProgressiveCount.ts. */
  mounted: number;
  /** Mounts every activity of the plan at once. */
  mountAll: () => void;
}

function blankActivity(): Activity {
  return {
    id: newId(),
    content: '',
    unitInCharge: '',
    partners: '',
    timeline: { kind: 'recurring' },
    expectedOutput: '',
    budgetSource: '',
  };
}

/** Issues of one activity: ['tasks', t, 'activities', <id or index>, …]. */
function activityIssues(issues: readonly Issue[], a: Activity, i: number): readonly Issue[] {
  const found = issues.filter((x) => x.path[2] === 'activities' && (x.path[3] === a.id || x.path[3] === i));
  return found.length ? found : NO_ISSUES;
}

function PlanTaskBlockInner({ catalogTask, task, onEdit, issues, mounted, mountAll }: Props) {
  const id = useId();
  const taskId = task.taskId;
  const [addedId, setAddedId] = useState<string | null>(null);

  const editActivities = useCallback(
    (edit: (list: Activity[]) => Activity[]) =>
      onEdit(taskId, (t) => ({ ...t, activities: edit(t.activities) })),
    [onEdit, taskId],
  );
  const onEditActivity = useCallback(
    (activityId: string, edit: ActivityEdit) =>
      editActivities((list) => list.map((a) => (a.id === activityId ? edit(a) : a))),
    [editActivities],
  );
  // Moving past the last mounted activity, or adding one after activities not mounted yet, would
  // take the clerk's activity out of sight (and an added one could not take the cursor): every
  // activity of the plan is mounted first.
  const onMove = useCallback(
    (activityId: string, by: -1 | 1) => {
      mountAll();
      editActivities((list) => {
        const from = list.findIndex((a) => a.id === activityId);
        const to = from + by;
        if (from < 0 || to < 0 || to >= list.length) return list;
        const next = [...list];
        [next[from], next[to]] = [next[to]!, next[from]!];
        return next;
      });
    },
    [editActivities, mountAll],
  );
  const onRemove = useCallback(
    (activityId: string) => editActivities((list) => list.filter((a) => a.id !== activityId)),
    [editActivities],
  );
  const add = () => {
    mountAll();
    const a = blankActivity();
    setAddedId(a.id);
    editActivities((list) => [...list, a]);
  };

  const ownIssues = issues.filter((x) => x.path[2] !== 'activities');
  const reasonIssues = ownIssues.filter((x) => x.path[2] === 'notApplicableReason');
  const restIssues = ownIssues.filter((x) => x.path[2] !== 'notApplicableReason');

  return (
    <li
      className={`plan-task ${task.notApplicable ? 'not-applicable' : ''}`}
      data-testid={`plan-task-${taskId}`}
      data-field-path={issueKey(['tasks', taskId])}
      aria-labelledby={`${id}-title`}
    >
      <div className="task-text" id={`${id}-title`}>
        <span className="task-label">{catalogTask.label}</span> {catalogTask.text}
      </div>
      <div className="task-meta">
        <span className="muted">Mã {taskId}</span>
        <span className="muted">Chủ trì: {catalogTask.lead}</span>
        {cadenceLabel(catalogTask) && (
          <span className={cadenceClass[catalogTask.cadence.kind] ?? 'badge'}>
            {cadenceLabel(catalogTask)}
          </span>
        )}
      </div>
      <ReviewNotes area="task" target={taskId} />
      <div className="checkbox">
        <input
          id={`${id}-na`}
          type="checkbox"
          checked={task.notApplicable}
          onChange={(e) => {
            const notApplicable = e.target.checked;
            onEdit(taskId, (t) => ({ ...t, notApplicable }));
          }}
        />
        <label htmlFor={`${id}-na`}>
          Không áp dụng<SrOnly> – nhiệm vụ {taskId}</SrOnly>
        </label>
      </div>
      {task.notApplicable && (
        <TextAreaField
          label={
            <>
              Lý do không áp dụng<SrOnly> – nhiệm vụ {taskId}</SrOnly>
            </>
          }
          rows={2}
          value={task.notApplicableReason}
          onChange={(v) => onEdit(taskId, (t) => ({ ...t, notApplicableReason: v }))}
          issues={reasonIssues}
        />
      )}
      <FieldErrors issues={restIssues} />
      {task.activities.length > 0 && (
        <ol className="activities">
          {task.activities.slice(0, mounted).map((a, i) => (
            <ActivityRow
              key={a.id}
              activity={a}
              index={i}
              count={task.activities.length}
              taskId={taskId}
              onEdit={onEditActivity}
              onMove={onMove}
              onRemove={onRemove}
              issues={activityIssues(issues, a, i)}
              autoFocus={a.id === addedId}
            />
          ))}
        </ol>
      )}
      {!task.notApplicable && (
        <button type="button" className="secondary" data-testid={`add-activity-${taskId}`} onClick={add}>
          Thêm hoạt động<SrOnly> – nhiệm vụ {taskId}</SrOnly>
        </button>
      )}
    </li>
  );
}

/** One task of the plan with its activities; typing elsewhere does not re-render it. */
export const PlanTaskBlock = memo(
  PlanTaskBlockInner,
  (a, b) =>
    a.task === b.task &&
    a.catalogTask === b.catalogTask &&
    a.onEdit === b.onEdit &&
    a.mounted === b.mounted &&
    a.mountAll === b.mountAll &&
    sameIssues(a.issues, b.issues),
);
