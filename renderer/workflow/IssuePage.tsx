import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { MethodOutput } from '../../shared/api.ts';
import { vietnamToday } from '../../shared/domain/calendarDate.ts';
import { formatDateLine, formatPaddedDate } from '../../shared/domain/vietnameseDate.ts';
import { call, type ApiError } from '../api.ts';
import { DateField } from '../components/DateField.tsx';
import { ErrorBanner } from '../components/Field.tsx';
import { navigate } from '../drafting/useDocumentQuery.ts';
import { editorPath } from '../letters/links.ts';
import { useApiQuery } from '../queries.ts';
import { secretFor, SigningSecretField } from '../signing/SigningSecretField.tsx';
import { issueLabel } from './labels.ts';
import { IssuedFiles } from './WorkflowPanel.tsx';

type Issued = MethodOutput<'workflow.issue'>;

function IssueForm({ id, place }: { id: string; place: string }) {
  const view = useApiQuery('workflow.get', { id });
  const [issuedOn, setIssuedOn] = useState(() => vietnamToday(new Date()));
  const proposal = useApiQuery(
    'register.propose',
    { documentId: id, issuedOn },
    { enabled: Boolean(issuedOn) },
  );
  const [recipients, setRecipients] = useState<string | null>(null);
  const [secret, setSecret] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<Issued | null>(null);
  const queryClient = useQueryClient();

  if (view.isPending) return <p className="muted">Đang tải…</p>;
  if (view.isError) return <ErrorBanner error={view.error} />;
  const v = view.data;
  const list = recipients ?? proposal.data?.recipients.join('\n') ?? '';
  const identity = proposal.data?.organizationIdentity ?? null;

  if (done) {
    return (
      <section className="panel" data-testid="issued">
        <div className="success-banner" role="status">
          Đã ban hành: {issueLabel(done.issue)}
        </div>
        <p>
          <IssuedFiles issue={done.issue} />
        </p>
        <button type="button" onClick={() => navigate(editorPath(v.meta.kind, id))}>
          Về văn bản
        </button>{' '}
        <button type="button" className="secondary" onClick={() => navigate('/register')}>
          Xem sổ văn bản đi
        </button>
      </section>
    );
  }

  const issue = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await call('workflow.issue', {
        id,
        baseRevision: v.meta.revision,
        issuedOn,
        recipients: list
          .split('\n')
          .map((l) => l.trim())
          .filter(Boolean),
        ...(identity ? { secret: secretFor(identity, secret) } : {}),
      });
      setDone(r);
      await queryClient.invalidateQueries();
    } catch (e) {
      setError(e as ApiError);
    } finally {
      setBusy(false);
      setSecret('');
    }
  };

  return (
    <form
      className="panel"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void issue();
      }}
    >
      <h2>{v.meta.title}</h2>
      <p className="muted">
        Người ký: {[v.signer.authority, v.signer.title].filter(Boolean).join(' – ')} {v.signer.name}
      </p>
      {!v.allowed.includes('issue') && (
        <div className="info-banner">Văn bản này chưa thể ban hành: cần lãnh đạo duyệt và ký trước.</div>
      )}
      <div className="form-grid">
        <DateField
          label="Ngày ban hành"
          value={issuedOn}
          onChange={setIssuedOn}
          required
          hint={
            proposal.data?.earliestDate
              ? `Từ ${formatPaddedDate(proposal.data.earliestDate)} đến hôm nay`
              : 'Mặc định là hôm nay; không được sau hôm nay'
          }
        />
        <div className="field">
          <span className="label">Số, ký hiệu được cấp</span>
          <div className="proposed-number" data-testid="proposed-number">
            {proposal.data ? `Số: ${proposal.data.number}` : '…'}
          </div>
          <div className="hint">
            {issuedOn ? formatDateLine(place, issuedOn) : ''} — số tiếp theo trong sổ văn bản đi
          </div>
        </div>
        <div className="field span-2">
          <label htmlFor="issue-recipients">Nơi nhận (mỗi dòng một nơi)</label>
          <textarea
            id="issue-recipients"
            rows={5}
            value={list}
            onChange={(e) => setRecipients(e.target.value)}
          />
        </div>
      </div>
      {identity ? (
        <SigningSecretField
          id="issue-secret"
          identity={identity}
          value={secret}
          onChange={setSecret}
          whose="của cơ quan"
        />
      ) : (
        proposal.data && (
          <div className="info-banner" data-testid="paper-issue">
            Cơ quan chưa có chữ ký số: văn bản được cấp số và lưu, nhưng không gửi được lên Sở KH&amp;CN qua
            BaoCao. Quản trị viên chọn chữ ký số của cơ quan ở trang &quot;Chữ ký số của cơ quan&quot;.
          </div>
        )
      )}
      <ErrorBanner error={error ?? proposal.error} />
      <div className="actions">
        <button
          type="submit"
          disabled={busy || !v.allowed.includes('issue') || !issuedOn || (Boolean(identity) && !secret)}
        >
          {busy ? 'Đang ban hành…' : 'Ban hành'}
        </button>
        <button type="button" className="secondary" onClick={() => window.history.back()}>
          Quay lại
        </button>
      </div>
    </form>
  );
}

/** "Cấp số và ban hành": the văn thư gives the next number and the date, checks Nơi nhận, issues. */
export function IssuePage({ id, place }: { id: string; place: string }) {
  return (
    <div className="page">
      <header className="page-header">
        <h1>Cấp số và ban hành</h1>
      </header>
      <IssueForm id={id} place={place} />
    </div>
  );
}
