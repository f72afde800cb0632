import { z } from 'zod';

/**
 * The one event channel beside the calls: progress of long work, and "Hủy". Each call carries an
 * identifier the renderer chose; progress events name it, and a cancel names it.
 *   - desktop: the call is ipcRenderer.invoke(channel, input, callId); progress arrives as the IPC
 *     event PROGRESS_CHANNEL; "Hủy" is ipcRenderer.send(CANCEL_CHANNEL, callId);
 *   - web mode: the call is POST /api/<name> with the CALL_ID_HEADER; progress arrives as
 *     server-sent events on EVENTS_PATH; "Hủy" aborts the request (the host sees it close).
 */
export const PROGRESS_CHANNEL = 'baocao:progress';
export const CANCEL_CHANNEL = 'baocao:cancel';
export const EVENTS_PATH = '/api/events';
export const CALL_ID_HEADER = 'x-baocao-call';

export const callIdSchema = z.string().regex(/^[A-Za-z0-9-]{8,64}$/);

/** Step `step` of `steps` has begun; `label` says what it is doing, in Vietnamese. */
export interface ProgressStep {
  step: number;
  steps: number;
  label: string;
}
export interface CallProgress extends ProgressStep {
  callId: string;
}

export const CANCELLED_MESSAGE = 'Đã hủy theo yêu cầu. Chưa có gì thay đổi.';
