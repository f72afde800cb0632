import type { z } from 'zod';
import { intakeRoutes, routePath } from '../../../shared/intake/routes.ts';
import {
  errorEnvelopeSchema,
  okEnvelope,
  officerContentsSchema,
  officerOrganizationsSchema,
  officerPackageSchema,
  officerSessionSchema,
  packageStatusSchema,
} from '../../../shared/intake/schemas.ts';
import { normalizeServerUrl, type IntakeFailure, type IntakeResult } from '../outbox/intakeClient.ts';

/**
 * Sở KH&CN's client for the officer API of the intake server (server/http/officerHandlers.ts):
 * sign in, the departments with their packages for a duty, a package and its files, the figures
 * inside a duty's packages, accept or return. Plain Node (fetch), no Electron. Like the department's
 * intakeClient, every call has a time limit and every failure comes back as a value with a
 * Vietnamese reason for the officer; paths and answer schemas come from shared/intake/routes.ts.
 */

export type OfficerSession = z.infer<typeof officerSessionSchema>;
export type OfficerOrganizations = z.infer<typeof officerOrganizationsSchema>;
export type OfficerPackage = z.infer<typeof officerPackageSchema>;
export type OfficerContents = z.infer<typeof officerContentsSchema>;
export type PackageStatus = z.infer<typeof packageStatusSchema>;

export interface DownloadedFile {
  name: string;
  mime: string;
  bytes: Buffer;
}

export interface OfficerClient {
  readonly serverUrl: string;
  organizations(query?: {
    periodKey?: string;
    kind?: string;
    agencyType?: string;
  }): Promise<IntakeResult<OfficerOrganizations>>;
  contents(periodKey: string): Promise<IntakeResult<OfficerContents>>;
  package(packageId: string): Promise<IntakeResult<OfficerPackage>>;
  file(packageId: string, name: string): Promise<IntakeResult<DownloadedFile>>;
  decide(
    packageId: string,
    decision: { decision: 'accepted'; reason?: string } | { decision: 'returned'; reason: string },
  ): Promise<IntakeResult<PackageStatus>>;
  logout(): Promise<IntakeResult<{ loggedOut: true }>>;
}

const fail = (f: Omit<IntakeFailure, 'status' | 'code' | 'retryAfterMs'> & Partial<IntakeFailure>) => ({
  ok: false as const,
  failure: { status: null, code: null, retryAfterMs: null, ...f },
});

const DEFAULT_TIMEOUT_MS = 20_000;

/** The failure of a request that got no answer, or got an error answer, in the officer's words. */
async function failureOf(res: Response | Error, timeoutMs: number) {
  if (res instanceof Error) {
    const err = res as Error & { cause?: { code?: string } };
    if (err.name === 'TimeoutError' || err.name === 'AbortError') {
      return fail({
        kind: 'timeout',
        retryable: true,
        message: `Máy chủ Sở KH&CN không trả lời trong ${Math.round(timeoutMs / 1000)} giây; hãy thử lại`,
      });
    }
    const why = err.cause?.code ? ` (${err.cause.code})` : '';
    return fail({
      kind: 'network',
      retryable: true,
      message: `Không kết nối được máy chủ tiếp nhận${why}; kiểm tra mạng và địa chỉ máy chủ`,
    });
  }
  const status = res.status;
  let body: unknown;
  try {
    body = JSON.parse(await res.text());
  } catch {
    body = null;
  }
  const envelope = errorEnvelopeSchema.safeParse(body);
  const code = envelope.success ? envelope.data.error.code : null;
  const serverMessage = envelope.success ? envelope.data.error.message : null;
  if (status === 401) {
    return fail({
      kind: 'unauthorized',
      retryable: false,
      status,
      code,
      message:
        code === 'INVALID_CREDENTIALS'
          ? (serverMessage ?? 'Tên đăng nhập hoặc mật khẩu không đúng')
          : 'Phiên làm việc với máy chủ tiếp nhận đã hết; hãy đăng nhập lại',
    });
  }
  if (status === 429)
    return fail({
      kind: 'rate_limited',
      retryable: true,
      status,
      code,
      message: serverMessage ?? 'Máy chủ đang giới hạn số lần thử; hãy đợi một lát rồi thử lại',
    });
  if (status >= 500)
    return fail({
      kind: 'server',
      retryable: true,
      status,
      code,
      message: serverMessage ?? `Máy chủ tiếp nhận đang gặp sự cố (mã HTTP ${status}); hãy thử lại sau`,
    });
  return fail({
    kind: 'refused',
    retryable: false,
    status,
    code,
    message: serverMessage ?? `Máy chủ tiếp nhận từ chối yêu cầu (mã HTTP ${status})`,
  });
}

