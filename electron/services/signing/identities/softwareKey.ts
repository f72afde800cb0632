import { createPrivateKey, sign, type KeyObject } from 'node:crypto';
import { AppError } from '../../../../shared/errors.ts';
import type { Identity } from '../identity.ts';

/**
 * An identity whose private key is in this process (a .p12 or the trial identity), decrypted
 * just for the signing call that opened it. `close` drops the key object.
 */
export function softwareIdentity(
  kind: 'pkcs12' | 'trial',
  pkcs8Der: Buffer,
  certificate: Buffer,
  chain: Buffer[],
): Identity {
  let key: KeyObject | null = createPrivateKey({ key: pkcs8Der, format: 'der', type: 'pkcs8' });
  return {
    kind,
    certificate,
    chain,
    async signRaw(tbs) {
      if (!key) throw new AppError('VALIDATION', 'Phiên ký đã đóng, hãy mở lại khóa ký');
      // RSA: PKCS#1 v1.5 (Node's default padding); EC: DER Ecdsa-Sig-Value (Node's default encoding).
      return sign('sha256', tbs, key);
    },
    async close() {
      key = null;
    },
  };
}
