import type { ServerResponse } from 'node:http';
import type { CallProgress } from '../../../shared/api/progress.ts';
import type { Session } from '../context.ts';

/**
 * Web mode's progress channel: each browser session may hold server-sent-event streams
 * (EVENTS_PATH); the progress of that session's calls is written to them. Keyed by the session
 * object, which stays the same when its cookie identifier is rotated at sign-in.
 */
export function createProgressStreams(heartbeatMs = 25_000) {
  const streams = new Map<Session, Set<ServerResponse>>();
  const all = new Set<ServerResponse>();
  // A comment line now and then keeps proxies and the browser from giving up on an idle stream.
  const heartbeat = setInterval(() => {
    for (const res of all) res.write(': \n\n');
  }, heartbeatMs);
  heartbeat.unref();
  return {
    open(session: Session, res: ServerResponse) {
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
        connection: 'keep-alive',
      });
      res.write(': BaoCao\n\n');
      let set = streams.get(session);
      if (!set) streams.set(session, (set = new Set()));
      set.add(res);
      all.add(res);
      res.on('close', () => {
        set.delete(res);
        all.delete(res);
        if (set.size === 0) streams.delete(session);
      });
    },
    send(session: Session, progress: CallProgress) {
      const data = `data: ${JSON.stringify(progress)}\n\n`;
      for (const res of streams.get(session) ?? []) res.write(data);
    },
    /** Before the server closes: open streams would keep it waiting. */
    closeAll() {
      clearInterval(heartbeat);
      for (const res of all) res.end();
    },
  };
}
