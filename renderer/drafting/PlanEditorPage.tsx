import { useQueryClient } from '@tanstack/react-query';
import { partHeading } from '../components/catalogText.ts';
import { useCallback, useMemo } from 'react';
import type { MethodOutput } from '../../shared/api.ts';
import { planSectionLabels, type PlanContent } from '../../shared/domain/plans/planContent.ts';
import { validatePlan } from '../../shared/domain/reports/reportValidation.ts';
import { call } from '../api.ts';
import { ErrorBanner } from '../components/Field.tsx';
import { useApiMutation, useApiQuery } from '../queries.ts';
import { catalogFromHome, issuesUnder, type Home } from './catalog.ts';
import { ErrorSummary, IncompleteSummary, TextAreaField } from './fields.tsx';
import { PlanTaskBlock, type PlanTaskEdit } from './plan/PlanTaskBlock.tsx';
import { shareInOrder, useProgressiveCount } from './plan/useProgressiveCount.ts';
import { SaveTroubles } from './ConflictMerge.tsx';
import { EditorHeader, ReadOnlyNotice } from './EditorHeader.tsx';
import { planMergeFields } from '../../shared/domain/documents/fieldMerge.ts';
import { useDocumentEditor } from './useDocumentEditor.ts';
import { DocumentActions } from '../documents/DocumentActions.tsx';
import { documentQueryKey, useDocumentQuery } from './useDocumentQuery.ts';
import { InvalidInputsScope } from './invalidInputs.tsx';
import { ReviewNotes, ReviewNotesProvider } from '../workflow/ReviewNotes.tsx';
import { WorkflowPanel } from '../workflow/WorkflowPanel.tsx';

type PlanDocument = NonNullable<MethodOutput<'plans.get'>>;
type SectionKey = keyof PlanContent['sections'];

async function getPlan() {
  const d = await call('plans.get', {});
  if (!d) throw new Error('Không tìm thấy kế hoạch triển khai');
  return d;
}

function savePlan(
  request: { id: string; baseRevision: number; editSession: string; content: PlanContent },
  o: { keepalive: boolean },
) {
  return call('plans.save', request, o);
}

interface EditorProps {
  home: Home;
  doc: PlanDocument;
  canEdit: boolean;
  /** An input holds text that is not a value (see invalidInputs.tsx). */
  hasInvalidInput: boolean;
}

