import { z } from 'zod';

/**
 * The one text rule of the contract: every string a call accepts is built with one of these
 * helpers, so nothing reaches the store, a .docx/.xlsx or a file name that breaks it:
 *   - NFC (macOS and some keyboards send decomposed letters: "e" + U+0301);
 *   - no lone surrogates (SQLite would store invalid UTF-8 that other readers cannot decode);
 *   - no noncharacters (U+FFFE, U+FFFF, U+FDD0–U+FDEF…: XML 1.0 forbids some, so Word, Excel and
 *     LibreOffice refuse the whole file);
 *   - no C0/C1 control characters, except tab and newline in multi-line text (NUL would be dropped
 *     from exports, so the file would differ from what is stored);
 *   - in names, titles and file names, no bidi overrides or invisible characters, which make
 *     "evil\u202Efdp.txt" look like "evil.pdf";
 *   - a length limit on every field.
 * Messages name the offending character by its code point and never repeat the input.
 * tests/unit/textRule.test.ts walks the contract and fails for any string input not built here.
 */

export type TextKind = 'line' | 'multiline' | 'name' | 'code' | 'secret';

/** Which rule a string schema carries; read through its checks, which survive .min()/.max(). */
const ruleChecks = new WeakMap<object, TextKind>();

function planeNoncharacters(): string {
  let s = '\\u{FDD0}-\\u{FDEF}';
  for (let plane = 0; plane <= 16; plane++) {
    const base = (plane * 0x10000).toString(16).toUpperCase();
    const hi = plane === 0 ? 'FFF' : `${base.slice(0, -4)}FFF`;
    s += `\\u{${hi}E}\\u{${hi}F}`;
  }
  return s;
}

const LONE_SURROGATE = /\p{Cs}/u;
const NONCHARACTER = new RegExp(`[${planeNoncharacters()}]`, 'u');
// eslint-disable-next-line no-control-regex
const CONTROL_MULTILINE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/u;
// eslint-disable-next-line no-control-regex
const CONTROL_LINE = /[\u0000-\u001F\u007F-\u009F]/u;
/** Bidi embeddings, overrides, isolates and marks; zero-width spaces, joiners and the BOM. */
const INVISIBLE = /[\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/u;

const codePoint = (s: string, re: RegExp) => {
  const m = re.exec(s);
  const cp = m ? m[0].codePointAt(0)! : 0;
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
};

/** The first thing wrong with `s` under `kind`, in Vietnamese, or null. */
export function textProblem(s: string, kind: TextKind): string | null {
  if (LONE_SURROGATE.test(s)) return 'có ký tự Unicode bị lỗi (nửa cặp surrogate); hãy gõ lại đoạn này';
  if (NONCHARACTER.test(s))
    return `có ký tự không dùng được trong văn bản (${codePoint(s, NONCHARACTER)}); hãy xóa ký tự này`;
  if (kind === 'multiline') {
    if (CONTROL_MULTILINE.test(s))
      return `có ký tự điều khiển không được phép (${codePoint(s, CONTROL_MULTILINE)})`;
    return null;
  }
  if (CONTROL_LINE.test(s)) {
    const cp = codePoint(s, CONTROL_LINE);
    return cp === 'U+000A' || cp === 'U+000D' || cp === 'U+0009'
      ? 'không được xuống dòng hay có dấu tab'
      : `có ký tự điều khiển không được phép (${cp})`;
  }
  if ((kind === 'name' || kind === 'code') && INVISIBLE.test(s))
    return `có ký tự ẩn hoặc ký tự đảo chiều văn bản (${codePoint(s, INVISIBLE)}) không được phép`;
  return null;
}

function ruleCheck(kind: TextKind) {
  const check = z.superRefine((s: string, ctx) => {
    const problem = textProblem(s, kind);
    if (problem) ctx.addIssue({ code: 'custom', message: problem, input: undefined });
  });
  ruleChecks.set(check, kind);
  return check;
}
const checks = {
  line: ruleCheck('line'),
  multiline: ruleCheck('multiline'),
  name: ruleCheck('name'),
  code: ruleCheck('code'),
  secret: ruleCheck('secret'),
};

const tooLong = (max: number) => `dài quá ${max.toLocaleString('vi-VN')} ký tự`;

function base(kind: TextKind, max: number, normalize = true) {
  // The limit comes first and aborts: a 1 MB value is refused before anything else looks at it.
  let s = z.string().max(max, { error: tooLong(max), abort: true });
  if (normalize) s = s.normalize('NFC');
  if (kind === 'multiline') s = s.overwrite((v) => v.replace(/\r\n?/g, '\n'));
  return s.check(checks[kind]);
}

export const text = {
  /** One line of ordinary text: an address, a note in a single-line field, a recipient. */
  line: (max: number) => base('line', max),
  /** Paragraphs: narrative sections, results. Tab and newline allowed (CR LF becomes LF). */
  multiline: (max: number) => base('multiline', max),
  /** Names, titles and file names: one line, no bidi overrides or invisible characters. */
  name: (max: number) => base('name', max),
  /** Identifiers and other short machine fields (ids, codes), with a length limit. */
  id: (max = 64) => base('code', max).min(1, 'không được để trống'),
  /** A value that must match `pattern` (dates, hashes, codes): the pattern says what is allowed. */
  pattern: (pattern: RegExp, message: string, max = 64) => base('code', max).regex(pattern, message),
  /** Passwords: compared after NFC by the hash (passwords.ts), so not rewritten here. */
  secret: (max: number) => base('secret', max, false),
  /** Base64 of a file's bytes; the size limit is checked again on the decoded bytes. */
  base64: (max: number) =>
    z
      .string()
      .max(max, { error: 'Tệp quá lớn', abort: true })
      .check(checks.code)
      .regex(/^[A-Za-z0-9+/\s]*={0,2}\s*$/, 'không phải dữ liệu base64 hợp lệ'),
};

/** The rule a string schema was built with, or null when it was built with plain z.string(). */
export function textKindOf(schema: z.ZodType): TextKind | null {
  const def = schema._zod.def as { checks?: object[] };
  for (const c of def.checks ?? []) {
    const kind = ruleChecks.get(c);
    if (kind) return kind;
  }
  return null;
}
