import os from 'node:os';

/**
 * What must never reach the log file: passwords, PINs, tokens, keys, and the bytes of files a
 * clerk uploads. Two nets, because neither is enough alone: fields are blanked by name at any
 * depth, and strings (messages, stacks, URLs) are scrubbed by pattern — a token printed in a URL
 * or a password quoted in an error message has no field name to catch it by.
 */
export const REDACTED = '[đã ẩn]';

const SECRET_KEY =
  /^(pass(word|wd|phrase)?|pwd|pin|so_?pin|user_?pin|otp|token|secret|authorization|cookie|set-cookie|private_?key|key_?pem|p12|pfx|data_?base64|bytes)$|(password|passphrase|token|secret|pin)$/i;

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key.replace(/[-\s]/g, '_'));
}

const home = os.homedir();
const TEXT_RULES: [RegExp, string | ((m: string, ...g: string[]) => string)][] = [
  // "Bearer abc", "Basic abc"
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/g, `$1 ${REDACTED}`],
  // ?token=…, &pin=…, password=… in URLs, query strings and "key=value" messages
  [
    /\b(token|access_token|password|passwd|pwd|pin|so_?pin|secret|passphrase|otp)=([^\s&"',;]+)/gi,
    `$1=${REDACTED}`,
  ],
  // "password": "…" inside JSON that travels as a string (a request body quoted in an error)
  [
    /"((?:current|new)?[Pp]assword|pin|PIN|token|secret|passphrase|dataBase64)"\s*:\s*"(?:[^"\\]|\\.)*"/g,
    `"$1":"${REDACTED}"`,
  ],
  // "mật khẩu: …", "PIN 123456", "password: hunter2" written in prose
  [
    /\b(mật khẩu|mat khau|password|passphrase|PIN|mã PIN)(\s*[:=]\s*|\s+)(?!\[)(\S+)/giu,
    (_m, k: string, sep: string) => `${k}${sep}${REDACTED}`,
  ],
  // Long base64 runs are file contents or keys, never useful to support.
  [/[A-Za-z0-9+/]{200,}={0,2}/g, (m) => `[dữ liệu ${m.length} ký tự đã ẩn]`],
];

/** Scrubs secrets out of free text. */
export function redactText(text: string): string {
  let out = text;
  for (const [re, to] of TEXT_RULES) out = out.replace(re, to as string);
  // The Windows user name is often a person's name; support does not need it.
  if (home.length > 1) out = out.split(home).join('~');
  return out;
}

/** A copy of `value` with secret fields blanked and every string scrubbed; cycles cut. */
export function redactValue(value: unknown, seen = new WeakSet<object>(), depth = 0): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value) || depth > 8) return '[…]';
  seen.add(value);
  if (value instanceof Error) return serializeError(value, seen, depth);
  if (Buffer.isBuffer(value) || ArrayBuffer.isView(value)) return `[${(value as Uint8Array).length} byte]`;
  if (Array.isArray(value)) return value.slice(0, 100).map((v) => redactValue(v, seen, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = isSecretKey(k) && v !== null && v !== undefined ? REDACTED : redactValue(v, seen, depth + 1);
  }
  return out;
}

function serializeError(e: Error, seen: WeakSet<object>, depth: number) {
  const extra: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(e)) extra[k] = v;
  return {
    type: e.name,
    message: redactText(e.message),
    ...(e.stack ? { stack: redactText(e.stack) } : {}),
    ...(redactValue(extra, seen, depth + 1) as object),
    ...(e.cause !== undefined ? { cause: redactValue(e.cause, seen, depth + 1) } : {}),
  };
}
