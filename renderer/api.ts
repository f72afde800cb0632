import type { MethodInput, MethodName, MethodOutput } from '../shared/api.ts';
import type { CallResult, ErrorCode } from '../shared/errors.ts';
import { apiPath } from '../shared/transport.ts';

type Bridge = { [K in MethodName]: (input: MethodInput<K>) => Promise<CallResult<MethodOutput<K>>> };

declare global {
  interface Window {
    baocao?: Bridge;
  }
}

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Browsers only let a keepalive request (one that outlives the page) carry up to 64 KiB. */
const KEEPALIVE_LIMIT = 60_000;

async function overHttp(name: string, input: unknown, options: CallOptions): Promise<CallResult<unknown>> {
  // The session is an HttpOnly cookie the server set when this browser opened its one-time
  // address: nothing here can read or choose it, and the browser sends it with same-origin calls.
  const body = JSON.stringify(input ?? {});
  let response: Response;
  try {
    response = await fetch(apiPath(name), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      credentials: 'same-origin',
      body,
      keepalive: Boolean(options.keepalive) && body.length < KEEPALIVE_LIMIT,
    });
  } catch {
    return {
      ok: false,
      error: { code: 'INTERNAL', message: 'Không kết nối được với BaoCao. Dịch vụ có đang chạy không?' },
    };
  }
  try {
    return (await response.json()) as CallResult<unknown>;
  } catch {
    return {
      ok: false,
      error: { code: 'INTERNAL', message: `Phản hồi không hợp lệ từ BaoCao (mã ${response.status})` },
    };
  }
}

export interface CallOptions {
  /** Let the request finish even if the page is closing (autosave on close); small bodies only. */
  keepalive?: boolean;
}

/** The one client: the Electron bridge when present, HTTP to `npm run web` otherwise. */
export async function call<K extends MethodName>(
  name: K,
  input: MethodInput<K>,
  options: CallOptions = {},
): Promise<MethodOutput<K>> {
  const bridge = window.baocao;
  const result = bridge
    ? await (bridge[name] as (i: unknown) => Promise<CallResult<unknown>>)(input)
    : await overHttp(name, input, options);
  if (!result.ok) throw new ApiError(result.error.code, result.error.message);
  return result.value as MethodOutput<K>;
}

// Left over from versions that kept the start-up token in the browser.
if (!window.baocao) {
  localStorage.removeItem('baocao.token');
  localStorage.removeItem('baocao.client');
}
