import { useState } from 'react';
import { hasPermission } from '../../shared/domain/organization/roles.ts';
import type { User } from '../../shared/domain/organization/schemas.ts';
import { formatPaddedDate } from '../../shared/domain/vietnameseDate.ts';
import { call, type ApiError } from '../api.ts';
import { ErrorBanner } from '../components/Field.tsx';
import { saveFile } from '../components/files.ts';
import { vietnamDateTime } from '../drafting/format.ts';
import { useApiMutation, useApiQuery } from '../queries.ts';

function CancelNumber({ id, number }: { id: string; number: string }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const cancel = useApiMutation('register.cancel');
  if (!open) {
    return (
      <button type="button" className="link" onClick={() => setOpen(true)}>
        Hủy số
      </button>
    );
  }
  return (
    <form
      className="cancel-number"
      onSubmit={(e) => {
        e.preventDefault();
        cancel.mutate({ id, reason });
      }}
    >
      <label htmlFor={`cancel-${id}`}>Lý do hủy số {number}</label>
      <input id={`cancel-${id}`} value={reason} onChange={(e) => setReason(e.target.value)} />
      <button type="submit" className="small" disabled={!reason.trim() || cancel.isPending}>
        Xác nhận hủy
      </button>
      <button type="button" className="secondary small" onClick={() => setOpen(false)}>
        Thôi
      </button>
      <ErrorBanner error={cancel.error} />
    </form>
  );
}

/**
 * The sổ văn bản đi: every number given this year, with its date, trích yếu and signer, the
 * cancelled ones listed with their reason (never hidden), the issued files, and an Excel copy.
 */
export function RegisterPage({ user }: { user: User }) {
  const [year, setYear] = useState<number | null>(null);
  const register = useApiQuery('register.list', { year });
  const [error, setError] = useState<ApiError | null>(null);
  const canCancel = hasPermission(user.roles, 'documents.issue');

  if (register.isPending) return <p className="muted">Đang tải…</p>;
  if (register.isError) return <ErrorBanner error={register.error} />;
  const r = register.data;

  const download = async (run: () => Promise<{ fileName: string; mime: string; dataBase64: string }>) => {
    setError(null);
    try {
      saveFile(await run());
    } catch (e) {
      setError(e as ApiError);
    }
  };

  return (
    <div className="page">
      <header className="page-header row">
        <h1>Sổ văn bản đi</h1>
        <div className="document-actions">
          <label className="inline-field">
            Năm{' '}
            <select value={r.year} onChange={(e) => setYear(Number(e.target.value))}>
              {r.years.map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            className="secondary"
            onClick={() => void download(() => call('register.export', { year: r.year }))}
          >
            Xuất Excel
          </button>
        </div>
      </header>
      <ErrorBanner error={error} />
      {r.entries.length === 0 ? (
        <p className="muted">Năm {r.year} chưa cấp số văn bản nào.</p>
      ) : (
        <table className="grid register-table" data-testid="register">
          <thead>
            <tr>
              <th>Số</th>
              <th>Số, ký hiệu</th>
              <th>Ngày ban hành</th>
              <th>Trích yếu</th>
              <th>Người ký</th>
              <th>Người cấp số</th>
              <th></th>
            </tr>
          </thead>
          <tbody>
            {r.entries.map((e) => (
              <tr key={e.id} className={e.cancelledAt ? 'cancelled' : ''} data-testid="register-entry">
                <td className="num">{e.seq}</td>
                <td>{e.number}</td>
                <td>{formatPaddedDate(e.issuedOn)}</td>
                <td>
                  {e.summary}
                  {e.cancelledAt && (
                    <div className="cancelled-note">
                      Đã hủy số lúc {vietnamDateTime(e.cancelledAt)} ({e.cancelledByName}): {e.cancelReason}
                    </div>
                  )}
                </td>
                <td>{e.signerName}</td>
                <td>{e.createdByName}</td>
                <td className="row-actions">
                  {e.issueId && e.file && (
                    <button
                      type="button"
                      className="link"
                      onClick={() =>
                        void download(() =>
                          call('documents.issuedFile', { issueId: e.issueId!, sha256: e.file!.sha256 }),
                        )
                      }
                    >
                      Tải văn bản
                    </button>
                  )}
                  {canCancel && !e.cancelledAt && <CancelNumber id={e.id} number={e.number} />}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
