import { useCallback, useMemo } from 'react';
import type { MethodOutput } from '../../shared/api.ts';
import {
  reportActivities,
  type ReportContent,
  type ReportSectionKey,
} from '../../shared/domain/reports/reportContent.ts';
import { validateReport } from '../../shared/domain/reports/reportValidation.ts';
import { call } from '../api.ts';
import { ErrorBanner } from '../components/Field.tsx';
import { useApiQuery } from '../queries.ts';
import { catalogFromHome, type Home } from './catalog.ts';
import { ErrorSummary, IncompleteSummary } from './fields.tsx';
import { periodRange, safeDate } from './format.ts';
import { Attachments } from './report/Attachments.tsx';
import type { IndicatorEdit } from './report/IndicatorRow.tsx';
import { IndicatorsTable } from './report/IndicatorsTable.tsx';
import { NarrativeSections } from './report/NarrativeSections.tsx';
import type { ReportTaskEdit } from './report/ReportTasks.tsx';
import { ReportTasks } from './report/ReportTasks.tsx';
import { ReportActivities, type ReportActivityEdit } from './report/ReportActivities.tsx';
import { SaveTroubles } from './ConflictMerge.tsx';
import { EditorHeader, ReadOnlyNotice } from './EditorHeader.tsx';
import { reportMergeFields } from '../../shared/domain/documents/fieldMerge.ts';
import { DocumentActions } from '../documents/DocumentActions.tsx';
import { ImportPanel } from '../spreadsheets/ImportPanel.tsx';
import type { SaveRequest } from './useAutosave.ts';
import { useDocumentEditor } from './useDocumentEditor.ts';
import { navigate, useDocumentQuery } from './useDocumentQuery.ts';
import { InvalidInputsScope } from './invalidInputs.tsx';
import { ReviewNotesProvider } from '../workflow/ReviewNotes.tsx';
import { WorkflowPanel } from '../workflow/WorkflowPanel.tsx';

type ReportDocument = MethodOutput<'reports.get'>;

const getReport = (id: string) => call('reports.get', { id });

function saveReport(request: SaveRequest<ReportContent>, o: { keepalive: boolean }) {
  return call('reports.save', request, o);
}

interface EditorProps {
  home: Home;
  doc: ReportDocument;
  canEdit: boolean;
  /** An input holds text that is not a value (see invalidInputs.tsx). */
  hasInvalidInput: boolean;
}

