import type { Handlers } from '../context.ts';
import type { AppLogger } from './logger.ts';

const pad = (n: number) => String(n).padStart(2, '0');

/** At most this many renderer errors a minute reach the log: a render loop must not flood it. */
const REPORTS_PER_MINUTE = 20;

export function createLogsHandlers(
  log: AppLogger,
  clock: () => Date,
): Pick<Handlers, 'logs.export' | 'logs.report'> {
  const renderer = log.child('renderer');
  let windowStart = 0;
  let inWindow = 0;
  return {
    'logs.report': ({ page, message, stack }) => {
      const now = clock().getTime();
      if (now - windowStart > 60_000) {
        windowStart = now;
        inWindow = 0;
      }
      if (++inWindow <= REPORTS_PER_MINUTE) renderer.error('page failed to render', { page, message, stack });
      return { ok: true as const };
    },
    'logs.export': () => {
      const now = clock();
      const header =
        `Nhật ký BaoCao, xuất lúc ${now.toISOString()}. ` +
        'Mật khẩu, mã PIN và mã truy cập đã được ẩn trước khi ghi.\n';
      const body = log.exportText() || 'Chưa có dòng nhật ký nào.\n';
      const stamp = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
      return {
        fileName: `baocao-nhat-ky-${stamp}.log`,
        mime: 'text/plain; charset=utf-8',
        dataBase64: Buffer.from(header + body, 'utf8').toString('base64'),
      };
    },
  };
}
