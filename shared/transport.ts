import type { ErrorCode } from './errors.ts';

/** HTTP details shared by the web host and the renderer's HTTP client. */
export const apiPath = (name: string) => `/api/${name}`;

export const httpStatusOf: Record<ErrorCode, number> = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  UNKNOWN_METHOD: 404,
  CONFLICT: 409,
  ALREADY_SET_UP: 409,
  SETUP_REQUIRED: 409,
  LOCKED: 429,
  STORAGE: 503,
  TIMEOUT: 504,
  // nginx's "client closed request": the caller gave up, nobody else reads it.
  CANCELLED: 499,
  INTERNAL: 500,
};

/** Same policy for the Electron window and the browser: no remote code, no inline script. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
