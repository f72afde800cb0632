import { useState } from 'react';
import type { SaveStatus } from './useAutosave.ts';
import { vietnamTime } from './format.ts';

export function saveStatusText(status: SaveStatus): string {
  switch (status.state) {
    case 'saved':
      return status.savedAt ? `Đã lưu lúc ${vietnamTime(status.savedAt)}` : 'Đã lưu';
    case 'saving':
      return 'Đang lưu…';
    case 'invalid':
      return 'Chưa lưu: có lỗi cần sửa';
    case 'conflict':
      return 'Chưa lưu: có bản mới hơn';
    case 'error':
      return 'Chưa lưu: lỗi khi lưu';
  }
}

/** The small line in the editor header: "Đã lưu lúc 14:05:12". */
export function SaveStatusLine({ status }: { status: SaveStatus }) {
  return (
    <span className={`save-status save-${status.state}`} data-testid="save-status" role="status">
      {saveStatusText(status)}
    </span>
  );
}

/** Conflict and failure banners, under the header. */
export function SaveProblems({ status, onReload }: { status: SaveStatus; onReload: () => Promise<void> }) {
  const [reloading, setReloading] = useState(false);
  const [reloadError, setReloadError] = useState<string | null>(null);
  if (status.state === 'conflict') {
    return (
      <div className="error-banner conflict-banner" role="alert" data-testid="conflict-banner">
        <div>
          <strong>Không lưu được vì tài liệu đã được sửa ở nơi khác.</strong> {status.message}
        </div>
        <div className="muted">
          Những gì bạn vừa nhập trên trang này chưa được lưu. Hãy sao chép phần cần giữ trước khi tải lại.
        </div>
        {reloadError && <div>{reloadError}</div>}
        <button
          type="button"
          disabled={reloading}
          onClick={() => {
            setReloading(true);
            setReloadError(null);
            onReload()
              .catch((e: unknown) => setReloadError(e instanceof Error ? e.message : String(e)))
              .finally(() => setReloading(false));
          }}
        >
          Tải lại bản mới nhất
        </button>
      </div>
    );
  }
  if (status.state === 'error') {
    return (
      <div className="error-banner" role="alert">
        Chưa lưu được: {status.message} Hệ thống sẽ thử lại khi bạn sửa tiếp.
      </div>
    );
  }
  return null;
}
