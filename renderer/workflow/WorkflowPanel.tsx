import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { DocumentMeta } from '../../shared/domain/documents/documentMeta.ts';
import { roleLabels } from '../../shared/domain/organization/roles.ts';
import { call, type ApiError } from '../api.ts';
import { ErrorBanner } from '../components/Field.tsx';
import { saveFile } from '../components/files.ts';
import { vietnamDateTime } from '../drafting/format.ts';
import { SubmitOutcome, useSubmit } from '../drafting/report/SubmitPanel.tsx';
import { navigate } from '../drafting/useDocumentQuery.ts';
import { useApiQuery } from '../queries.ts';
import { remoteStatusLabel, sendStateLabel } from '../outbox/outboxLabels.ts';
import { fileRoleLabels, issueLabel, stepLabel, type IssueView, type WorkflowView } from './labels.ts';

interface Props {
  documentId: string;
  /** Saves pending edits; false when they could not be saved. */
  flush: () => Promise<boolean>;
  getRevision: () => number;
  onStatus: (meta: DocumentMeta) => void;
}

/** The frozen files of one issue, each a download that gives the same bytes every time. */
export function IssuedFiles({ issue }: { issue: IssueView }) {
  const [error, setError] = useState<ApiError | null>(null);
  const download = async (sha256: string) => {
    setError(null);
    try {
      saveFile(await call('documents.issuedFile', { issueId: issue.id, sha256 }));
    } catch (e) {
      setError(e as ApiError);
    }
  };
  return (
    <span className="issued-files">
      {issue.files
        .filter((f) => f.role === 'pdf' || f.role === 'docx' || f.role === 'xlsx')
        .map((f) => (
          <button key={f.sha256} type="button" className="link" onClick={() => void download(f.sha256)}>
            Tải {fileRoleLabels[f.role]}
          </button>
        ))}
      <ErrorBanner error={error} />
    </span>
  );
}

/** Where the issue's package stands on its way to Sở KH&CN, and what the Sở said. */
function SendingLine({ view, issueId }: { view: WorkflowView; issueId: string }) {
  const item = view.sending.find((s) => s.issueId === issueId);
  if (!item) return null;
  const remote = remoteStatusLabel(item);
  return (
    <div className="small" data-testid="sending">
      <a href="#/outbox">{sendStateLabel(item)}</a>
      {remote && (
        <div className={item.remoteStatus === 'returned' ? 'error-banner' : 'muted'} data-testid="so-status">
          {remote}
        </div>
      )}
    </div>
  );
}

function ReturnedBanner({ view }: { view: WorkflowView }) {
  const step = [...view.history].reverse().find((t) => t.action === 'return');
  if (view.meta.status !== 'returned' || !step) return null;
  const round = view.comments.filter((c) => c.round === step.seq);
  const open = round.filter((c) => !c.resolvedAt).length;
  const general = round.filter((c) => c.area === 'general');
  return (
    <div className="returned-banner" role="status" data-testid="returned-banner">
      <strong>
        {step.userName} ({roleLabels[step.role]}) đã trả lại lúc {vietnamDateTime(step.at)}:
      </strong>{' '}
      <span data-testid="return-reason">{step.reason}</span>
      {round.length > 0 && (
        <div className="small">
          {open > 0
            ? `Còn ${open}/${round.length} ý kiến chưa xử lý, ghi ngay cạnh các mục liên quan bên dưới.`
            : `Đã xử lý cả ${round.length} ý kiến.`}
        </div>
      )}
      {general.map((c) => (
        <div key={c.id} className="small">
          – {c.text}
        </div>
      ))}
    </div>
  );
}

/**
 * Where a document stands in the approval chain and what this user can do with it now: gửi duyệt,
 * rút lại, xem xét và duyệt (heads), cấp số và ban hành (văn thư), tạo bản sửa đổi; the head's
 * reason when it was returned; the issued numbers with their frozen files.
 */
