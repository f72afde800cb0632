import { AppError } from '../../../shared/errors.ts';

/**
 * What went wrong with the data folder or its database, by kind, from SQLite's extended result
 * codes (better-sqlite3 puts them on `error.code`) and Node's file-system codes. The dispatcher
 * turns these into their own Vietnamese messages instead of "Đã xảy ra lỗi không mong muốn", and
 * the start-up screen uses the same kinds: one place decides what each failure means for a person.
 */
export type StoreFailure = 'corrupt' | 'readonly' | 'full' | 'busy' | 'io';

const BY_CODE: [RegExp, StoreFailure][] = [
  [/^SQLITE_(CORRUPT|NOTADB)/, 'corrupt'],
  [/^SQLITE_READONLY/, 'readonly'],
  [/^SQLITE_CANTOPEN/, 'readonly'],
  [/^SQLITE_IOERR_(WRITE|FSYNC|SHMOPEN|SHMSIZE|TRUNCATE)$/, 'readonly'],
  [/^SQLITE_FULL/, 'full'],
  [/^SQLITE_(BUSY|LOCKED)/, 'busy'],
  [/^SQLITE_IOERR/, 'io'],
  [/^(EROFS|EACCES|EPERM)$/, 'readonly'],
  [/^(ENOSPC|EDQUOT)$/, 'full'],
  [/^EIO$/, 'io'],
];

/** The kind of a store failure, looking through `cause` chains; null for anything else. */
export function storeFailureOf(error: unknown): StoreFailure | null {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') {
      const hit = BY_CODE.find(([re]) => re.test(code));
      if (hit) return hit[1];
    }
    e = (e as { cause?: unknown }).cause;
  }
  return null;
}

/** Where a damaged database is repaired: the settings page's backup panel. */
export const RESTORE_HINT =
  'Hãy khôi phục từ bản sao lưu: trang «Thông tin cơ quan», phần sao lưu, nút «Khôi phục» ở bản sao lưu gần nhất.';

/** For a call that failed: what happened, that nothing was done, and what to do. */
export const storeCallMessages: Record<StoreFailure, string> = {
  corrupt: `Cơ sở dữ liệu bị hỏng nên thao tác chưa được thực hiện. ${RESTORE_HINT}`,
  readonly:
    'Không ghi được vào thư mục dữ liệu (ổ đĩa hoặc thư mục chỉ cho phép đọc). Thao tác chưa được thực hiện; hãy kiểm tra quyền ghi của thư mục dữ liệu rồi thử lại.',
  full: 'Ổ đĩa chứa dữ liệu đã đầy nên không lưu được. Thao tác chưa được thực hiện; hãy giải phóng chỗ trống rồi thử lại.',
  busy: 'Cơ sở dữ liệu đang bị một chương trình khác giữ (có thể là một cửa sổ BaoCao khác). Thao tác chưa được thực hiện; hãy thử lại sau ít phút.',
  io: `Không đọc hoặc ghi được tệp dữ liệu trên ổ đĩa. Thao tác chưa được thực hiện; hãy kiểm tra ổ đĩa. Nếu lỗi lặp lại: ${RESTORE_HINT}`,
};

/** The AppError a store failure becomes at the contract's edge; null when it is not one. */
export function storeAppError(error: unknown): AppError | null {
  const kind = storeFailureOf(error);
  return kind ? new AppError('STORAGE', storeCallMessages[kind]) : null;
}
