import { useSyncExternalStore } from 'react';
import type { MethodName } from '../../shared/api.ts';
import { callTracker } from './callTracker.ts';

/** What a long call is doing before its first progress step says so. */
const working: Partial<Record<MethodName, string>> = {
  'documents.renderDocx': 'Đang tạo tệp Word',
  'documents.renderPdf': 'Đang tạo tệp PDF',
  'spreadsheets.export': 'Đang tạo tệp Excel',
  'spreadsheets.previewImport': 'Đang đọc tệp Excel',
  'spreadsheets.applyImport': 'Đang nhập số liệu từ tệp Excel',
  'register.export': 'Đang tạo sổ văn bản đi',
  'workflow.approve': 'Đang duyệt và ký văn bản',
  'workflow.issue': 'Đang ban hành văn bản',
  'backup.create': 'Đang sao lưu dữ liệu',
  'backup.restore': 'Đang khôi phục dữ liệu',
  'audit.verify': 'Đang kiểm tra nhật ký',
  'signing.verify': 'Đang kiểm tra chữ ký',
};

/** Long work in progress, bottom right of every page: a bar per call and "Hủy" where it is safe. */
export function CallProgress() {
  const calls = useSyncExternalStore(callTracker.subscribe, callTracker.snapshot);
  if (calls.length === 0) return null;
  return (
    <div className="call-progress" role="status" aria-live="polite">
      {calls.map((c) => {
        const label = c.progress?.label ?? working[c.name] ?? 'Đang xử lý';
        return (
          <div key={c.callId} className="call-progress-item" data-testid="call-progress">
            <div className="call-progress-label">
              {label}
              {c.progress ? ` (bước ${c.progress.step}/${c.progress.steps})` : '…'}
            </div>
            {c.progress ? (
              <progress aria-label={label} max={c.progress.steps} value={c.progress.step - 0.5} />
            ) : (
              <progress aria-label={label} />
            )}
            {c.cancellable && (
              <button type="button" className="secondary" onClick={() => c.cancel()}>
                Hủy
              </button>
            )}
          </div>
        );
      })}
    </div>
  );
}
