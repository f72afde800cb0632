import { api, type MethodInput, type MethodName, type MethodOutput } from '../shared/api.ts';
import { DEFAULT_TIME_LIMIT_MS, callRules } from '../shared/api/method.ts';
import { CALL_ID_HEADER, CANCELLED_MESSAGE, EVENTS_PATH, type CallProgress } from '../shared/api/progress.ts';
import type { CallResult, ErrorCode } from '../shared/errors.ts';
import { apiPath } from '../shared/transport.ts';
import { callTracker } from './calls/callTracker.ts';
import { testHooks } from './testHooks.ts';

type Bridge = {
  [K in MethodName]: (input: MethodInput<K>, callId?: string) => Promise<CallResult<MethodOutput<K>>>;
};

declare global {
  interface Window {
    baocao?: Bridge;
    /** The desktop's progress channel and "Hủy" (electron/preload.ts). */
    baocaoCalls?: {
      onProgress(listener: (p: CallProgress) => void): () => void;
      cancel(callId: string): void;
    };
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

async function overHttp(
  name: string,
  input: unknown,
  options: CallOptions,
  callId: string,
  signal: AbortSignal | undefined,
): Promise<CallResult<unknown>> {
  // The session is an HttpOnly cookie the server set when this browser opened its one-time
  // address: nothing here can read or choose it, and the browser sends it with same-origin calls.
  const body = JSON.stringify(input ?? {});
  let response: Response;
  try {
    response = await fetch(apiPath(name), {
      method: 'POST',
      headers: { 'content-type': 'application/json', [CALL_ID_HEADER]: callId },
      credentials: 'same-origin',
      body,
      keepalive: Boolean(options.keepalive) && body.length < KEEPALIVE_LIMIT,
      ...(signal ? { signal } : {}),
    });
  } catch (e) {
    if (signal?.aborted) throw signal.reason;
    void e;
    return {
      ok: false,
      error: { code: 'INTERNAL', message: 'Không kết nối được với BaoCao. Dịch vụ có đang chạy không?' },
    };
  }
  try {
    return (await response.json()) as CallResult<unknown>;
  } catch {
    if (signal?.aborted) throw signal.reason;
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

// Progress events: the desktop's IPC channel, or server-sent events in web mode (opened when the
// first long call starts, again if the browser gave up on it).
let events: EventSource | null = null;
const onProgress = (p: CallProgress) => callTracker.progress(p.callId, p);
if (window.baocaoCalls) window.baocaoCalls.onProgress(onProgress);
let eventsOpen: Promise<void> = Promise.resolve();
/** Resolves once the stream is open (or has failed, or a second passed): the first step is not missed. */
function listenForProgress(): Promise<void> {
  if (window.baocao || (events && events.readyState !== EventSource.CLOSED)) return eventsOpen;
  const source = new EventSource(EVENTS_PATH);
  events = source;
  source.onmessage = (e: MessageEvent<string>) => {
    try {
      onProgress(JSON.parse(e.data) as CallProgress);
    } catch {
      // not ours
    }
  };
  eventsOpen = new Promise<void>((resolve) => {
    const done = () => resolve();
    source.addEventListener('open', done, { once: true });
    source.addEventListener('error', done, { once: true });
    setTimeout(done, 1_000);
  });
  return eventsOpen;
}

const seconds = (ms: number) => Math.round(ms / 1000);
function timeoutMessage(limitMs: number, cancellable: boolean): string {
  return cancellable
    ? `Thao tác chạy quá ${seconds(limitMs)} giây nên BaoCao đã dừng nó; chưa có gì thay đổi. Hãy thử lại; nếu lặp lại, hãy xuất nhật ký lỗi và gửi cho bộ phận hỗ trợ.`
    : `BaoCao chưa trả lời sau ${seconds(limitMs)} giây nên đã thôi chờ. Thao tác có thể vẫn đang chạy: hãy kiểm tra lại kết quả trước khi làm lại; nếu lặp lại, hãy xuất nhật ký lỗi và gửi cho bộ phận hỗ trợ.`;
}

const newCallId = () => crypto.randomUUID();

/**
 * The one client: the Electron bridge when present, HTTP to `npm run web` otherwise. Every call
 * has its contract entry's time limit: past it the caller gets a TIMEOUT error in Vietnamese
 * (and cancellable work is stopped) instead of waiting forever. Long calls show in CallProgress.
 */
export async function call<K extends MethodName>(
  name: K,
  input: MethodInput<K>,
  options: CallOptions = {},
): Promise<MethodOutput<K>> {
  const rules = callRules(api[name]);
  const limitMs = testHooks?.timeLimits[name] ?? rules.timeLimitMs;
  const bridge = window.baocao;
  const callId = newCallId();
  const controller = new AbortController();
  const long = rules.cancellable || rules.timeLimitMs > DEFAULT_TIME_LIMIT_MS;
  if (long) await listenForProgress();
  callTracker.begin({
    callId,
    name,
    cancellable: rules.cancellable,
    cancel: () => controller.abort(new ApiError('CANCELLED', CANCELLED_MESSAGE)),
  });
  const timer = setTimeout(
    () => controller.abort(new ApiError('TIMEOUT', timeoutMessage(limitMs, rules.cancellable))),
    limitMs,
  );
  const stopped = new Promise<never>((_, reject) => {
    controller.signal.addEventListener('abort', () => reject(controller.signal.reason as Error), {
      once: true,
    });
  });
  // Only cancellable work is stopped on the other side; a change that runs out of time is left to
  // finish there (the message says to check), never cut halfway.
  if (bridge && rules.cancellable) {
    controller.signal.addEventListener('abort', () => window.baocaoCalls?.cancel(callId), { once: true });
  }
  try {
    const result = await Promise.race([
      bridge
        ? (bridge[name] as (i: unknown, id: string) => Promise<CallResult<unknown>>)(input, callId)
        : overHttp(name, input, options, callId, rules.cancellable ? controller.signal : undefined),
      stopped,
    ]);
    if (!result.ok) throw new ApiError(result.error.code, result.error.message);
    return result.value as MethodOutput<K>;
  } finally {
    clearTimeout(timer);
    callTracker.end(callId);
  }
}

// Left over from versions that kept the start-up token in the browser.
if (!window.baocao) {
  localStorage.removeItem('baocao.token');
  localStorage.removeItem('baocao.client');
}
