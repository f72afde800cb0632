import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/errors.ts';
import { writeFileAtomically } from '../files/atomicFiles.ts';
import type { SecretBox } from '../signing/identities/keyVault.ts';
import type { Db } from '../store/openDatabase.ts';
import type { Enrolment } from './intakeClient.ts';

/**
 * The one Sở KH&CN server this department sends to, and the device's token for it. The token is
 * the device's only credential, so it is kept sealed: by the OS's key store on the desktop
 * (safeStorage), otherwise by a key file of this machine that backups leave out (a top-level file
 * of the data folder is machine-local, see backup/dataFolder.ts). A backup restored on another PC
 * therefore cannot send in this PC's name: that PC enrols itself.
 */

export const MACHINE_KEY_FILE = 'machine-key';

export interface Connection {
  serverUrl: string;
  deviceId: string;
  organization: Enrolment['organization'];
  receiptCertificate: string;
  receiptCertificateSha256: string;
  protection: 'os' | 'machine-key';
  enrolledAt: string;
  enrolledBy: string;
}

const MAGIC = Buffer.from('BCT1');

/** AES-256-GCM under 32 random bytes kept in <dataDir>/machine-key (in memory for a memory store). */
function machineKeyBox(dataDir: string | undefined): SecretBox {
  let key: Buffer | null = dataDir ? null : randomBytes(32);
  const load = () => {
    if (key) return key;
    const file = path.join(dataDir!, MACHINE_KEY_FILE);
    if (!fs.existsSync(file)) writeFileAtomically(file, randomBytes(32), 0o600);
    key = fs.readFileSync(file);
    if (key.length !== 32) throw new AppError('INTERNAL', `Tệp khóa của máy ${file} bị hỏng`);
    return key;
  };
  return {
    seal(bytes) {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', load(), iv);
      const body = Buffer.concat([c.update(bytes), c.final()]);
      return Buffer.concat([MAGIC, iv, c.getAuthTag(), body]);
    },
    open(sealed) {
      if (!sealed.subarray(0, 4).equals(MAGIC)) throw new Error('not sealed by the machine key');
      const d = createDecipheriv('aes-256-gcm', load(), sealed.subarray(4, 16));
      d.setAuthTag(sealed.subarray(16, 32));
      return Buffer.concat([d.update(sealed.subarray(32)), d.final()]);
    },
  };
}

export function createConnectionStore(
  db: Db,
  clock: () => Date,
  options: { dataDir?: string; secretBox?: SecretBox },
) {
  const machine = machineKeyBox(options.dataDir);
  const boxOf = (p: Connection['protection']) => (p === 'os' ? options.secretBox! : machine);

  const row = () =>
    db.prepare('SELECT * FROM intake_connection WHERE id = 1').get() as Record<string, unknown> | undefined;

  return {
    get(): Connection | null {
      const r = row();
      if (!r) return null;
      return {
        serverUrl: r.server_url as string,
        deviceId: r.device_id as string,
        organization: JSON.parse(r.organization_json as string) as Connection['organization'],
        receiptCertificate: r.receipt_certificate as string,
        receiptCertificateSha256: r.receipt_certificate_sha256 as string,
        protection: r.token_protection as Connection['protection'],
        enrolledAt: r.enrolled_at as string,
        enrolledBy: r.enrolled_by as string,
      };
    },
    /** The device's token, or null with why when this machine cannot open it. */
    token(): { token: string } | { token: null; reason: string } {
      const r = row();
      if (!r) return { token: null, reason: 'Máy này chưa đăng ký với máy chủ Sở KH&CN' };
      const protection = r.token_protection as Connection['protection'];
      if (protection === 'os' && !options.secretBox) {
        return { token: null, reason: 'Kho khóa của hệ điều hành không mở được; hãy đăng ký lại máy này' };
      }
      try {
        return {
          token: boxOf(protection)
            .open(r.token_sealed as Buffer)
            .toString('utf8'),
        };
      } catch {
        return {
          token: null,
          reason:
            'Mã thiết bị lưu trên máy này không mở được (dữ liệu được khôi phục từ máy khác?); hãy đăng ký lại máy này với Sở KH&CN',
        };
      }
    },
    /** Replaces any earlier enrolment: one server, one device identity. */
    save(e: Enrolment, userId: string) {
      const protection: Connection['protection'] = options.secretBox ? 'os' : 'machine-key';
      const sealed = boxOf(protection).seal(Buffer.from(e.token, 'utf8'));
      db.prepare(
        `INSERT INTO intake_connection (id, server_url, device_id, organization_json, token_sealed, token_protection,
           receipt_certificate, receipt_certificate_sha256, enrolled_at, enrolled_by)
         VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET server_url = excluded.server_url, device_id = excluded.device_id,
           organization_json = excluded.organization_json, token_sealed = excluded.token_sealed,
           token_protection = excluded.token_protection, receipt_certificate = excluded.receipt_certificate,
           receipt_certificate_sha256 = excluded.receipt_certificate_sha256, enrolled_at = excluded.enrolled_at,
           enrolled_by = excluded.enrolled_by`,
      ).run(
        e.serverUrl,
        e.deviceId,
        JSON.stringify(e.organization),
        sealed,
        protection,
        e.receiptCertificate,
        e.receiptCertificateSha256,
        clock().toISOString(),
        userId,
      );
    },
  };
}
export type ConnectionStore = ReturnType<typeof createConnectionStore>;
