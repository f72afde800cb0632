import type { ReactNode } from 'react';
import { documentStatusLabels } from '../../shared/domain/documents/documentMeta.ts';
import { DeleteDraft } from './DeleteDraft.tsx';
import { SaveStatusLine } from './SaveStatus.tsx';
import type { DocumentEditor } from './useDocumentEditor.ts';
import { navigate } from './useDocumentQuery.ts';

/** The top of the plan and report editors: title, status, save state, history, deleting a draft. */
export function EditorHeader<C>({
  title,
  subtitle,
  editor,
  canEdit,
  deleteWhat,
  onDeleted,
}: {
  title: string;
  /** What precedes the status badge under the title. */
  subtitle: ReactNode;
  editor: DocumentEditor<C>;
  canEdit: boolean;
  /** "báo cáo 6 tháng đầu năm 2026", as the deletion's question names it. */
  deleteWhat: string;
  onDeleted: () => void;
}) {
  const { id, meta, status } = editor;
  return (
    <header className="page-header editor-header">
      <div>
        <h1>{title}</h1>
        <div className="muted">
          {subtitle} ·{' '}
          <span className={`badge status-${meta.status}`} data-testid="document-status">
            {documentStatusLabels[meta.status]}
          </span>
        </div>
      </div>
      <div className="header-actions">
        <SaveStatusLine status={status} />
        <button
          type="button"
          className="secondary"
          onClick={() => navigate(`/versions/${encodeURIComponent(id)}`)}
        >
          Lịch sử phiên bản
        </button>
        {canEdit && <DeleteDraft documentId={id} what={deleteWhat} onDeleted={onDeleted} />}
      </div>
    </header>
  );
}

/** Why the editor's fields are locked: the document's status, or the user's rights. */
export function ReadOnlyNotice<C>({
  editor,
  canEdit,
  kind,
}: {
  editor: DocumentEditor<C>;
  canEdit: boolean;
  kind: 'Kế hoạch' | 'Báo cáo';
}) {
  if (!editor.readOnly) return null;
  return (
    <div className="info-banner">
      {canEdit
        ? `${kind} đang ở trạng thái "${documentStatusLabels[editor.meta.status]}": không sửa được.`
        : `Bạn chỉ có quyền xem ${kind.toLowerCase()} này.`}
    </div>
  );
}
