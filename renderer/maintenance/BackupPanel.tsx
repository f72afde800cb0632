import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { call, type ApiError } from '../api.ts';
import { backupReasonLabels } from '../../shared/api/backup.ts';
import type { MethodOutput } from '../../shared/api.ts';
import { ErrorBanner, SuccessBanner, TextField } from '../components/Field.tsx';
import { useApiMutation, useApiQuery } from '../queries.ts';
import { fileSize, screenDateTime } from './format.ts';

type Summary = MethodOutput<'backup.inspect'>;

/**
 * "Sao lưu" / "Khôi phục": the backup folder (another disk is best), the list of backups, and a
 * restore that first shows what the archive holds, then asks once more.
 */
export function BackupPanel() {
  const status = useApiQuery('backup.status', {});
  const create = useApiMutation('backup.create');
  const setFolder = useApiMutation('backup.setFolder');
  const inspect = useApiMutation('backup.inspect');
  // Not useApiMutation: refetching everything would find the session ended by the restore and
  // replace this page with the login form before the result could be read.
  const restore = useMutation<MethodOutput<'backup.restore'>, ApiError, { fileName: string }>({
    mutationFn: (input) => call('backup.restore', input),
  });
  const [folder, setFolderText] = useState<string | null>(null);
  const [chosen, setChosen] = useState<Summary | null>(null);

  if (status.isPending) return <p className="muted">Đang đọc danh sách bản sao lưu…</p>;
  if (status.isError) return <ErrorBanner error={status.error} />;
  const s = status.data;
  const shownFolder = folder ?? s.folder;

  if (restore.isSuccess) {
    return (
      <SuccessBanner>
        Đã khôi phục dữ liệu từ bản sao lưu ngày {screenDateTime(restore.data.restored.createdAt)}. Dữ liệu
        trước đó được giữ trong bản sao lưu {restore.data.safetyBackup}. Hãy đăng nhập lại.{' '}
        <button
          className="link"
          onClick={() => {
            window.location.hash = '#/';
            window.location.reload();
          }}
        >
          Đăng nhập lại
        </button>
      </SuccessBanner>
    );
  }

  return (
    <div className="backup-panel">
      <p className="muted">
        BaoCao tự sao lưu mỗi ngày, trước mỗi lần nâng cấp dữ liệu và trước mỗi lần cập nhật phiên bản, giữ{' '}
        {s.keep} bản gần nhất. Mỗi bản sao lưu là một tệp chứa toàn bộ dữ liệu và tệp đính kèm, khôi phục được
        trên máy khác.
      </p>
      <form
        className="inline-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setFolder.mutate({ folder: shownFolder.trim() }, { onSuccess: () => setFolderText(null) });
        }}
      >
        <TextField
          label="Thư mục sao lưu"
          value={shownFolder}
          onChange={(v) => {
            setFolderText(v);
            setFolder.reset();
          }}
          hint="Nên chọn thư mục trên một ổ đĩa khác (ví dụ D:\SaoLuu\BaoCao) hoặc ổ mạng của cơ quan."
        />
        <div className="actions">
          {!s.isDefaultFolder && (
            <button
              type="button"
              className="secondary"
              onClick={() => setFolder.mutate({ folder: null }, { onSuccess: () => setFolderText(null) })}
            >
              Dùng thư mục mặc định
            </button>
          )}
          <button type="submit" className="secondary" disabled={setFolder.isPending || folder === null}>
            Lưu thư mục
          </button>
          <button type="button" onClick={() => create.mutate({})} disabled={create.isPending}>
            {create.isPending ? 'Đang sao lưu…' : 'Sao lưu ngay'}
          </button>
        </div>
      </form>
      <ErrorBanner error={setFolder.error ?? create.error} />
      {create.isSuccess && <SuccessBanner>Đã sao lưu vào tệp {create.data.fileName}.</SuccessBanner>}

      {s.backups.length === 0 ? (
        <p className="muted">Chưa có bản sao lưu nào trong thư mục này.</p>
      ) : (
        <table className="grid backups-table">
          <thead>
            <tr>
              <th>Thời điểm</th>
              <th>Loại</th>
              <th>Dung lượng</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {s.backups.map((b) => (
              <tr key={b.fileName}>
                <td title={b.fileName}>{screenDateTime(b.createdAt)}</td>
                <td>{backupReasonLabels[b.reason]}</td>
                <td>{fileSize(b.sizeBytes)}</td>
                <td>
                  <button
                    className="link"
                    disabled={inspect.isPending || restore.isPending}
                    onClick={() => {
                      setChosen(null);
                      restore.reset();
                      inspect.mutate(
                        { fileName: b.fileName },
                        { onSuccess: (summary) => setChosen(summary) },
                      );
                    }}
                  >
                    Khôi phục…
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {inspect.isPending && <p className="muted">Đang kiểm tra bản sao lưu…</p>}
      <ErrorBanner error={inspect.error ?? restore.error} />
      {chosen && (
        <div className="confirm-restore" role="alertdialog" aria-label="Xác nhận khôi phục">
          <p>
            <strong>Khôi phục bản sao lưu ngày {screenDateTime(chosen.createdAt)}?</strong>
          </p>
          <p>
            Bản sao lưu đã được kiểm tra toàn vẹn: {chosen.organizationName ?? 'chưa thiết lập cơ quan'},{' '}
            {chosen.documents} văn bản, {chosen.files} tệp đính kèm, phiên bản BaoCao {chosen.appVersion}.
            Toàn bộ dữ liệu hiện tại sẽ được thay bằng dữ liệu này; dữ liệu hiện tại được sao lưu trước khi
            thay. Mọi người sẽ phải đăng nhập lại.
          </p>
          <div className="actions">
            <button className="secondary" onClick={() => setChosen(null)} disabled={restore.isPending}>
              Hủy
            </button>
            <button
              onClick={() => restore.mutate({ fileName: chosen.fileName })}
              disabled={restore.isPending}
            >
              {restore.isPending ? 'Đang khôi phục…' : 'Khôi phục'}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
