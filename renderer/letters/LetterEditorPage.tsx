import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import type { MethodOutput } from '../../shared/api.ts';
import { documentStatusLabels, type DocumentMeta } from '../../shared/domain/documents/documentMeta.ts';
import type { LetterContent } from '../../shared/domain/letters/letterContent.ts';
import { call, type ApiError } from '../api.ts';
import { ErrorBanner } from '../components/Field.tsx';
import { saveFile } from '../components/files.ts';
import { navigate } from '../drafting/useDocumentQuery.ts';
import { useApiQuery } from '../queries.ts';
import { WorkflowPanel } from '../workflow/WorkflowPanel.tsx';

/**
 * The công văn's editor (issue 12): trích yếu, drafting unit, Kính gửi (one agency per line), the
 * text and Nơi nhận. Saved with "Lưu" (and before anything leaves the page: preview, submit); the
 * approval chain below is the same panel as a report's.
 */

type Letter = MethodOutput<'letters.get'>;

const toLines = (s: string) =>
  s
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

const EDITABLE = new Set<DocumentMeta['status']>(['draft', 'returned']);

function Editor({ letter, canEdit }: { letter: Letter; canEdit: boolean }) {
  const queryClient = useQueryClient();
  const [form, setForm] = useState(() => ({
    summary: letter.content.summary,
    draftingUnit: letter.content.draftingUnit,
    addressees: letter.content.addressees.join('\n'),
    body: letter.content.body,
    recipients: letter.content.recipients.join('\n'),
  }));
  const [meta, setMeta] = useState(letter.meta);
  const [dirty, setDirty] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const revision = useRef(letter.meta.revision);
  const session = useRef(`cv-${crypto.randomUUID().replaceAll('-', '').slice(0, 24)}`);
  const editable = canEdit && EDITABLE.has(meta.status);

  const content = (): LetterContent => ({
    ...letter.content,
    summary: form.summary,
    draftingUnit: form.draftingUnit.trim(),
    addressees: toLines(form.addressees),
    body: form.body,
    recipients: toLines(form.recipients),
  });
  const save = async (): Promise<boolean> => {
    if (!dirty || !editable) return true;
    setError(null);
    try {
      const r = await call('letters.save', {
        id: meta.id,
        baseRevision: revision.current,
        editSession: session.current,
        content: content(),
      });
      revision.current = r.revision;
      setDirty(false);
      setSavedAt(r.savedAt);
      return true;
    } catch (e) {
      setError(e as ApiError);
      return false;
    }
  };
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => {
    setForm((f) => ({ ...f, [k]: e.target.value }));
    setDirty(true);
  };
  const exportFile = async (what: 'docx' | 'pdf') => {
    setError(null);
    try {
      if (!(await save())) return;
      saveFile(await call(what === 'docx' ? 'documents.renderDocx' : 'documents.renderPdf', { id: meta.id }));
    } catch (e) {
      setError(e as ApiError);
    }
  };

  return (
    <>
      <p className="muted">
        Trạng thái: <strong data-testid="letter-status">{documentStatusLabels[meta.status]}</strong>
        {savedAt && !dirty && ' · đã lưu'}
        {dirty && ' · có thay đổi chưa lưu'}
      </p>
      <div className="document-actions">
        {editable && (
          <button type="button" onClick={() => void save()} disabled={!dirty}>
            Lưu
          </button>
        )}
        <button
          type="button"
          className="secondary"
          onClick={() => void save().then((ok) => ok && navigate(`/preview/${encodeURIComponent(meta.id)}`))}
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
      <WorkflowPanel
        documentId={meta.id}
        flush={save}
        getRevision={() => revision.current}
        onStatus={(m) => {
          setMeta(m);
          revision.current = m.revision;
          void queryClient.invalidateQueries();
        }}
      />
      <ErrorBanner error={error} />
      <fieldset className="form-grid letter-form" disabled={!editable}>
        <div className="field span-2">
          <label htmlFor="letter-summary">Trích yếu (sau “V/v”)</label>
          <input id="letter-summary" value={form.summary} onChange={set('summary')} />
        </div>
        <div className="field">
          <label htmlFor="letter-unit">Đơn vị soạn thảo (trong số, ký hiệu)</label>
          <input id="letter-unit" value={form.draftingUnit} onChange={set('draftingUnit')} />
          <div className="hint">
            Ví dụ VP: số công văn có dạng “12/SKHCN-VP”; công văn không có mã loại văn bản.
          </div>
        </div>
        <div className="field span-2">
          <label htmlFor="letter-addressees">Kính gửi (mỗi dòng một cơ quan, đơn vị)</label>
          <textarea id="letter-addressees" rows={6} value={form.addressees} onChange={set('addressees')} />
        </div>
        <div className="field span-2">
          <label htmlFor="letter-body">Nội dung công văn (mỗi dòng một đoạn)</label>
          <textarea id="letter-body" rows={12} value={form.body} onChange={set('body')} />
        </div>
        <div className="field span-2">
          <label htmlFor="letter-recipients">Nơi nhận ngoài “Như trên” (mỗi dòng một nơi)</label>
          <textarea id="letter-recipients" rows={3} value={form.recipients} onChange={set('recipients')} />
          <div className="hint">Dòng “- Như trên;” và “- Lưu: VT, …” được thêm khi in.</div>
        </div>
      </fieldset>
    </>
  );
}

export function LetterEditorPage({ id, canEdit }: { id: string; canEdit: boolean }) {
  const letter = useApiQuery('letters.get', { id });
  return (
    <div className="page">
      <header className="page-header">
        <h1>Công văn</h1>
        <button type="button" className="secondary" onClick={() => navigate('/letters')}>
          Danh sách công văn
        </button>
      </header>
      {letter.isPending && <p className="muted">Đang tải công văn…</p>}
      {letter.isError && <ErrorBanner error={letter.error} />}
      {letter.data && (
        <>
          <h2 data-testid="letter-title">{letter.data.meta.title}</h2>
          <Editor key={letter.data.meta.id} letter={letter.data} canEdit={canEdit} />
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
