import { createHash, randomBytes, randomInt } from 'node:crypto';
import { DEVICE_TOKEN_PREFIX, OFFICER_TOKEN_PREFIX } from '../../shared/intake/routes.ts';

/**
 * Secrets the server hands out. Each is random (256 bits for tokens, 60 bits for the short-lived,
 * rate-limited enrolment code) and stored only as its SHA-256: enough for values nobody chose,
 * and a stolen database gives no usable token.
 */
export const sha256Hex = (s: string | Uint8Array) => createHash('sha256').update(s).digest('hex');

export const newDeviceToken = () => `${DEVICE_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
export const newOfficerToken = () => `${OFFICER_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;

// No 0/O, 1/I/L, U: read aloud or typed from paper without confusion.
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTVWXYZ23456789';

/** "K7PM-Q2XD-9HRT": what the administrator gives the department. */
export function newEnrolmentCode(): string {
  const chars = Array.from({ length: 12 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]!);
  return [0, 4, 8].map((i) => chars.slice(i, i + 4).join('')).join('-');
}

/** The code as stored and compared: capitals, no spaces or dashes. */
export const normalizeEnrolmentCode = (code: string) => code.toUpperCase().replace(/[\s-]/g, '');

export const ENROLMENT_CODE_DAYS = 7;
export const OFFICER_SESSION_HOURS = 8;

/** The token of an `Authorization: Bearer …` header, or null. */
export function bearerToken(header: string | undefined): string | null {
  if (!header) return null;
  const m = /^Bearer ([A-Za-z0-9_-]{10,200})$/.exec(header.trim());
  return m ? m[1]! : null;
}
