import type { Handlers } from '../context.ts';
import type { AppLogger } from './logger.ts';

const pad = (n: number) => String(n).padStart(2, '0');

export function createLogsHandlers(log: AppLogger, clock: () => Date): Pick<Handlers, 'logs.export'> {
  return {
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
