import type { MethodInput, MethodName, MethodOutput } from '../shared/api.ts';
import type { CallResult, ErrorCode } from '../shared/errors.ts';
import { CLIENT_HEADER, apiPath } from '../shared/transport.ts';

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

const TOKEN_KEY = 'baocao.token';
const CLIENT_KEY = 'baocao.client';

/** Web mode: the start-up token arrives once in the URL, then lives in this browser only. */
function webCredentials() {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    localStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.toString());
  }
  let client = localStorage.getItem(CLIENT_KEY);
  if (!client) {
    const bytes = crypto.getRandomValues(new Uint8Array(18));
    client = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
    localStorage.setItem(CLIENT_KEY, client);
  }
  return { token: localStorage.getItem(TOKEN_KEY) ?? '', client };
}

/** Browsers only let a keepalive request (one that outlives the page) carry up to 64 KiB. */
const KEEPALIVE_LIMIT = 60_000;

async function overHttp(name: string, input: unknown, options: CallOptions): Promise<CallResult<unknown>> {
  const { token, client } = webCredentials();
  const body = JSON.stringify(input ?? {});
  let response: Response;
  try {
    response = await fetch(apiPath(name), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        [CLIENT_HEADER]: client,
      },
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

if (!window.baocao) webCredentials();
