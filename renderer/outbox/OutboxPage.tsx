import { useQuery, useQueryClient } from '@tanstack/react-query';
import { editorPath } from '../letters/links.ts';
import { useState } from 'react';
import { hasPermission } from '../../shared/domain/organization/roles.ts';
import type { User } from '../../shared/domain/organization/schemas.ts';
import { formatPaddedDate } from '../../shared/domain/vietnameseDate.ts';
import { call, type ApiError } from '../api.ts';
import { ErrorBanner } from '../components/Field.tsx';
import { saveFile } from '../components/files.ts';
import { ConnectionPanel } from './ConnectionPanel.tsx';
import { remoteStatusLabel, sendStateLabel } from './outboxLabels.ts';

/**
 * "Gửi Sở KH&CN": every issued package on its way, oldest problem first to the eye: what waits,
 * what was sent with its receipt, what a person must look at, and what Sở KH&CN did with it.
 */
export function OutboxPage({ user }: { user: User }) {
  const queryClient = useQueryClient();
  const list = useQuery({
    queryKey: ['outbox.list', {}],
    queryFn: () => call('outbox.list', {}),
    // While something is on its way the page follows it; otherwise it stays still.
    refetchInterval: (q) =>
      q.state.data?.items.some((i) => i.state === 'queued' || i.state === 'sending') ? 3000 : false,
  });
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const canSend = hasPermission(user.roles, 'documents.issue');
  const canManage = hasPermission(user.roles, 'settings.manage');

  const run = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
      await queryClient.invalidateQueries();
    } catch (e) {
      setError(e as ApiError);
    } finally {
      setBusy(false);
    }
  };

  if (list.isPending) return <p className="muted">Đang tải…</p>;
  if (list.isError) return <ErrorBanner error={list.error} />;
  const { connection, items } = list.data;

  return (
    <div className="page">
      <header className="page-header">
        <h1>Gửi Sở KH&amp;CN</h1>
        <p className="muted">
          Văn bản đã ban hành và ký số được tự động gửi lên máy chủ của Sở KH&amp;CN; khi mất mạng, BaoCao giữ
          lại và gửi khi có mạng.
        </p>
      </header>
      <ConnectionPanel connection={connection} canManage={canManage} />
      <section className="panel" aria-labelledby="outbox-h">
        <h2 id="outbox-h">Hộp thư đi</h2>
        <div className="actions">
          {canSend && (
            <button
              type="button"
              disabled={busy || !connection}
              onClick={() => void run(() => call('outbox.sendNow', {}))}
            >
              Gửi ngay
            </button>
          )}
          <button
            type="button"
            className="secondary"
            disabled={busy || !connection}
            onClick={() => void run(() => call('outbox.refreshStatus', {}))}
          >
            Cập nhật tình trạng từ Sở
          </button>
        </div>
        <ErrorBanner error={error} />
        {items.length === 0 ? (
          <p className="muted">Chưa có văn bản nào được ban hành để gửi.</p>
        ) : (
          <table className="table" data-testid="outbox">
            <thead>
              <tr>
                <th>Số, ký hiệu</th>
                <th>Văn bản</th>
                <th>Ngày ban hành</th>
                <th>Gửi</th>
                <th>Sở KH&amp;CN</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {items.map((i) => (
                <tr key={i.packageId} data-testid="outbox-item" className={`outbox-${i.state}`}>
                  <td>{i.number}</td>
                  <td>
                    <a href={`#${editorPath(i.kind, i.documentId)}`}>{i.title}</a>
                  </td>
                  <td>{i.issuedOn ? formatPaddedDate(i.issuedOn) : ''}</td>
                  <td data-testid="send-state">
                    {sendStateLabel(i)}
                    {i.lastError && i.state !== 'sent' && <div className="muted small">{i.lastError}</div>}
                  </td>
                  <td data-testid="remote-status">{remoteStatusLabel(i) ?? '—'}</td>
                  <td>
                    {i.state === 'failed' && canSend && (
                      <button
                        type="button"
                        className="link"
                        disabled={busy}
                        onClick={() => void run(() => call('outbox.retry', { packageId: i.packageId }))}
                      >
                        Gửi lại
                      </button>
                    )}
                    {i.state === 'sent' && (
                      <button
                        type="button"
                        className="link"
                        onClick={() =>
                          void run(async () =>
                            saveFile(await call('outbox.receipt', { packageId: i.packageId })),
                          )
                        }
                      >
                        Tải biên nhận
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
