import { AppError } from '../../../shared/errors.ts';
import type { IntakeFailure, IntakeResult } from '../outbox/intakeClient.ts';
import { officerLogin, type OfficerClient, type OfficerSession } from './officerClient.ts';

/**
 * The officer's session with the intake server, held in the main process's memory for as long as
 * the app runs: never written to disk (a Sở officer signs in again after a restart). One per app,
 * like the department's own outbox: every window of this BaoCao sees the same officer.
 */
export interface OfficerSessionHolder {
  status(): { signedIn: boolean; serverUrl: string | null; session: OfficerSession | null };
  login(serverUrl: string, username: string, password: string): Promise<void>;
  logout(): Promise<void>;
  /** The client, or a Vietnamese refusal asking to sign in. */
  client(): OfficerClient;
  /** A call's value, or an AppError with the server's reason; a lost session is forgotten. */
  unwrap<T>(r: IntakeResult<T>): T;
}

function refusal(f: IntakeFailure): AppError {
  // Not UNAUTHENTICATED: that would read as the app's own session ending.
  if (f.kind === 'unauthorized') return new AppError('CONFLICT', f.message);
  if (f.status === 404) return new AppError('NOT_FOUND', f.message);
  if (f.status === 400) return new AppError('VALIDATION', f.message);
  return new AppError('CONFLICT', f.message);
}

export function createOfficerSessionHolder(clock: () => Date): OfficerSessionHolder {
  let current: { client: OfficerClient; session: OfficerSession } | null = null;
  let lastServerUrl: string | null = null;
  const expired = () => current !== null && Date.parse(current.session.expiresAt) <= clock().getTime();
  const holder: OfficerSessionHolder = {
    status() {
      if (expired()) current = null;
      return {
        signedIn: current !== null,
        serverUrl: current?.client.serverUrl ?? lastServerUrl,
        session: current?.session ?? null,
      };
    },
    async login(serverUrl, username, password) {
      const r = await officerLogin(serverUrl, username, password);
      if (!r.ok) {
        if (r.failure.code === 'INVALID_CREDENTIALS')
          throw new AppError('INVALID_CREDENTIALS', r.failure.message);
        throw refusal(r.failure);
      }
      current = r.value;
      lastServerUrl = r.value.client.serverUrl;
    },
    async logout() {
      const was = current;
      current = null;
      // The server forgets the session too; if it cannot be reached, it expires there on its own.
      if (was) await was.client.logout();
    },
    client() {
      if (expired()) current = null;
      if (!current)
        throw new AppError('CONFLICT', 'Chưa đăng nhập máy chủ tiếp nhận của Sở KH&CN; hãy đăng nhập');
      return current.client;
    },
    unwrap(r) {
      if (r.ok) return r.value;
      if (r.failure.kind === 'unauthorized') current = null;
      throw refusal(r.failure);
    },
  };
  return holder;
}
