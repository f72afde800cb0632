import { z } from 'zod';
import { empty, method, TIME_LIMITS } from './method.ts';

export const updateStateSchema = z.enum([
  /** Not a packaged desktop app, or no Sở KH&CN server configured. */
  'disabled',
  'idle',
  'checking',
  'downloading',
  /** Downloaded and verified: "Đã có phiên bản mới — Khởi động lại để cập nhật". */
  'ready',
  'installing',
]);

export const updateStatusSchema = z.object({
  state: updateStateSchema,
  currentVersion: z.string(),
  availableVersion: z.string().nullable(),
  /** What the UI shows, in Vietnamese; null when there is nothing to say. */
  message: z.string().nullable(),
  lastCheckAt: z.string().nullable(),
});
export type UpdateStatus = z.infer<typeof updateStatusSchema>;

export const updatesApi = {
  'updates.status': method({ access: 'user', readOnly: true, input: empty, output: updateStatusSchema }),
  /** Restart into the downloaded version, unless something is in flight (then `started` is false). */
  'updates.install': method({
    timeLimitMs: TIME_LIMITS.dataFolder,
    access: 'user',
    input: empty,
    output: z.object({ started: z.boolean(), message: z.string() }),
  }),
} as const;
