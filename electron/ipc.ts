import { ipcMain, type WebContents } from 'electron';
import { ipcChannel, methodNames } from '../shared/api.ts';
import { CANCEL_CHANNEL, PROGRESS_CHANNEL, callIdSchema } from '../shared/api/progress.ts';
import type { Session } from './services/context.ts';
import type { Dispatch } from './services/dispatch.ts';
import { isTrustedSender } from './shell/security.ts';

/**
 * One ipcMain handler per contract entry, generated from the table. Only our own page may call:
 * a frame loaded from anywhere else (an injected iframe, a navigation that slipped through) is
 * refused before its input is even parsed. A call may carry the identifier the renderer chose for
 * it: its progress goes back to that window on PROGRESS_CHANNEL, and CANCEL_CHANNEL from the same
 * window aborts it. A window that closes aborts its calls.
 */
export function registerIpc(dispatch: Dispatch) {
  const sessions = new WeakMap<WebContents, Session>();
  const sessionOf = (wc: WebContents) => {
    let s = sessions.get(wc);
    if (!s) {
      // One session per window; the window itself is the credential, so no identifier travels.
      s = { userId: null, client: `window-${wc.id}` };
      sessions.set(wc, s);
    }
    return s;
  };
  // Keyed by window and call: one window cannot cancel another's call.
  const running = new Map<string, AbortController>();
  const keyOf = (wc: WebContents, callId: string) => `${wc.id}:${callId}`;

  for (const name of methodNames) {
    ipcMain.handle(ipcChannel(name), async (event, input: unknown, rawCallId: unknown) => {
      if (!isTrustedSender(event.senderFrame)) {
        return { ok: false, error: { code: 'FORBIDDEN', message: 'Lời gọi không đến từ cửa sổ BaoCao' } };
      }
      const sender = event.sender;
      const callId = callIdSchema.safeParse(rawCallId).success ? (rawCallId as string) : null;
      const controller = new AbortController();
      const abort = () => controller.abort();
      sender.once('destroyed', abort);
      if (callId) running.set(keyOf(sender, callId), controller);
      try {
        return await dispatch(name, input, sessionOf(sender), {
          signal: controller.signal,
          ...(callId
            ? {
                onProgress: (p) => {
                  if (!sender.isDestroyed()) sender.send(PROGRESS_CHANNEL, { callId, ...p });
                },
              }
            : {}),
        });
      } finally {
        if (callId) running.delete(keyOf(sender, callId));
        if (!sender.isDestroyed()) sender.removeListener('destroyed', abort);
      }
    });
  }
  ipcMain.on(CANCEL_CHANNEL, (event, rawCallId: unknown) => {
    if (!isTrustedSender(event.senderFrame) || !callIdSchema.safeParse(rawCallId).success) return;
    running.get(keyOf(event.sender, rawCallId as string))?.abort();
  });
}