function ReportEditor({ home, doc, canEdit, hasInvalidInput }: EditorProps) {
  const catalog = useMemo(() => catalogFromHome(home), [home]);
  const validate = useCallback((c: ReportContent) => validateReport(c, catalog), [catalog]);
  const editor = useDocumentEditor({
    doc,
    canEdit,
    hasInvalidInput,
    get: getReport,
    save: saveReport,
    validate,
  });
  const { id, meta, readOnly, draft, update, issues, reload, flush, getRevision, onStatus } = editor;
  const workflow = useApiQuery('workflow.get', { id });
  const mergeFields = useCallback(
    (_base: ReportContent, mine: ReportContent, saved: ReportContent) =>
      reportMergeFields(mine, saved, catalog),
    [catalog],
  );
  const notes = useMemo(
    () => ({ comments: workflow.data?.comments ?? [], canResolve: !readOnly }),
    [workflow.data, readOnly],
  );

  const onEditIndicator = useCallback(
    (code: string, edit: IndicatorEdit) =>
      update((d) => ({ ...d, indicators: d.indicators.map((i) => (i.code === code ? edit(i) : i)) })),
    [update],
  );
  const onEditTask = useCallback(
    (taskId: string, edit: ReportTaskEdit) =>
      update((d) => ({ ...d, tasks: d.tasks.map((t) => (t.taskId === taskId ? edit(t) : t)) })),
    [update],
  );
  const onEditActivity = useCallback(
    (activityId: string, edit: ReportActivityEdit) =>
      update((d) => ({
        ...d,
        activities: reportActivities(d).map((a) => (a.activityId === activityId ? edit(a) : a)),
      })),
    [update],
  );
  const onSection = useCallback(
    (key: ReportSectionKey, text: string) =>
      update((d) => ({ ...d, sections: { ...d.sections, [key]: { text, carriedOver: false } } })),
    [update],
  );

  const period = draft.period;
  return (
    <ReviewNotesProvider value={notes}>
      <div className="page editor">
        <div className="editor-top">
          <EditorHeader
            title={meta.title}
            subtitle={
              <>
                Số liệu {periodRange(period)} · Gửi chậm nhất ngày {safeDate(period.lastDay)}
              </>
            }
            editor={editor}
            canEdit={canEdit}
            deleteWhat={`báo cáo ${period.title}`}
            onDeleted={() => navigate('/reports')}
          />
          <SaveTroubles editor={editor} fields={mergeFields} />
          <DocumentActions documentId={id} flush={flush} />
        </div>
        <WorkflowPanel documentId={id} flush={flush} getRevision={getRevision} onStatus={onStatus} />
        <ReadOnlyNotice editor={editor} canEdit={canEdit} kind="Báo cáo" />
        <ErrorSummary issues={issues} />
        <IncompleteSummary issues={issues} />

        <fieldset className="plain" disabled={readOnly}>
          <section className="panel" aria-labelledby="r-direction-h">
            <h2 id="r-direction-h">I. Kết quả thực hiện</h2>
            <NarrativeSections
              sections={draft.sections}
              onChange={onSection}
              issues={issues}
              keys={['direction', 'results']}
            />
          </section>

          <section className="panel" aria-labelledby="r-indicators-h" data-field-path="indicators">
            <h2 id="r-indicators-h">Kết quả thực hiện các chỉ tiêu ({draft.indicators.length})</h2>
            <IndicatorsTable
              catalog={home.indicators}
              items={draft.indicators}
              period={period}
              planStart={home.plan.term.from}
              onEdit={onEditIndicator}
              issues={issues}
            />
          </section>

          <section className="panel" aria-labelledby="r-tasks-h" data-field-path="tasks">
            <h2 id="r-tasks-h">Kết quả thực hiện các nhiệm vụ ({draft.tasks.length})</h2>
            <ReportTasks
              home={home}
              period={period}
              tasks={draft.tasks}
              onEdit={onEditTask}
              issues={issues}
            />
          </section>

          <section className="panel" aria-labelledby="r-activities-h" data-field-path="activities">
            <h2 id="r-activities-h">
              Kết quả thực hiện các hoạt động của kế hoạch triển khai ({reportActivities(draft).length})
            </h2>
            <ReportActivities
              activities={reportActivities(draft)}
              period={period}
              onEdit={onEditActivity}
              issues={issues}
            />
          </section>

          <section className="panel" aria-labelledby="r-rest-h">
            <h2 id="r-rest-h" className="sr-only">
              Tồn tại, phương hướng, kiến nghị
            </h2>
            <NarrativeSections
              sections={draft.sections}
              onChange={onSection}
              issues={issues}
              keys={['shortcomings', 'nextTasks', 'proposals']}
            />
          </section>
        </fieldset>

        {!readOnly && (
          <ImportPanel
            documentId={id}
            prepare={async () => {
              await flush();
              return getRevision();
            }}
            onApplied={() => void reload()}
          />
        )}

        <section className="panel" aria-labelledby="r-attachments-h">
          <h2 id="r-attachments-h">Tệp minh chứng ({doc.attachments.length})</h2>
          <Attachments documentId={id} attachments={doc.attachments} readOnly={readOnly} />
        </section>
      </div>
    </ReviewNotesProvider>
  );
}

export function ReportEditorPage({ id, canEdit }: { id: string; canEdit: boolean }) {
  const home = useApiQuery('home.get', {});
  const { query: report, ready } = useDocumentQuery('reports.get', { id });
  if (home.isError) return <ErrorBanner error={home.error} />;
  if (report.isError)
    return (
      <div className="page">
        <ErrorBanner error={report.error} />
        <a href="#/reports">← Về danh sách báo cáo</a>
      </div>
    );
  if (home.isPending || !report.isSuccess || !ready) return <p className="muted">Đang tải…</p>;
  return (
    <InvalidInputsScope>
      {(invalid) => (
        <ReportEditor home={home.data} doc={report.data} canEdit={canEdit} hasInvalidInput={invalid} />
      )}
    </InvalidInputsScope>
  );
}
