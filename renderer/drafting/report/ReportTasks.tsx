import { memo, useId } from 'react';
import { issueKey } from '../../components/fieldFocus.ts';
import { partHeading } from '../../components/catalogText.ts';
import { cadenceLabel } from '../../../shared/domain/catalog/cadence.ts';
import type { CatalogTask } from '../../../shared/domain/catalog/schema.ts';
import type { ReportPeriod } from '../../../shared/domain/periods/reportPeriods.ts';
import { taskTiming, timingNote } from '../../../shared/domain/periods/taskSchedule.ts';
import {
  taskStatusLabels,
  taskStatusSchema,
  type ReportTask,
  type TaskStatus,
} from '../../../shared/domain/reports/reportContent.ts';
import { issuesUnder, sameIssues, type Home, type Issue } from '../catalog.ts';
import { CarriedOverBadge, FieldErrors, InputField, SrOnly, TextAreaField } from '../fields.tsx';
import { ReviewNotes } from '../../workflow/ReviewNotes.tsx';

export type ReportTaskEdit = (t: ReportTask) => ReportTask;

type TaskPeriod = Pick<ReportPeriod, 'kind' | 'year' | 'from' | 'to'>;

interface ItemProps {
  catalogTask: CatalogTask | undefined;
  period: TaskPeriod;
  task: ReportTask;
  onEdit: (taskId: string, edit: ReportTaskEdit) => void;
  issues: readonly Issue[];
}

const lastIs = (issues: readonly Issue[], field: string) =>
  issues.filter((i) => i.path[i.path.length - 1] === field);

function ReportTaskItemInner({ catalogTask, period, task, onEdit, issues }: ItemProps) {
  const id = useId();
  // When the plan's cadence says the task has not started, or its completion date has passed.
  const timing = catalogTask ? taskTiming(catalogTask, period) : null;
  const note = timing ? timingNote(timing, task.status === 'hoan_thanh') : null;
  const noteClass =
    timing?.state === 'overdue'
      ? 'badge timing-overdue'
      : timing?.state === 'not_started'
        ? 'badge timing-not-started'
        : 'badge';
  const taskId = task.taskId;
  const sr = <SrOnly> – {taskId}</SrOnly>;
  const set = (patch: Partial<ReportTask>) => onEdit(taskId, (t) => ({ ...t, ...patch, carriedOver: false }));
  const placed = new Set(['status', 'result', 'figures', 'evidence']);
  return (
    <li
      className={`report-task ${task.carriedOver ? 'carried-row' : ''}`}
      data-testid={`report-task-${taskId}`}
      data-field-path={issueKey(['tasks', taskId])}
    >
      <div className="task-text">
        {catalogTask ? (
          <>
            <span className="task-label">{catalogTask.label}</span> {catalogTask.text}
          </>
        ) : (
          <>Nhiệm vụ {taskId}</>
        )}
      </div>
      <div className="task-meta">
        <span className="muted">Mã {taskId}</span>
        {catalogTask && cadenceLabel(catalogTask) && (
          <span className="badge">{cadenceLabel(catalogTask)}</span>
        )}
        {note && (
          <span className={noteClass} data-testid={`timing-${taskId}`}>
            {note}
          </span>
        )}
        <CarriedOverBadge show={task.carriedOver} />
      </div>
      <ReviewNotes area="task" target={taskId} />
      <div className="report-task-grid">
        <div className="field">
          <label htmlFor={`${id}-status`}>Trạng thái{sr}</label>
          <select
            id={`${id}-status`}
            value={task.status ?? ''}
            className={task.status ? `status-${task.status}` : ''}
            onChange={(e) => set({ status: e.target.value ? (e.target.value as TaskStatus) : null })}
          >
            <option value="">
              {timing?.state === 'not_started' ? '— Chưa đến thời gian thực hiện —' : '— Chọn —'}
            </option>
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
          rows={3}
          value={task.result}
          onChange={(result) => set({ result })}
          issues={lastIs(issues, 'result')}
        />
        <InputField
          className="span-2"
          label={<>Số liệu{sr}</>}
          placeholder="Ví dụ: 12 hội nghị, 1.250 lượt người tham dự"
          value={task.figures}
          onChange={(figures) => set({ figures })}
          issues={lastIs(issues, 'figures')}
        />
        <InputField
          className="span-2"
          label={<>Minh chứng{sr}</>}
          placeholder="Số, ký hiệu văn bản hoặc đường dẫn"
          value={task.evidence}
          onChange={(evidence) => set({ evidence })}
          issues={lastIs(issues, 'evidence')}
        />
      </div>
      <FieldErrors issues={issues.filter((i) => !placed.has(String(i.path[i.path.length - 1])))} />
    </li>
  );
}

const ReportTaskItem = memo(
  ReportTaskItemInner,
  (a, b) =>
    a.task === b.task &&
    a.catalogTask === b.catalogTask &&
    a.period.from === b.period.from &&
    a.period.to === b.period.to &&
    a.onEdit === b.onEdit &&
    sameIssues(a.issues, b.issues),
);

interface Props {
  home: Home;
  period: TaskPeriod;
  tasks: readonly ReportTask[];
  onEdit: (taskId: string, edit: ReportTaskEdit) => void;
  issues: readonly Issue[];
}

/** The tasks of the report, grouped by the parts of the provincial plan. */
export function ReportTasks({ home, period, tasks, onEdit, issues }: Props) {
  const catalogById = new Map(home.tasks.map((t) => [t.id, t]));
  const index = new Map(tasks.map((t, i) => [t.taskId, i]));
  const item = (t: ReportTask) => (
    <ReportTaskItem
      key={t.taskId}
      catalogTask={catalogById.get(t.taskId)}
      period={period}
      task={t}
      onEdit={onEdit}
      issues={issuesUnder(issues, 'tasks', t.taskId, index.get(t.taskId)!)}
    />
  );
  const groups = home.parts
    .map((part) => ({ part, items: tasks.filter((t) => catalogById.get(t.taskId)?.part === part.code) }))
    .filter((g) => g.items.length);
  const others = tasks.filter((t) => !catalogById.has(t.taskId));
  if (!tasks.length) return <p className="muted">Báo cáo không có nhiệm vụ nào.</p>;
  return (
    <>
      {groups.map(({ part, items }) => (
        <div key={part.code} className="part">
          <h3>{partHeading(part)}</h3>
          <ol className="tasks">{items.map(item)}</ol>
        </div>
      ))}
      {others.length > 0 && (
        <div className="part">
          <h3>Nhiệm vụ khác</h3>
          <ol className="tasks">{others.map(item)}</ol>
        </div>
      )}
    </>
  );
}
