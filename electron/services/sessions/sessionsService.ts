import type { Handlers } from '../context.ts';
import { currentUser } from '../context.ts';
import type { AuditLog } from '../audit/auditLog.ts';
import type { Db } from '../store/openDatabase.ts';
import { SESSION_MAX_AGE_MS, type SessionSettings } from './sessionPolicy.ts';

export function createSessionsHandlers(db: Db, settings: SessionSettings, audit: AuditLog) {
  const out = () => ({ idleMinutes: settings.idleMinutes(), maxAgeHours: SESSION_MAX_AGE_MS / 3_600_000 });
  const handlers: Pick<Handlers, 'sessions.settings' | 'sessions.updateSettings'> = {
    'sessions.settings': () => out(),
    'sessions.updateSettings': ({ idleMinutes }, ctx) => {
      db.transaction(() => {
        settings.setIdleMinutes(idleMinutes);
        audit.append(currentUser(ctx).id, 'sessions.updateSettings', { idleMinutes });
      })();
      return out();
    },
  };
  return handlers;
}
