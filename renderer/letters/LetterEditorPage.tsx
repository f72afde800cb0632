import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useState, type ReactNode } from 'react';
import type { MethodOutput } from '../../shared/api.ts';
import { documentStatusLabels } from '../../shared/domain/documents/documentMeta.ts';
import { letterMergeFields } from '../../shared/domain/documents/fieldMerge.ts';
import { checkLetterDraft, type LetterContent } from '../../shared/domain/letters/letterContent.ts';
import { call, type ApiError } from '../api.ts';
import { ErrorBanner } from '../components/Field.tsx';
import { saveFile } from '../components/files.ts';
import type { Issue } from '../drafting/catalog.ts';
import { SaveTroubles } from '../drafting/ConflictMerge.tsx';
import { ErrorSummary, FieldErrors } from '../drafting/fields.tsx';
import { InvalidInputsScope, useReportInvalid } from '../drafting/invalidInputs.tsx';
import { SaveStatusLine } from '../drafting/SaveStatus.tsx';
import type { SaveRequest } from '../drafting/useAutosave.ts';
import { useDocumentEditor } from '../drafting/useDocumentEditor.ts';
import { navigate, useDocumentQuery } from '../drafting/useDocumentQuery.ts';
import { useApiQuery } from '../queries.ts';
import { WorkflowPanel } from '../workflow/WorkflowPanel.tsx';

/**
 * The công văn's editor (issue 12): trích yếu, drafting unit, Kính gửi (one agency per line), the
 * text and Nơi nhận. Saved as the plan and report editors save: autosave (drafting/useAutosave.ts)
 * with the same status line, flushed before preview, export, submit and logout, a conflict with
 * another window resolved field by field. Text the store would refuse (an agency twice in Kính
 * gửi) marks its field, is not sent, and leaving the page asks first. The approval chain below is
 * the same panel as a report's.
 */

type Letter = MethodOutput<'letters.get'>;
type LetterKey = Exclude<keyof LetterContent, 'subject'>;

const toLines = (s: string) =>
  s
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

const sameLines = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

const getLetter = (id: string) => call('letters.get', { id });

function saveLetter(request: SaveRequest<LetterContent>, o: { keepalive: boolean }) {
  return call('letters.save', request, o);
}

const mergeFields = () => letterMergeFields();