function PlanEditor({ home, doc, canEdit, hasInvalidInput }: EditorProps) {
  const catalog = useMemo(() => catalogFromHome(home), [home]);
  const validate = useCallback((c: PlanContent) => validatePlan(c, catalog), [catalog]);
  const editor = useDocumentEditor({
    doc,
    canEdit,
    hasInvalidInput,
    get: getPlan,
    save: savePlan,
    validate,
  });
  const { readOnly, draft, update, issues, flush, getRevision, onStatus } = editor;
  const workflow = useApiQuery('workflow.get', { id: doc.meta.id });
  const queryClient = useQueryClient();
  const notes = useMemo(
    () => ({ comments: workflow.data?.comments ?? [], canResolve: !readOnly }),
    [workflow.data, readOnly],
  );

  const onEditTask = useCallback(
    (taskId: string, edit: PlanTaskEdit) =>
      update((d) => ({ ...d, tasks: d.tasks.map((t) => (t.taskId === taskId ? edit(t) : t)) })),
    [update],
  );
  const setSection = (key: SectionKey) => (text: string) =>
    update((d) => ({ ...d, sections: { ...d.sections, [key]: text } }));

  const tasksById = useMemo(
    () => new Map(draft.tasks.map((t, i) => [t.taskId, { task: t, index: i }])),
    [draft.tasks],
  );
  // The tasks as the page shows them: by part, in the catalogue's order.
  const parts = useMemo(
    () =>
      home.parts
        .map((part) => ({
          part,
          tasks: home.tasks.filter((t) => t.part === part.code && tasksById.has(t.id)),
        }))
        .filter((p) => p.tasks.length > 0),
    [home, tasksById],
  );
  // A long plan mounts its first activities at once and the rest in batches after the first paint;
  // the summaries' links and the task blocks mount them all before reaching one.
  const shownTasks = parts.flatMap((p) => p.tasks.map((ct) => tasksById.get(ct.id)!.task));
  const progressive = useProgressiveCount(shownTasks.reduce((n, t) => n + t.activities.length, 0));
  const shares = shareInOrder(
    progressive.limit,
    shownTasks.map((t) => t.activities.length),
  );
  const mountedOf = new Map(shownTasks.map((t, i) => [t.taskId, shares[i]!]));

  const section = (key: SectionKey, rows = 5) => (
    <>
      <TextAreaField
        label={planSectionLabels[key]}
        rows={rows}
        value={draft.sections[key]}
        onChange={setSection(key)}
        issues={issuesUnder(issues, 'sections', key, -1)}
      />
      <ReviewNotes area="section" target={key} />
    </>
  );

  return (
    <ReviewNotesProvider value={notes}>
      <div className="page editor">
        <div className="editor-top">
          <EditorHeader
            title="Kế hoạch triển khai"
            subtitle={doc.meta.title}
            editor={editor}
            canEdit={canEdit}
            deleteWhat="kế hoạch triển khai này"
            onDeleted={() => queryClient.setQueryData(documentQueryKey('plans.get', {}), null)}
          />
          <SaveTroubles editor={editor} fields={planMergeFields} />
          <DocumentActions documentId={doc.meta.id} flush={flush} />
        </div>
        <WorkflowPanel documentId={doc.meta.id} flush={flush} getRevision={getRevision} onStatus={onStatus} />
        <ReadOnlyNotice editor={editor} canEdit={canEdit} kind="Kế hoạch" />
        <ErrorSummary issues={issues} beforeFocus={progressive.mountAll} />
        <IncompleteSummary issues={issues} beforeFocus={progressive.mountAll} />

        <fieldset className="plain" disabled={readOnly}>
          <section className="panel">{section('purpose')}</section>
          <section className="panel" data-field-path="tasks">
            {section('tasksIntro', 4)}
            <p className="muted">
              Các nhiệm vụ Kế hoạch số {home.plan.number} giao cho cơ quan; thêm các hoạt động cụ thể dưới
              từng nhiệm vụ.
            </p>
            {parts.map(({ part, tasks }) => {
              return (
                <div key={part.code} className="part">
                  <h3>{partHeading(part)}</h3>
                  <ol className="tasks">
                    {tasks.map((ct) => {
                      const entry = tasksById.get(ct.id)!;
                      return (
                        <PlanTaskBlock
                          key={ct.id}
                          catalogTask={ct}
                          task={entry.task}
                          onEdit={onEditTask}
                          issues={issuesUnder(issues, 'tasks', ct.id, entry.index)}
                          mounted={mountedOf.get(ct.id)!}
                          mountAll={progressive.mountAll}
                        />
                      );
                    })}
                  </ol>
                </div>
              );
            })}
          </section>
          <section className="panel">{section('budget')}</section>
          <section className="panel">{section('organization')}</section>
        </fieldset>
      </div>
    </ReviewNotesProvider>
  );
}

export function PlanEditorPage({ canEdit }: { canEdit: boolean }) {
  const home = useApiQuery('home.get', {});
  const { query: plan, ready } = useDocumentQuery('plans.get', {});
  const create = useApiMutation('plans.create');
  const queryClient = useQueryClient();

  if (home.isError) return <ErrorBanner error={home.error} />;
  if (plan.isError) return <ErrorBanner error={plan.error} />;
  if (home.isPending || !plan.isSuccess || !ready) return <p className="muted">Đang tải…</p>;

  if (!plan.data) {
    return (
      <div className="page">
        <header className="page-header">
          <h1>Kế hoạch triển khai</h1>
        </header>
        <div className="panel">
          <p>
            Cơ quan chưa có kế hoạch triển khai Kế hoạch số {home.data.plan.number}. Kế hoạch mới được lập sẵn
            các nhiệm vụ giao cho cơ quan ({home.data.tasks.length} nhiệm vụ) và nội dung mẫu của các mục I–IV
            để anh/chị chỉnh sửa.
          </p>
          <ErrorBanner error={create.error} />
          {canEdit ? (
            <button
              type="button"
              disabled={create.isPending}
              onClick={() =>
                create.mutate(
                  {},
                  { onSuccess: (d) => queryClient.setQueryData(documentQueryKey('plans.get', {}), d) },
                )
              }
            >
              Tạo kế hoạch
            </button>
          ) : (
            <p className="muted">Tài khoản của bạn không có quyền soạn thảo kế hoạch.</p>
          )}
        </div>
      </div>
    );
  }
  const doc = plan.data;
  return (
    <InvalidInputsScope key={doc.meta.id}>
      {(invalid) => <PlanEditor home={home.data} doc={doc} canEdit={canEdit} hasInvalidInput={invalid} />}
    </InvalidInputsScope>
  );
}
