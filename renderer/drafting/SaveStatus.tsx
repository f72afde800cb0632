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

/** A save that failed for another reason than a conflict (see ConflictMerge.tsx for that). */
export function SaveProblems({ status }: { status: SaveStatus }) {
  if (status.state === 'error') {
    return (
      <div className="error-banner" role="alert">
        Chưa lưu được: {status.message} Hệ thống sẽ thử lại khi bạn sửa tiếp.
      </div>
    );
  }
  return null;
}
