import { ipcMain, type WebContents } from 'electron';
import { ipcChannel, methodNames } from '../shared/api.ts';
import type { Session } from './services/context.ts';
import type { Dispatch } from './services/dispatch.ts';
import { isTrustedSender } from './shell/security.ts';

/**
 * One ipcMain handler per contract entry, generated from the table. Only our own page may call:
 * a frame loaded from anywhere else (an injected iframe, a navigation that slipped through) is
 * refused before its input is even parsed.
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
  for (const name of methodNames) {
    ipcMain.handle(ipcChannel(name), (event, input: unknown) => {
      if (!isTrustedSender(event.senderFrame)) {
        return { ok: false, error: { code: 'FORBIDDEN', message: 'Lời gọi không đến từ cửa sổ BaoCao' } };
      }
      return dispatch(name, input, sessionOf(event.sender));
    });
  }
}
