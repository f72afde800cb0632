import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type { MethodOutput } from '../../shared/api.ts';
import type { CommentArea } from '../../shared/api/workflow.ts';
import { documentStatusLabels } from '../../shared/domain/documents/documentMeta.ts';
import { call, type ApiError } from '../api.ts';
import { ErrorBanner } from '../components/Field.tsx';
import { base64ToArrayBuffer } from '../components/files.ts';
import { vietnamDateTime } from '../drafting/format.ts';
import { navigate } from '../drafting/useDocumentQuery.ts';
import { editorPath } from '../letters/links.ts';
import { DiffTable } from '../documents/DiffTable.tsx';
import { DocxPreview } from '../documents/DocxPreview.tsx';
import { PdfView } from '../documents/PdfView.tsx';
import { secretFor, SigningSecretField } from '../signing/SigningSecretField.tsx';
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

type Preview = MethodOutput<'workflow.signingPreview'>;

function Decision({
  view,
  targets,
  preview,
}: {
  view: WorkflowView;
  targets: CommentTarget[];
  /** The PDF "Duyệt và ký" signs, once rendered; approving waits for it. */
  preview: Preview | null;
}) {
  const queryClient = useQueryClient();
  const [comments, setComments] = useState<Pending[]>([]);
  const [reason, setReason] = useState('');
  const [secret, setSecret] = useState('');
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
      navigate(editorPath(view.meta.kind, id));
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
      {mayApprove && preview?.identity && (
        <SigningSecretField
          id="approve-secret"
          identity={preview.identity}
          value={secret}
          onChange={setSecret}
          whose="của bạn"
        />
      )}
      {mayApprove && preview && !preview.identity && (
        <div className="info-banner" data-testid="paper-signing">
          Bạn chưa chọn chữ ký số: văn bản sẽ được duyệt để ký trên bản giấy. Để ký số, vào trang &quot;Chữ ký
          số&quot; chọn USB token hoặc tệp .p12.
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
            disabled={busy || !preview || (Boolean(preview.identity) && !secret)}
            onClick={() =>
              void act(() =>
                call('workflow.approve', {
                  id,
                  baseRevision,
                  pdfSha256: preview!.sha256,
                  ...(preview!.identity ? { secret: secretFor(preview!.identity, secret) } : {}),
                }),
              ).finally(() => setSecret(''))
            }
          >
            {busy ? 'Đang ký…' : 'Duyệt và ký'}
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
  const mayApprove = view.data?.allowed.includes('approve') ?? false;
  // A head who may approve reads the PDF they will sign; anyone else the document as it stands.
  const preview = useApiQuery(
    'workflow.signingPreview',
    { id, baseRevision: view.data?.meta.revision ?? 0 },
    { enabled: mayApprove },
  );
  const file = useApiQuery('documents.renderDocx', { id }, { enabled: Boolean(view.data) && !mayApprove });
  const data = useMemo(() => (file.data ? base64ToArrayBuffer(file.data.dataBase64) : null), [file.data]);
  const pdf = useMemo(
    () => (preview.data ? base64ToArrayBuffer(preview.data.pdf.dataBase64) : null),
    [preview.data],
  );

  const targets = useMemo(() => {
    if (!home.data || !kind) return null;
    // A công văn is commented on as a whole: it has no sections, indicators or tasks.
    if (kind === 'letter') return [{ area: 'general' as const, key: '', label: 'Ý kiến chung' }];
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
          <ErrorBanner error={mayApprove ? preview.error : file.error} />
          {(mayApprove ? preview.isPending : file.isPending) && <p className="muted">Đang tạo văn bản…</p>}
          {mayApprove && pdf && (
            <>
              <p className="muted small" data-testid="signing-pdf">
                Bản PDF sẽ được ký, đúng từng byte; số và ngày do văn thư điền khi ban hành.
              </p>
              <PdfView data={pdf} label="Bản PDF sẽ được ký" />
            </>
          )}
          {!mayApprove && data && <DocxPreview data={data} />}
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
          {targets ? (
            <Decision view={v} targets={targets} preview={preview.data ?? null} />
          ) : (
            <p className="muted">Đang tải nội dung…</p>
          )}
        </div>
      </div>
    </div>
  );
}
