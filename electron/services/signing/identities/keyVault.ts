import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import { AppError } from '../../../../shared/errors.ts';

/**
 * Seals bytes so only this machine (Electron safeStorage: DPAPI on Windows, the keychain on macOS,
 * libsecret on Linux) or whoever knows a passphrase can open them. Injected: the desktop shell
 * gives safeStorage, everything else works without one.
 */
export interface SecretBox {
  seal(bytes: Buffer): Buffer;
  open(bytes: Buffer): Buffer;
}

const MAGIC = Buffer.from('BCK1');
// scrypt N=2^15, r=8: ~32 MiB and ~0.1 s per try, so guessing a passphrase offline is slow.
const SCRYPT = { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

/** AES-256-GCM under a key derived (scrypt) from `passphrase`; the salt travels in the output. */
export function passphraseBox(passphrase: string): SecretBox {
  const pass = Buffer.from(passphrase.normalize('NFC'), 'utf8');
  return {
    seal(bytes) {
      const salt = randomBytes(16);
      const iv = randomBytes(12);
      const key = scryptSync(pass, salt, 32, SCRYPT);
      const c = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([c.update(bytes), c.final()]);
      return Buffer.concat([MAGIC, salt, iv, c.getAuthTag(), body]);
    },
    open(sealed) {
      if (sealed.length < 48 || !sealed.subarray(0, 4).equals(MAGIC)) {
        throw new AppError('INTERNAL', 'Khóa ký lưu trong cơ sở dữ liệu bị hỏng.');
      }
      const salt = sealed.subarray(4, 20);
      const iv = sealed.subarray(20, 32);
      const tag = sealed.subarray(32, 48);
      const key = scryptSync(pass, salt, 32, SCRYPT);
      const d = createDecipheriv('aes-256-gcm', key, iv);
      d.setAuthTag(tag);
      try {
        return Buffer.concat([d.update(sealed.subarray(48)), d.final()]);
      } catch {
        throw new AppError('INVALID_CREDENTIALS', 'Mật khẩu bảo vệ khóa ký không đúng.');
      }
    },
  };
}

export type KeyProtection = 'passphrase' | 'passphrase+os';

/**
 * A private key as stored: always under the user's passphrase (asked at each signing, like a
 * token's PIN, so the key is never usable by whoever merely opens the app), and on the desktop
 * also under the OS's safeStorage, so a copied database alone is not enough either.
 */
export function sealKey(
  pkcs8: Buffer,
  passphrase: string,
  os?: SecretBox,
): { sealed: Buffer; protection: KeyProtection } {
  const inner = passphraseBox(passphrase).seal(pkcs8);
  return os
    ? { sealed: os.seal(inner), protection: 'passphrase+os' }
    : { sealed: inner, protection: 'passphrase' };
}

export function openKey(
  sealed: Buffer,
  protection: KeyProtection,
  passphrase: string,
  os?: SecretBox,
): Buffer {
  let inner = sealed;
  if (protection === 'passphrase+os') {
    if (!os) {
      throw new AppError(
        'VALIDATION',
        'Khóa ký này được bảo vệ bằng kho khóa của hệ điều hành trên máy đã nhập nó; hãy ký trên máy đó hoặc nhập lại tệp .p12.',
      );
    }
    try {
      inner = os.open(sealed);
    } catch {
      throw new AppError(
        'VALIDATION',
        'Kho khóa của hệ điều hành không mở được khóa ký (có thể đã đổi máy hoặc tài khoản Windows).',
      );
    }
  }
  return passphraseBox(passphrase).open(inner);
}