async function send(url: string, init: RequestInit, timeoutMs: number): Promise<Response | Error> {
  try {
    return await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs), redirect: 'error' });
  } catch (e) {
    return e as Error;
  }
}

async function json<T>(
  url: string,
  init: RequestInit,
  timeoutMs: number,
  schema: z.ZodType<T>,
): Promise<IntakeResult<T>> {
  const res = await send(url, init, timeoutMs);
  if (res instanceof Error || !res.ok) return failureOf(res, timeoutMs);
  let body: unknown;
  try {
    body = JSON.parse(await res.text());
  } catch {
    body = null;
  }
  const parsed = okEnvelope(schema).safeParse(body);
  if (!parsed.success) {
    return fail({
      kind: 'bad_response',
      retryable: false,
      status: res.status,
      message:
        'Máy chủ trả lời không đúng định dạng của máy chủ tiếp nhận BaoCao; hãy kiểm tra địa chỉ máy chủ',
    });
  }
  return { ok: true, value: parsed.data.value as T };
}

const badUrl = () =>
  fail({
    kind: 'refused',
    retryable: false,
    message: 'Địa chỉ máy chủ phải có dạng https://… (hoặc http://…)',
  });

/** Signs in; the session's client carries the token, which is kept in memory only. */
export async function officerLogin(
  serverUrl: string,
  username: string,
  password: string,
  options: { timeoutMs?: number } = {},
): Promise<IntakeResult<{ session: OfficerSession; client: OfficerClient }>> {
  const base = normalizeServerUrl(serverUrl);
  if (!base) return badUrl();
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const r = await json(
    `${base}${intakeRoutes.officerLogin.path}`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    },
    timeoutMs,
    officerSessionSchema,
  );
  if (!r.ok) return r;
  return { ok: true, value: { session: r.value, client: createOfficerClient(base, r.value.token, options) } };
}

export function createOfficerClient(
  serverUrl: string,
  token: string,
  options: { timeoutMs?: number } = {},
): OfficerClient {
  const base = normalizeServerUrl(serverUrl) ?? serverUrl;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const auth = { authorization: `Bearer ${token}` };
  const get = <T>(path: string, schema: z.ZodType<T>, query: Record<string, string | undefined> = {}) => {
    const qs = new URLSearchParams(
      Object.entries(query).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ''),
    ).toString();
    return json(`${base}${path}${qs ? `?${qs}` : ''}`, { headers: auth }, timeoutMs, schema);
  };
  return {
    serverUrl: base,
    organizations: (query = {}) =>
      get(intakeRoutes.officerOrganizations.path, officerOrganizationsSchema, query),
    // Up to 2,000 departments' figures: a longer limit than a single read.
    contents: (periodKey) =>
      json(
        `${base}${intakeRoutes.officerContents.path}?${new URLSearchParams({ periodKey })}`,
        { headers: auth },
        timeoutMs * 3,
        officerContentsSchema,
      ),
    package: (packageId) =>
      get(routePath(intakeRoutes.officerPackage.path, { packageId }), officerPackageSchema),
    async file(packageId, name) {
      const res = await send(
        `${base}${routePath(intakeRoutes.officerPackageFile.path, { packageId, name })}`,
        { headers: auth },
        timeoutMs * 3,
      );
      if (res instanceof Error || !res.ok) return failureOf(res, timeoutMs);
      return {
        ok: true,
        value: {
          name,
          mime: res.headers.get('content-type') ?? 'application/octet-stream',
          bytes: Buffer.from(await res.arrayBuffer()),
        },
      };
    },
    decide: (packageId, decision) =>
      json(
        `${base}${routePath(intakeRoutes.officerDecision.path, { packageId })}`,
        {
          method: 'POST',
          headers: { ...auth, 'content-type': 'application/json' },
          body: JSON.stringify(decision),
        },
        timeoutMs,
        packageStatusSchema,
      ),
    logout: () =>
      json(
        `${base}${intakeRoutes.officerLogout.path}`,
        { method: 'POST', headers: auth },
        timeoutMs,
        intakeRoutes.officerLogout.response,
      ),
  };
}
