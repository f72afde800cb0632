import { ErrorBanner } from '../components/Field.tsx';
import { saveFile } from '../components/files.ts';
import { useApiMutation } from '../queries.ts';

/** "Xuất nhật ký lỗi": the redacted log, saved as a file to send to IT support. */
export function LogExport() {
  const exportLog = useApiMutation('logs.export');
  return (
    <div>
      <p className="muted">
        Khi cần hỗ trợ kỹ thuật, hãy xuất nhật ký lỗi và gửi tệp cho bộ phận CNTT. Mật khẩu, mã PIN và mã truy
        cập không bao giờ được ghi vào nhật ký.
      </p>
      <div className="actions">
        <button
          className="secondary"
          disabled={exportLog.isPending}
          onClick={() => exportLog.mutate({}, { onSuccess: (file) => saveFile(file) })}
        >
          Xuất nhật ký lỗi
        </button>
      </div>
      <ErrorBanner error={exportLog.error} />
    </div>
  );
}
