/**
 * Messages between BaoCao and the process that loads the token's PKCS#11 driver (host.ts). The
 * driver is a vendor DLL that may hang or crash; it runs in its own process so neither can freeze
 * or take down the app (the parent kills it after a time limit).
 */

export interface TokenInfo {
  slot: string;
  label: string;
  serialNumber: string;
  manufacturer: string;
  model: string;
  /** CKF_* token flags, e.g. for the PIN counters. */
  flags: number;
}

export interface TokenCertificate {
  /** CKA_ID in hex: what matches the certificate to its private key. */
  id: string;
  label: string;
  /** DER, base64. */
  der: string;
}

export type HostRequest =
  | { op: 'listTokens'; library: string }
  | { op: 'listCertificates'; library: string; tokenSerial: string }
  | {
      op: 'sign';
      library: string;
      tokenSerial: string;
      certificateId: string;
      /** Used for C_Login and forgotten; never logged, never written anywhere. */
      pin: string;
      /** Base64 of the bytes to sign (CMS signed attributes). */
      data: string;
    };

export type HostErrorCode =
  | 'LIBRARY_NOT_FOUND'
  | 'LIBRARY_LOAD'
  | 'NO_TOKEN'
  | 'NO_CERTIFICATE'
  | 'NO_KEY'
  | 'PIN_INCORRECT'
  | 'PIN_LOCKED'
  | 'PIN_INVALID'
  | 'UNSUPPORTED_KEY'
  | 'DEVICE';

export interface HostError {
  code: HostErrorCode;
  /** The token's flags after the failure (PIN counters), when it could be read. */
  flags?: number;
  /** The CKR_* name or similar; never anything the user typed. */
  detail?: string;
}

export type HostResponse =
  { id: number; ok: true; value: unknown } | { id: number; ok: false; error: HostError };