export function WorkflowPanel({ documentId, flush, getRevision, onStatus }: Props) {
  const view = useApiQuery('workflow.get', { id: documentId });
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [amending, setAmending] = useState(false);
  const [reason, setReason] = useState('');
  const submit = useSubmit({ documentId, flush, getRevision, onSubmitted: onStatus });

  if (view.isPending) return null;
  if (view.isError) return <ErrorBanner error={view.error} />;
  const v = view.data;
  const may = (a: WorkflowView['allowed'][number]) => v.allowed.includes(a);

  const step = async (run: () => Promise<DocumentMeta>) => {
    setBusy(true);
    setError(null);
    try {
      onStatus(await run());
      setAmending(false);
      setReason('');
      await queryClient.invalidateQueries();
    } catch (e) {
      setError(e as ApiError);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="workflow-panel" aria-label="Quy trình duyệt" data-testid="workflow-panel">
      <div className="workflow-row">
        <div className="workflow-actions">
          {may('submit') && (
            <button type="button" disabled={submit.pending || busy} onClick={() => void submit.submit()}>
              {submit.pending ? 'Đang gửi…' : 'Gửi duyệt'}
            </button>
          )}
          {may('withdraw') && (
            <button
              type="button"
              className="secondary"
              disabled={busy}
              onClick={() => void step(() => call('workflow.withdraw', { id: documentId }))}
            >
              Rút lại
            </button>
          )}
          {(may('approve') || may('return')) && (
            <button type="button" onClick={() => navigate(`/review/${encodeURIComponent(documentId)}`)}>
              Xem xét, duyệt và ký
            </button>
          )}
          {may('issue') && (
            <button type="button" onClick={() => navigate(`/issue/${encodeURIComponent(documentId)}`)}>
              Cấp số và ban hành
            </button>
          )}
          {may('amend') && !amending && (
            <button type="button" className="secondary" onClick={() => setAmending(true)}>
              Tạo bản sửa đổi
            </button>
          )}
        </div>
        {v.meta.status === 'submitted' && v.selfApproval && (
          <div className="muted small">{v.selfApproval}</div>
        )}
      </div>
      {amending && (
        <form
          className="amend-form"
          onSubmit={(e) => {
            e.preventDefault();
            void step(() => call('workflow.amend', { id: documentId, reason }));
          }}
        >
          <div className="field">
            <label htmlFor="amend-reason">Lý do sửa đổi</label>
            <textarea id="amend-reason" rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
            <div className="hint">
              Bản đã ban hành vẫn được giữ nguyên; bản sửa đổi phải được duyệt, ký và cấp số mới.
            </div>
          </div>
          <div className="actions">
            <button type="submit" disabled={busy}>
              Tạo bản sửa đổi
            </button>
            <button type="button" className="secondary" onClick={() => setAmending(false)}>
              Hủy
            </button>
          </div>
        </form>
      )}
      <ErrorBanner error={error} />
      <SubmitOutcome outcome={submit.outcome} onClose={submit.clear} />
      <ReturnedBanner view={v} />
      {v.issues.length > 0 && (
        <ul className="issues-list" data-testid="issues">
          {[...v.issues].reverse().map((i) => (
            <li key={i.id}>
              <strong>{issueLabel(i)}</strong>
              {i.issueNo > 1 && <span className="muted"> · bản sửa đổi lần {i.issueNo - 1}</span>} ·{' '}
              <span className="muted">
                ký: {i.signer.name}, ban hành: {i.issuedByName}
              </span>{' '}
              <IssuedFiles issue={i} />
              <SendingLine view={v} issueId={i.id} />
            </li>
          ))}
        </ul>
      )}
      {v.history.length > 0 && (
        <details className="history">
          <summary>Quá trình xử lý ({v.history.length} bước)</summary>
          <ol>
            {v.history.map((t) => (
              <li key={t.seq}>
                {vietnamDateTime(t.at)} · {stepLabel(t.action)} · {t.userName} ({roleLabels[t.role]})
                {t.reason && <> · {t.reason}</>}
              </li>
            ))}
          </ol>
        </details>
      )}
    </section>
  );
}
