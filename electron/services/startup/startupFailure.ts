import { SchemaTooNewError } from '../store/openDatabase.ts';
import { storeFailureOf } from '../store/storeErrors.ts';
import { DataDirError } from './checkDataDir.ts';

/**
 * What the person sees when BaoCao cannot start: what happened, what to do, and the details that
 * "Sao chép chi tiết lỗi" copies for IT support. The desktop shows it in a dialog; `npm run web`
 * prints the same text and exits 1.
 */
export type StartupFailureKind = 'newerSchema' | 'unwritable' | 'corrupt' | 'full' | 'busy' | 'unknown';

export interface StartupFailure {
  kind: StartupFailureKind;
  /** One line: what happened. */
  title: string;
  /** What to do about it. */
  remedy: string;
  /** For support: kind, codes, messages and stack; never the user's data. */
  details: string;
}

export interface FailureContext {
  dataDir: string;
  appVersion: string;
}

const DB_FILE_HINT = (dataDir: string) =>
  `Dữ liệu chưa bị thay đổi. Để khôi phục: đóng BaoCao, đổi tên tệp baocao.sqlite trong thư mục ${dataDir} (ví dụ thành baocao-hong.sqlite), mở lại BaoCao rồi dùng «Khôi phục» ở bản sao lưu gần nhất (trang «Thông tin cơ quan», phần sao lưu; các bản sao lưu nằm trong thư mục backups).`;

function kindOf(error: unknown): StartupFailureKind {
  if (error instanceof SchemaTooNewError) return 'newerSchema';
  if (error instanceof DataDirError) return 'unwritable';
  const store = storeFailureOf(error);
  if (store === 'corrupt') return 'corrupt';
  if (store === 'readonly') return 'unwritable';
  if (store === 'full') return 'full';
  if (store === 'busy') return 'busy';
  return 'unknown';
}

function describeError(error: unknown): string {
  const lines: string[] = [];
  for (let e = error, depth = 0; e !== undefined && e !== null && depth < 5; depth++) {
    if (e instanceof Error) {
      const code = (e as { code?: unknown }).code;
      lines.push(
        `${depth ? 'Nguyên nhân: ' : ''}${e.name}${typeof code === 'string' ? ` [${code}]` : ''}: ${e.message}`,
      );
      if (e.stack) lines.push(...e.stack.split('\n').slice(1, 8));
      e = (e as { cause?: unknown }).cause;
    } else {
      lines.push(String(e));
      break;
    }
  }
  return lines.join('\n');
}

export function describeStartupFailure(error: unknown, context: FailureContext): StartupFailure {
  const kind = kindOf(error);
  const { dataDir } = context;
  const own = error instanceof Error ? error.message : String(error);
  const [title, remedy] = ((): [string, string] => {
    switch (kind) {
      case 'newerSchema':
        return [
          'Cơ sở dữ liệu do phiên bản mới hơn tạo ra',
          `${own} Hãy cài bản BaoCao mới nhất rồi mở lại; dữ liệu chưa bị thay đổi.`,
        ];
      case 'unwritable':
        return [
          `Không ghi được vào thư mục dữ liệu ${dataDir}`,
          'Thư mục hoặc ổ đĩa chỉ cho phép đọc, hoặc tài khoản máy tính này không có quyền ghi. Hãy kiểm tra quyền ghi của thư mục (hoặc nhờ bộ phận tin học), rồi mở lại BaoCao.',
        ];
      case 'corrupt':
        return ['Cơ sở dữ liệu bị hỏng — khôi phục từ bản sao lưu', DB_FILE_HINT(dataDir)];
      case 'full':
        return [
          `Ổ đĩa chứa thư mục dữ liệu ${dataDir} đã đầy`,
          'Hãy giải phóng chỗ trống trên ổ đĩa rồi mở lại BaoCao; dữ liệu chưa bị thay đổi.',
        ];
      case 'busy':
        return [
          'Cơ sở dữ liệu đang được một chương trình khác sử dụng',
          'Có thể một cửa sổ BaoCao khác (hoặc BaoCao chạy trên trình duyệt) đang mở cùng thư mục dữ liệu. Hãy đóng nó rồi mở lại BaoCao.',
        ];
      default:
        return [
          'Không khởi động được BaoCao',
          `${own} Hãy sao chép chi tiết lỗi và gửi bộ phận hỗ trợ; dữ liệu chưa bị thay đổi.`,
        ];
    }
  })();
  const details = [
    `BaoCao ${context.appVersion} — lỗi khi khởi động (${kind})`,
    `Thời điểm: ${new Date().toISOString()}`,
    `Hệ điều hành: ${process.platform} ${process.arch}, Node ${process.versions.node}${process.versions.electron ? `, Electron ${process.versions.electron}` : ''}`,
    `Thư mục dữ liệu: ${dataDir}`,
    '',
    describeError(error),
  ].join('\n');
  return { kind, title, remedy, details };
}

/** The text `npm run web` prints (and the dialog shows): title, remedy, then the details. */
export function startupFailureText(f: StartupFailure): string {
  return `Không khởi động được BaoCao: ${f.title}\n${f.remedy}\n\nChi tiết lỗi:\n${f.details}\n`;
}
