import { z } from 'zod';
import { text } from '../text.ts';
import { empty, method, ok, TIME_LIMITS } from './method.ts';

/** "Xuất nhật ký lỗi": the main process's log files, redacted, as one text file for IT support. */
export const logsApi = {
  'logs.export': method({
    timeLimitMs: TIME_LIMITS.file,
    access: 'user',
    readOnly: true,
    input: empty,
    output: z.object({ fileName: z.string(), mime: z.string(), dataBase64: z.string() }),
  }),
  /**
   * A renderer error (the page's error boundary) into the same rotating, redacted log; what page,
   * the message and the stack, never the page's data. Public: a page can fail before sign-in.
   */
  'logs.report': method({
    access: 'public',
    input: z
      .object({
        page: text.line(100),
        message: text.multiline(2000),
        stack: text.multiline(8000),
      })
      .strict(),
    output: ok,
  }),
} as const;
