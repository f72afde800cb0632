/**
 * Errors of the intake server's HTTP API. Every refusal travels in one envelope,
 * `{ ok: false, error: { code, message } }`, with a Vietnamese message a clerk can act on; the code
 * tells a program (the desktop outbox) what kind of refusal it is and so whether retrying can help.
 */
export const intakeErrorCodes = [
  'VALIDATION',
  'UNAUTHENTICATED',
  'INVALID_CREDENTIALS',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'CERTIFICATE_CHANGED',
  'SIGNATURE_INVALID',
  'UNKNOWN_ORGANIZATION',
  'NOT_APPLICABLE',
  'PAYLOAD_TOO_LARGE',
  'RATE_LIMITED',
  'INTERNAL',
  'UNAVAILABLE',
] as const;
export type IntakeErrorCode = (typeof intakeErrorCodes)[number];

export const intakeHttpStatus: Record<IntakeErrorCode, number> = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  CERTIFICATE_CHANGED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  SIGNATURE_INVALID: 422,
  UNKNOWN_ORGANIZATION: 422,
  NOT_APPLICABLE: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
};

export class IntakeError extends Error {
  constructor(
    readonly code: IntakeErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'IntakeError';
  }
}
