/**
 * Errors that cross the renderer/main boundary. Only `code` and the Vietnamese `message`
 * travel; stacks stay in the main process log.
 */
export const errorCodes = [
  'VALIDATION',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'SETUP_REQUIRED',
  'ALREADY_SET_UP',
  'INVALID_CREDENTIALS',
  'LOCKED',
  'UNKNOWN_METHOD',
  /** The data folder or database cannot be used (damaged, read-only, full, locked). */
  'STORAGE',
  /** The call ran out of its time limit (shared/api/method.ts). */
  'TIMEOUT',
  /** The person pressed "Hủy". */
  'CANCELLED',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export interface ErrorPayload {
  code: ErrorCode;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AppError';
  }

  toPayload(): ErrorPayload {
    return { code: this.code, message: this.message };
  }
}

export type CallResult<T> = { ok: true; value: T } | { ok: false; error: ErrorPayload };
