import { z } from 'zod';
import { empty, method } from './method.ts';

/** "Xuất nhật ký lỗi": the main process's log files, redacted, as one text file for IT support. */
export const logsApi = {
  'logs.export': method({
    access: 'user',
    readOnly: true,
    input: empty,
    output: z.object({ fileName: z.string(), mime: z.string(), dataBase64: z.string() }),
  }),
} as const;
