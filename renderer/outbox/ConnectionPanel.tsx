import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { ConnectionView } from '../../shared/api/outbox.ts';
import { call, type ApiError } from '../api.ts';
import { ErrorBanner } from '../components/Field.tsx';
import { FormProblems, useFormCheck } from '../components/formCheck.tsx';
import { vietnamDateTime } from '../drafting/format.ts';

/** "Kết nối Sở KH&CN": the server and the one-time code Sở KH&CN gave; the admin enrols this PC. */
function EnrolForm({ onDone }: { onDone: () => void }) {
  const [serverUrl, setServerUrl] = useState('');
  const [code, setCode] = useState('');
  const [fingerprint, setFingerprint] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const queryClient = useQueryClient();
  const input = {
    serverUrl,
    code: code.trim(),
    ...(fingerprint.trim() ? { fingerprint: fingerprint.trim() } : {}),
  };
  const form = useFormCheck('outbox.enrol', input);
  const invalid = (key: string, id: string) =>
    form.errorOf(key) ? { 'aria-invalid': true, 'aria-describedby': `${id}-error` } : {};
  const message = (key: string, id: string) =>
    form.errorOf(key) && (
      <div className="field-error" id={`${id}-error`}>
        {form.errorOf(key)}
      </div>
    );
  return (
    <form
      aria-label="Đăng ký máy này với Sở KH&CN"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setError(null);
        if (!form.check(input)) return;
        setBusy(true);
        call('outbox.enrol', input)
          .then(async () => {
            await queryClient.invalidateQueries();
            onDone();
          })
          .catch((err: ApiError) => setError(err))
          .finally(() => setBusy(false));
      }}
    >
      <div className="form-grid">
        <div className="field span-2" data-issue-keys="serverUrl">
          <label htmlFor="enrol-url">Địa chỉ máy chủ Sở KH&amp;CN</label>
          <input
            id="enrol-url"
            {...invalid('serverUrl', 'enrol-url')}
            value={serverUrl}
            placeholder="https://baocao.skhcn.bacninh.gov.vn"
            onChange={(e) => setServerUrl(e.target.value)}
          />
          {message('serverUrl', 'enrol-url')}
        </div>
        <div className="field" data-issue-keys="code">
          <label htmlFor="enrol-code">Mã đăng ký</label>
          <input
            id="enrol-code"
            {...invalid('code', 'enrol-code')}
            value={code}
            placeholder="XXXX-XXXX-XXXX"
            autoComplete="off"
            onChange={(e) => setCode(e.target.value)}
          />
          {message('code', 'enrol-code')}
          <div className="hint">Mã dùng một lần do Sở KH&amp;CN cấp cho cơ quan.</div>
        </div>
        <div className="field" data-issue-keys="fingerprint">
          <label htmlFor="enrol-fingerprint">Dấu vân tay chứng thư máy chủ (nếu Sở cung cấp)</label>
          <input
            id="enrol-fingerprint"
            {...invalid('fingerprint', 'enrol-fingerprint')}
            value={fingerprint}
            onChange={(e) => setFingerprint(e.target.value)}
          />
          {message('fingerprint', 'enrol-fingerprint')}
        </div>
      </div>
      <FormProblems problems={form.problems} />
      <ErrorBanner error={error} />
      <div className="actions">
        <button type="submit" disabled={busy || !serverUrl.trim() || !code.trim()}>
          {busy ? 'Đang đăng ký…' : 'Đăng ký máy này'}
        </button>
      </div>
    </form>
  );
}

export function ConnectionPanel({
  connection,
  canManage,
}: {
  connection: ConnectionView | null;
  canManage: boolean;
}) {
  const [again, setAgain] = useState(false);
  return (
    <section className="panel" aria-labelledby="connection-h">
      <h2 id="connection-h">Kết nối Sở KH&amp;CN</h2>
      {connection ? (
        <>
          <dl className="facts" data-testid="connection">
            <dt>Máy chủ</dt>
            <dd>{connection.serverUrl}</dd>
            <dt>Đơn vị trên máy chủ</dt>
            <dd>
              {connection.organization.name} (mã {connection.organization.code})
            </dd>
            <dt>Đăng ký lúc</dt>
            <dd>
              {vietnamDateTime(connection.enrolledAt)}
              {connection.enrolledByName && `, bởi ${connection.enrolledByName}`}
            </dd>
            <dt>Chứng thư ký biên nhận</dt>
            <dd className="mono small">{connection.receiptCertificateSha256}</dd>
          </dl>
          {connection.problem && <div className="error-banner">{connection.problem}</div>}
          {canManage && !again && (
            <button type="button" className="secondary" onClick={() => setAgain(true)}>
              Đăng ký lại
            </button>
          )}
        </>
      ) : (
        <p className="muted">
          Máy này chưa kết nối với máy chủ Sở KH&amp;CN: văn bản đã ban hành chờ trong hộp thư đi cho đến khi
          kết nối.{!canManage && ' Nhờ quản trị viên đăng ký máy này bằng mã Sở KH&CN cấp.'}
        </p>
      )}
      {canManage && (!connection || again) && <EnrolForm onDone={() => setAgain(false)} />}
    </section>
  );
}