/** A field's label, control and errors; an error also counts as text that cannot be stored. */
function Field({
  id,
  label,
  issues,
  span,
  hint,
  children,
}: {
  id: string;
  label: string;
  issues: readonly Issue[];
  span?: boolean;
  hint?: ReactNode;
  children: ReactNode;
}) {
  useReportInvalid(issues.some((i) => i.severity === 'error'));
  return (
    <div className={span ? 'field span-2' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {children}
      <FieldErrors issues={issues} id={`${id}-errors`} />
      {hint && <div className="hint">{hint}</div>}
    </div>
  );
}

const invalidProps = (id: string, issues: readonly Issue[]) =>
  issues.some((i) => i.severity === 'error')
    ? { 'aria-invalid': true, 'aria-describedby': `${id}-errors` }
    : {};

/**
 * A list (Kính gửi, Nơi nhận) typed one entry per line. The text keeps the clerk's blank lines and
 * spaces while typing; the draft holds the trimmed entries. A list changed from elsewhere (the
 * conflict merge) replaces the text.
 */
function LinesInput({
  id,
  rows,
  value,
  issues,
  onChange,
}: {
  id: string;
  rows: number;
  value: readonly string[];
  issues: readonly Issue[];
  onChange: (lines: string[]) => void;
}) {
  const [text, setText] = useState(() => value.join('\n'));
  const shown = sameLines(toLines(text), value) ? text : value.join('\n');
  return (
    <textarea
      id={id}
      rows={rows}
      value={shown}
      {...invalidProps(id, issues)}
      onChange={(e) => {
        setText(e.target.value);
        onChange(toLines(e.target.value));
      }}
    />
  );
}

function Editor({
  letter,
  canEdit,
  hasInvalidInput,
}: {
  letter: Letter;
  canEdit: boolean;
  hasInvalidInput: boolean;
}) {
  const queryClient = useQueryClient();
  // A step changes the lists of letters and the register too.
  const afterStep = useCallback(() => void queryClient.invalidateQueries(), [queryClient]);
  const editor = useDocumentEditor({
    doc: letter,
    canEdit,
    hasInvalidInput,
    get: getLetter,
    save: saveLetter,
    validate: checkLetterDraft,
    afterStep,
  });
  const { id, meta, readOnly, draft, update, status, issues, flush, getRevision, onStatus } = editor;
  const [error, setError] = useState<ApiError | null>(null);

  const issuesOf = (key: LetterKey) => issues.filter((i) => i.path[0] === key);
  const set = (key: LetterKey, value: LetterContent[LetterKey]) => update((d) => ({ ...d, [key]: value }));
  const exportFile = async (what: 'docx' | 'pdf') => {
    setError(null);
    try {
      await flush();
      saveFile(await call(what === 'docx' ? 'documents.renderDocx' : 'documents.renderPdf', { id }));
    } catch (e) {
      setError(e as ApiError);
    }
  };

  return (
    <>
      <p className="muted">
        Trạng thái: <strong data-testid="letter-status">{documentStatusLabels[meta.status]}</strong> ·{' '}
        <SaveStatusLine status={status} />
      </p>
      <SaveTroubles editor={editor} fields={mergeFields} />
      <div className="document-actions">
        <button
          type="button"
          className="secondary"
          onClick={() => void flush().then(() => navigate(`/preview/${encodeURIComponent(id)}`))}
        >
          Xem trước văn bản
        </button>
        <button type="button" className="secondary" onClick={() => void exportFile('docx')}>
          Tải bản Word (.docx)
        </button>
        <button type="button" className="secondary" onClick={() => void exportFile('pdf')}>
          Tải bản PDF
        </button>
      </div>
      <WorkflowPanel documentId={id} flush={flush} getRevision={getRevision} onStatus={onStatus} />
      <ErrorBanner error={error} />
      <ErrorSummary issues={issues} />
      <fieldset className="form-grid letter-form" disabled={readOnly}>
        <Field id="letter-summary" label="Trích yếu (sau “V/v”)" issues={issuesOf('summary')} span>
          <input
            id="letter-summary"
            value={draft.summary}
            {...invalidProps('letter-summary', issuesOf('summary'))}
            onChange={(e) => set('summary', e.target.value)}
          />
        </Field>
        <Field
          id="letter-unit"
          label="Đơn vị soạn thảo (trong số, ký hiệu)"
          issues={issuesOf('draftingUnit')}
          hint="Ví dụ VP: số công văn có dạng “12/SKHCN-VP”; công văn không có mã loại văn bản."
        >
          <input
            id="letter-unit"
            value={draft.draftingUnit}
            {...invalidProps('letter-unit', issuesOf('draftingUnit'))}
            onChange={(e) => set('draftingUnit', e.target.value.trim())}
          />
        </Field>
        <Field
          id="letter-addressees"
          label="Kính gửi (mỗi dòng một cơ quan, đơn vị)"
          issues={issuesOf('addressees')}
          span
        >
          <LinesInput
            id="letter-addressees"
            rows={6}
            value={draft.addressees}
            issues={issuesOf('addressees')}
            onChange={(lines) => set('addressees', lines)}
          />
        </Field>
        <Field id="letter-body" label="Nội dung công văn (mỗi dòng một đoạn)" issues={issuesOf('body')} span>
          <textarea
            id="letter-body"
            rows={12}
            value={draft.body}
            {...invalidProps('letter-body', issuesOf('body'))}
            onChange={(e) => set('body', e.target.value)}
          />
        </Field>
        <Field
          id="letter-recipients"
          label="Nơi nhận ngoài “Như trên” (mỗi dòng một nơi)"
          issues={issuesOf('recipients')}
          span
          hint="Dòng “- Như trên;” và “- Lưu: VT, …” được thêm khi in."
        >
          <LinesInput
            id="letter-recipients"
            rows={3}
            value={draft.recipients}
            issues={issuesOf('recipients')}
            onChange={(lines) => set('recipients', lines)}
          />
        </Field>
      </fieldset>
    </>
  );
}

export function LetterEditorPage({ id, canEdit }: { id: string; canEdit: boolean }) {
  // Fetched afresh on every opening (never a cached copy autosave has since moved past).
  const { query: letter, ready } = useDocumentQuery('letters.get', { id });
  return (
    <div className="page">
      <header className="page-header">
        <h1>Công văn</h1>
        <button type="button" className="secondary" onClick={() => navigate('/letters')}>
          Danh sách công văn
        </button>
      </header>
      {(letter.isPending || (letter.isSuccess && !ready)) && <p className="muted">Đang tải công văn…</p>}
      {letter.isError && <ErrorBanner error={letter.error} />}
      {letter.data && ready && (
        <>
          <h2 data-testid="letter-title">{letter.data.meta.title}</h2>
          <InvalidInputsScope key={letter.data.meta.id}>
            {(invalid) => <Editor letter={letter.data} canEdit={canEdit} hasInvalidInput={invalid} />}
          </InvalidInputsScope>
        </>
      )}
    </div>
  );
}

/** "Công văn": every công văn of the cơ quan, newest first, with its number once issued. */
export function LettersPage() {
  const list = useApiQuery('letters.list', {});
  return (
    <div className="page">
      <header className="page-header">
        <h1>Công văn</h1>
      </header>
      <p className="muted">
        Công văn đôn đốc được soạn từ trang “Tiếp nhận, tổng hợp” → “Tình hình gửi báo cáo”.
      </p>
      {list.isPending && <p className="muted">Đang tải…</p>}
      <ErrorBanner error={list.error} />
      {list.data && list.data.length === 0 && <p className="muted">Chưa có công văn nào.</p>}
      {list.data && list.data.length > 0 && (
        <table className="grid" data-testid="letters">
          <thead>
            <tr>
              <th>Số, ký hiệu</th>
              <th>Trích yếu</th>
              <th>Kính gửi</th>
              <th>Trạng thái</th>
            </tr>
          </thead>
          <tbody>
            {list.data.map((l) => (
              <tr key={l.meta.id} data-testid="letter-row">
                <td>{l.meta.issued?.number ?? ''}</td>
                <td>
                  <a href={`#/letters/${encodeURIComponent(l.meta.id)}`}>{l.summary}</a>
                </td>
                <td>{l.addressees} cơ quan, đơn vị</td>
                <td>{documentStatusLabels[l.meta.status]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
