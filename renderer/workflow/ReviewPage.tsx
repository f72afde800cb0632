import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type { CommentArea } from '../../shared/api/workflow.ts';
import { documentStatusLabels } from '../../shared/domain/documents/documentMeta.ts';
import { call, type ApiError } from '../api.ts';
import { ErrorBanner } from '../components/Field.tsx';
import { base64ToArrayBuffer } from '../components/files.ts';
import { vietnamDateTime } from '../drafting/format.ts';
import { navigate } from '../drafting/useDocumentQuery.ts';
import { DiffTable } from '../documents/DiffTable.tsx';
import { DocxPreview } from '../documents/DocxPreview.tsx';
import { useApiQuery } from '../queries.ts';
import { commentTargets, targetLabel, type CommentTarget } from './commentTargets.ts';
import type { WorkflowView } from './labels.ts';

interface Pending {
  area: CommentArea;
  key: string;
  text: string;
}

/** The head writes comments on sections, indicators and tasks, kept here until "Trả lại". */
function CommentComposer({ targets, onAdd }: { targets: CommentTarget[]; onAdd: (c: Pending) => void }) {
  const [target, setTarget] = useState(0);
  const [text, setText] = useState('');
  const t = targets[target]!;
  return (
    <div className="comment-composer">
      <div className="field">
        <label htmlFor="comment-target">Góp ý cho</label>
        <select id="comment-target" value={target} onChange={(e) => setTarget(Number(e.target.value))}>
          {targets.map((x, i) => (
            <option key={`${x.area}:${x.key}`} value={i}>
              {x.label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="comment-text">Ý kiến</label>
        <textarea id="comment-text" rows={3} value={text} onChange={(e) => setText(e.target.value)} />
      </div>
      <button
        type="button"
        className="secondary"
        disabled={!text.trim()}
        onClick={() => {
          onAdd({ area: t.area, key: t.key, text: text.trim() });
          setText('');
        }}
      >
        Thêm ý kiến
      </button>
    </div>
  );
}

function Decision({ view, targets }: { view: WorkflowView; targets: CommentTarget[] }) {
  const queryClient = useQueryClient();
  const [comments, setComments] = useState<Pending[]>([]);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const id = view.meta.id;
  const baseRevision = view.meta.revision;

  const act = async (run: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await run();
      await queryClient.invalidateQueries();
      navigate(view.meta.kind === 'plan' ? '/plan' : `/reports/${encodeURIComponent(id)}`);
    } catch (e) {
      setError(e as ApiError);
    } finally {
      setBusy(false);
    }
  };
  const mayApprove = view.allowed.includes('approve');
  const mayReturn = view.allowed.includes('return');

  return (
    <section className="panel decision" aria-labelledby="decision-h">
      <h2 id="decision-h">Ý kiến của lãnh đạo</h2>
      {mayReturn && <CommentComposer targets={targets} onAdd={(c) => setComments((all) => [...all, c])} />}
      {comments.length > 0 && (
        <ol className="pending-comments" data-testid="pending-comments">
          {comments.map((c, i) => (
            <li key={i}>
              <div className="muted small">{targetLabel(targets, c.area, c.key)}</div>
              {c.text}{' '}
              <button
                type="button"
                className="link"
                onClick={() => setComments((all) => all.filter((_, j) => j !== i))}
              >
                Bỏ
              </button>
            </li>
          ))}
        </ol>
      )}
      {mayReturn && (
        <div className="field">
          <label htmlFor="return-reason">Lý do trả lại</label>
          <textarea id="return-reason" rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
          <div className="hint">
            Bắt buộc khi trả lại; chuyên viên sẽ thấy lý do và các ý kiến bên cạnh từng mục.
          </div>
        </div>
      )}
      <ErrorBanner error={error} />
      {view.selfApproval && <div className="info-banner">{view.selfApproval}</div>}
      <div className="actions">
        {mayReturn && (
          <button
            type="button"
            className="secondary"
            disabled={busy || !reason.trim()}
            onClick={() => void act(() => call('workflow.return', { id, baseRevision, reason, comments }))}
          >
            Trả lại
          </button>
        )}
        {mayApprove && (
          <button
            type="button"
            disabled={busy}
            onClick={() => void act(() => call('workflow.approve', { id, baseRevision }))}
          >
            Duyệt và ký
          </button>
        )}
      </div>
      {mayApprove && (
        <p className="muted small">
          Người ký: {[view.signer.authority, view.signer.title].filter(Boolean).join(' – ')}{' '}
          {view.signer.name}
        </p>
      )}
    </section>
  );
}

/**
 * The head's review: the official document as it will be signed, what changed since it was last
 * returned or approved, comments per section, indicator and task, "Trả lại" or "Duyệt và ký".
 */
export function ReviewPage({ id }: { id: string }) {
  const view = useApiQuery('workflow.get', { id });
  const home = useApiQuery('home.get', {});
  const kind = view.data?.meta.kind;
  const report = useApiQuery('reports.get', { id }, { enabled: kind === 'report' });
  const plan = useApiQuery('plans.get', {}, { enabled: kind === 'plan' });
  const file = useApiQuery('documents.renderDocx', { id });
  const data = useMemo(() => (file.data ? base64ToArrayBuffer(file.data.dataBase64) : null), [file.data]);

  const targets = useMemo(() => {
    if (!home.data || !kind) return null;
    if (kind === 'report' && report.data)
      return commentTargets(home.data, { kind, content: report.data.content });
    if (kind === 'plan' && plan.data) return commentTargets(home.data, { kind, content: plan.data.content });
    return null;
  }, [home.data, kind, report.data, plan.data]);

  if (view.isPending || home.isPending) return <p className="muted">Đang tải…</p>;
  if (view.isError) return <ErrorBanner error={view.error} />;
  if (home.isError) return <ErrorBanner error={home.error} />;
  const v = view.data;
  const submitted = [...v.history].reverse().find((t) => t.action === 'submit');

  return (
    <div className="page review-page">
      <header className="page-header">
        <h1>Xem xét văn bản</h1>
        <div className="muted">
          {v.meta.title} ·{' '}
          <span className={`badge status-${v.meta.status}`}>{documentStatusLabels[v.meta.status]}</span>
          {submitted && ` · ${submitted.userName} gửi lúc ${vietnamDateTime(submitted.at)}`}
        </div>
        <p>
          <button type="button" className="link" onClick={() => window.history.back()}>
            ← Quay lại
          </button>
        </p>
      </header>
      <div className="review-layout">
        <div className="review-document">
          <ErrorBanner error={file.error} />
          {file.isPending && <p className="muted">Đang tạo văn bản…</p>}
          {data && <DocxPreview data={data} />}
        </div>
        <div className="review-side">
          {v.reviewBase && (
            <section className="panel" aria-labelledby="changes-h">
              <h2 id="changes-h">
                Thay đổi so với lần {v.reviewBase.action === 'return' ? 'trả lại' : 'duyệt'} trước (
                {vietnamDateTime(v.reviewBase.at)})
              </h2>
              <DiffTable id={id} from={v.reviewBase.versionNo} to={null} />
            </section>
          )}
          {targets ? <Decision view={v} targets={targets} /> : <p className="muted">Đang tải nội dung…</p>}
        </div>
      </div>
    </div>
  );
}
