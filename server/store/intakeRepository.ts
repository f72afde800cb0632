import { randomUUID } from 'node:crypto';
import type { PackageManifest } from '../../shared/domain/packages/manifest.ts';
import type { PackageStatus, PackageStatusValue } from '../../shared/intake/schemas.ts';
import type { SqlDriver, SqlExecutor } from './sqlDriver.ts';

/**
 * THE store of the intake server: every query it runs, in portable SQL over a `SqlDriver`.
 * Nothing else in server/ writes SQL. Longer than our usual file on purpose: one place to read
 * (and to port to PostgreSQL) for every statement the server runs.
 */

export interface Organization {
  code: string;
  name: string;
  agencyType: string;
  active: boolean;
  pinnedCertSha256: string | null;
  pinnedCertSubject: string | null;
  pinnedAt: string | null;
  acceptedCertSha256: string | null;
}

export interface Device {
  id: string;
  orgCode: string;
  name: string;
  createdAt: string;
  lastSeenAt: string | null;
  revokedAt: string | null;
}

export interface TrustedRoot {
  sha256: string;
  subject: string;
  pem: string;
  addedAt: string;
}

export interface StoredFile {
  name: string;
  role: string;
  mime: string;
  size: number;
  sha256: string;
}

export interface NewPackage {
  packageId: string;
  packageSha256: string;
  orgCode: string;
  deviceId: string;
  manifest: PackageManifest;
  storageDir: string;
  signer: { sha256: string; subject: string; pem: string };
  verification: string[];
  receiptId: string;
  receiptJws: string;
  receivedAt: string;
  files: StoredFile[];
  /** Pin the signer's certificate in the same transaction (first upload, or one the admin accepted). */
  pin: 'first_upload' | 'accepted' | null;
}

export interface StoredPackage {
  status: PackageStatus;
  orgCode: string;
  deviceId: string;
  manifestJson: string;
  storageDir: string;
  signerSha256: string;
  signerSubject: string;
  verification: string[];
  receiptJws: string;
}

export interface Decision {
  decision: 'accepted' | 'returned';
  reason: string | null;
  officer: string;
  decidedAt: string;
}

export interface Officer {
  username: string;
  fullName: string;
  passwordHash: string;
  active: boolean;
}

interface OrgRow {
  code: string;
  name: string;
  agency_type: string;
  active: number;
  pinned_cert_sha256: string | null;
  pinned_cert_subject: string | null;
  pinned_at: string | null;
  accepted_cert_sha256: string | null;
}

interface PackageRow {
  package_id: string;
  package_sha256: string;
  org_code: string;
  device_id: string;
  kind: 'plan' | 'report' | 'cong_van';
  catalog_id: string;
  period_key: string;
  period_json: string | null;
  title: string;
  number: string;
  issued_on: string;
  issue_no: number;
  replaces_package_id: string | null;
  replaces_reason: string | null;
  manifest_json: string;
  storage_dir: string;
  signer_cert_sha256: string;
  signer_subject: string;
  verification_json: string;
  receipt_id: string;
  receipt_jws: string;
  received_at: string;
  status: PackageStatusValue;
  status_reason: string | null;
  status_at: string | null;
  replaced_by: string | null;
}

const orgOf = (r: OrgRow): Organization => ({
  code: r.code,
  name: r.name,
  agencyType: r.agency_type,
  active: r.active === 1,
  pinnedCertSha256: r.pinned_cert_sha256,
  pinnedCertSubject: r.pinned_cert_subject,
  pinnedAt: r.pinned_at,
  acceptedCertSha256: r.accepted_cert_sha256,
});

// The later packages naming a package as replaced, joined into one column. string_agg would be
// PostgreSQL's spelling of group_concat, so the ids are read by a second query instead.
const PACKAGE_COLUMNS = `p.package_id, p.package_sha256, p.org_code, p.device_id, p.kind, p.catalog_id,
  p.period_key, p.period_json, p.title, p.number, p.issued_on, p.issue_no, p.replaces_package_id,
  p.replaces_reason, p.manifest_json, p.storage_dir, p.signer_cert_sha256, p.signer_subject,
  p.verification_json, p.receipt_id, p.receipt_jws, p.received_at, p.status, p.status_reason, p.status_at`;

function storedOf(r: PackageRow, replacedBy: string[]): StoredPackage {
  return {
    status: {
      packageId: r.package_id,
      packageSha256: r.package_sha256,
      organizationCode: r.org_code,
      receiptId: r.receipt_id,
      receivedAt: r.received_at,
      document: {
        kind: r.kind,
        catalogId: r.catalog_id,
        periodKey: r.period_key,
        period: r.period_json ? JSON.parse(r.period_json) : null,
        title: r.title,
        number: r.number,
        issuedOn: r.issued_on,
        issueNo: r.issue_no,
      },
      replaces: r.replaces_package_id
        ? { packageId: r.replaces_package_id, reason: r.replaces_reason ?? '' }
        : null,
      replacedBy,
      status: r.status,
      statusReason: r.status_reason,
      statusAt: r.status_at,
    },
    orgCode: r.org_code,
    deviceId: r.device_id,
    manifestJson: r.manifest_json,
    storageDir: r.storage_dir,
    signerSha256: r.signer_cert_sha256,
    signerSubject: r.signer_subject,
    verification: JSON.parse(r.verification_json) as string[],
    receiptJws: r.receipt_jws,
  };
}

export type IntakeRepository = ReturnType<typeof createIntakeRepository>;

export function createIntakeRepository(sql: SqlDriver) {
  async function withReplacements(ex: SqlExecutor, rows: PackageRow[]): Promise<StoredPackage[]> {
    if (rows.length === 0) return [];
    const byReplaced = new Map<string, string[]>();
    // One query for the whole list; chunks keep the parameter count under every database's limit.
    for (let i = 0; i < rows.length; i += 500) {
      const ids = rows.slice(i, i + 500).map((r) => r.package_id);
      const found = await ex.all<{ package_id: string; replaces_package_id: string }>(
        `SELECT package_id, replaces_package_id FROM packages
         WHERE replaces_package_id IN (${ids.map(() => '?').join(', ')})
         ORDER BY received_at, package_id`,
        ids,
      );
      for (const f of found) {
        const list = byReplaced.get(f.replaces_package_id) ?? [];
        list.push(f.package_id);
        byReplaced.set(f.replaces_package_id, list);
      }
    }
    return rows.map((r) => storedOf(r, byReplaced.get(r.package_id) ?? []));
  }

  return {
    close: () => sql.close(),

    // ---- Organisations ----
    async getOrganization(code: string): Promise<Organization | null> {
      const r = await sql.get<OrgRow>('SELECT * FROM organizations WHERE code = ?', [code]);
      return r ? orgOf(r) : null;
    },
    async listOrganizations(): Promise<(Organization & { devices: number; packages: number })[]> {
      const rows = await sql.all<OrgRow & { devices: number; packages: number }>(
        `SELECT o.*,
           (SELECT COUNT(*) FROM devices d WHERE d.org_code = o.code AND d.revoked_at IS NULL) AS devices,
           (SELECT COUNT(*) FROM packages p WHERE p.org_code = o.code) AS packages
         FROM organizations o ORDER BY o.code`,
      );
      return rows.map((r) => ({ ...orgOf(r), devices: Number(r.devices), packages: Number(r.packages) }));
    },
    /** Adds the organisation, or updates its name and type: 'added' | 'updated' | 'unchanged'. */
    async saveOrganization(
      org: { code: string; name: string; agencyType: string },
      now: string,
    ): Promise<'added' | 'updated' | 'unchanged'> {
      return sql.transaction(async (tx) => {
        const existing = await tx.get<OrgRow>('SELECT * FROM organizations WHERE code = ?', [org.code]);
        if (!existing) {
          await tx.run(
            `INSERT INTO organizations (code, name, agency_type, active, created_at, updated_at)
             VALUES (?, ?, ?, 1, ?, ?)`,
            [org.code, org.name, org.agencyType, now, now],
          );
          return 'added';
        }
        if (existing.name === org.name && existing.agency_type === org.agencyType) return 'unchanged';
        await tx.run('UPDATE organizations SET name = ?, agency_type = ?, updated_at = ? WHERE code = ?', [
          org.name,
          org.agencyType,
          now,
          org.code,
        ]);
        return 'updated';
      });
    },
    async acceptCertificate(code: string, sha256: string, now: string): Promise<boolean> {
      const n = await sql.run(
        'UPDATE organizations SET accepted_cert_sha256 = ?, updated_at = ? WHERE code = ?',
        [sha256, now, code],
      );
      return n === 1;
    },

    // ---- Enrolment and devices ----
    async addEnrolmentCode(orgCode: string, codeHash: string, now: string, expiresAt: string) {
      await sql.run(
        'INSERT INTO enrolment_codes (code_hash, org_code, created_at, expires_at) VALUES (?, ?, ?, ?)',
        [codeHash, orgCode, now, expiresAt],
      );
    },
    /** Uses the code once and creates the device, or returns null (unknown, used or expired). */
    async enrolDevice(
      codeHash: string,
      device: { id: string; name: string; tokenHash: string },
      now: string,
    ): Promise<Organization | null> {
      return sql.transaction(async (tx) => {
        const code = await tx.get<{ org_code: string }>(
          `SELECT org_code FROM enrolment_codes
           WHERE code_hash = ? AND used_at IS NULL AND expires_at > ?`,
          [codeHash, now],
        );
        if (!code) return null;
        const org = await tx.get<OrgRow>('SELECT * FROM organizations WHERE code = ? AND active = 1', [
          code.org_code,
        ]);
        if (!org) return null;
        await tx.run(
          'INSERT INTO devices (id, org_code, name, token_hash, created_at) VALUES (?, ?, ?, ?, ?)',
          [device.id, org.code, device.name, device.tokenHash, now],
        );
        await tx.run('UPDATE enrolment_codes SET used_at = ?, device_id = ? WHERE code_hash = ?', [
          now,
          device.id,
          codeHash,
        ]);
        return orgOf(org);
      });
    },
    /** The device holding this token, with its organisation; null when unknown or revoked. */
    async deviceByTokenHash(tokenHash: string): Promise<{ device: Device; org: Organization } | null> {
      const r = await sql.get<
        OrgRow & {
          device_id: string;
          device_name: string;
          device_created: string;
          last_seen_at: string | null;
        }
      >(
        `SELECT o.*, d.id AS device_id, d.name AS device_name, d.created_at AS device_created, d.last_seen_at
         FROM devices d JOIN organizations o ON o.code = d.org_code
         WHERE d.token_hash = ? AND d.revoked_at IS NULL AND o.active = 1`,
        [tokenHash],
      );
      if (!r) return null;
      return {
        device: {
          id: r.device_id,
          orgCode: r.code,
          name: r.device_name,
          createdAt: r.device_created,
          lastSeenAt: r.last_seen_at,
          revokedAt: null,
        },
        org: orgOf(r),
      };
    },
    async listDevices(orgCode?: string): Promise<Device[]> {
      const rows = await sql.all<{
        id: string;
        org_code: string;
        name: string;
        created_at: string;
        last_seen_at: string | null;
        revoked_at: string | null;
      }>(
        `SELECT id, org_code, name, created_at, last_seen_at, revoked_at FROM devices
         ${orgCode ? 'WHERE org_code = ?' : ''} ORDER BY org_code, created_at`,
        orgCode ? [orgCode] : [],
      );
      return rows.map((r) => ({
        id: r.id,
        orgCode: r.org_code,
        name: r.name,
        createdAt: r.created_at,
        lastSeenAt: r.last_seen_at,
        revokedAt: r.revoked_at,
      }));
    },
    async revokeDevice(id: string, now: string): Promise<number> {
      return sql.run('UPDATE devices SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL', [now, id]);
    },
    async revokeOrganizationDevices(orgCode: string, now: string): Promise<number> {
      return sql.run('UPDATE devices SET revoked_at = ? WHERE org_code = ? AND revoked_at IS NULL', [
        now,
        orgCode,
      ]);
    },

    // ---- Trust ----
    async addTrustedRoot(root: TrustedRoot): Promise<boolean> {
      return sql.transaction(async (tx) => {
        if (await tx.get('SELECT sha256 FROM trusted_roots WHERE sha256 = ?', [root.sha256])) return false;
        await tx.run('INSERT INTO trusted_roots (sha256, subject, pem, added_at) VALUES (?, ?, ?, ?)', [
          root.sha256,
          root.subject,
          root.pem,
          root.addedAt,
        ]);
        return true;
      });
    },
    async listTrustedRoots(): Promise<TrustedRoot[]> {
      const rows = await sql.all<{ sha256: string; subject: string; pem: string; added_at: string }>(
        'SELECT sha256, subject, pem, added_at FROM trusted_roots ORDER BY added_at, sha256',
      );
      return rows.map((r) => ({ sha256: r.sha256, subject: r.subject, pem: r.pem, addedAt: r.added_at }));
    },
    async pinnedCertificatePem(orgCode: string): Promise<string | null> {
      const r = await sql.get<{ pem: string }>(
        `SELECT c.pem FROM certificate_pins c JOIN organizations o ON o.code = c.org_code
         WHERE c.org_code = ? AND c.sha256 = o.pinned_cert_sha256
         ORDER BY c.pinned_at DESC LIMIT 1`,
        [orgCode],
      );
      return r?.pem ?? null;
    },

    // ---- Packages ----
    async getPackage(packageId: string): Promise<StoredPackage | null> {
      const r = await sql.get<PackageRow>(
        `SELECT ${PACKAGE_COLUMNS} FROM packages p WHERE p.package_id = ?`,
        [packageId],
      );
      return r ? (await withReplacements(sql, [r]))[0]! : null;
    },
    async listPackages(filter: {
      orgCode?: string;
      periodKey?: string;
      kind?: string;
    }): Promise<StoredPackage[]> {
      const where: string[] = [];
      const params: string[] = [];
      for (const [column, value] of [
        ['p.org_code', filter.orgCode],
        ['p.period_key', filter.periodKey],
        ['p.kind', filter.kind],
      ] as const) {
        if (value !== undefined) {
          where.push(`${column} = ?`);
          params.push(value);
        }
      }
      const rows = await sql.all<PackageRow>(
        `SELECT ${PACKAGE_COLUMNS} FROM packages p ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY p.received_at, p.package_id`,
        params,
      );
      return withReplacements(sql, rows);
    },
    async packageFiles(packageId: string): Promise<StoredFile[]> {
      return sql.all<StoredFile>(
        'SELECT name, role, mime, size, sha256 FROM package_files WHERE package_id = ? ORDER BY position',
        [packageId],
      );
    },
    async allStorageDirs(): Promise<Set<string>> {
      const rows = await sql.all<{ storage_dir: string }>('SELECT storage_dir FROM packages');
      return new Set(rows.map((r) => r.storage_dir));
    },
    async countPackages(): Promise<number> {
      const r = await sql.get<{ n: number }>('SELECT COUNT(*) AS n FROM packages');
      return Number(r?.n ?? 0);
    },
    /**
     * The row, its files, the device's last-seen time and the certificate pin, in one transaction.
     * False when a package with this id already exists (another upload of it won a race).
     */
    async insertPackage(p: NewPackage): Promise<boolean> {
      const m = p.manifest;
      return sql.transaction(async (tx) => {
        if (await tx.get('SELECT package_id FROM packages WHERE package_id = ?', [p.packageId])) return false;
        await tx.run(
          `INSERT INTO packages (package_id, package_sha256, org_code, device_id, kind, catalog_id,
             period_key, period_json, title, number, issued_on, issue_no, replaces_package_id,
             replaces_reason, manifest_json, storage_dir, signer_cert_sha256, signer_subject,
             verification_json, receipt_id, receipt_jws, received_at, status)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'received')`,
          [
            p.packageId,
            p.packageSha256,
            p.orgCode,
            p.deviceId,
            m.document.kind,
            m.document.catalogId,
            m.document.periodKey,
            m.document.period ? JSON.stringify(m.document.period) : null,
            m.document.title,
            m.document.number,
            m.document.issuedOn,
            m.document.issueNo,
            m.replaces?.packageId ?? null,
            m.replaces?.reason ?? null,
            JSON.stringify(m),
            p.storageDir,
            p.signer.sha256,
            p.signer.subject,
            JSON.stringify(p.verification),
            p.receiptId,
            p.receiptJws,
            p.receivedAt,
          ],
        );
        let position = 0;
        for (const f of p.files) {
          await tx.run(
            `INSERT INTO package_files (package_id, name, role, mime, size, sha256, position)
             VALUES (?, ?, ?, ?, ?, ?, ?)`,
            [p.packageId, f.name, f.role, f.mime, f.size, f.sha256, position++],
          );
        }
        await tx.run('UPDATE devices SET last_seen_at = ? WHERE id = ?', [p.receivedAt, p.deviceId]);
        if (p.pin) {
          await tx.run(
            `INSERT INTO certificate_pins (id, org_code, sha256, subject, pem, source, pinned_at)
             VALUES (?, ?, ?, ?, ?, ?, ?)`,
            [randomUUID(), p.orgCode, p.signer.sha256, p.signer.subject, p.signer.pem, p.pin, p.receivedAt],
          );
          await tx.run(
            `UPDATE organizations SET pinned_cert_sha256 = ?, pinned_cert_subject = ?, pinned_at = ?,
               accepted_cert_sha256 = NULL, updated_at = ? WHERE code = ?`,
            [p.signer.sha256, p.signer.subject, p.receivedAt, p.receivedAt, p.orgCode],
          );
        }
        return true;
      });
    },
    async decide(packageId: string, d: Decision): Promise<boolean> {
      return sql.transaction(async (tx) => {
        const n = await tx.run(
          'UPDATE packages SET status = ?, status_reason = ?, status_at = ? WHERE package_id = ?',
          [d.decision, d.reason, d.decidedAt, packageId],
        );
        if (n !== 1) return false;
        await tx.run(
          `INSERT INTO package_decisions (id, package_id, decision, reason, officer, decided_at)
           VALUES (?, ?, ?, ?, ?, ?)`,
          [randomUUID(), packageId, d.decision, d.reason, d.officer, d.decidedAt],
        );
        return true;
      });
    },
    async decisions(packageId: string): Promise<Decision[]> {
      return sql.all<Decision>(
        `SELECT decision, reason, officer, decided_at AS "decidedAt" FROM package_decisions
         WHERE package_id = ? ORDER BY decided_at, id`,
        [packageId],
      );
    },

    // ---- Officers ----
    async addOfficer(o: { username: string; fullName: string; passwordHash: string }, now: string) {
      return sql.transaction(async (tx) => {
        if (await tx.get('SELECT username FROM officers WHERE username = ?', [o.username])) {
          await tx.run(
            'UPDATE officers SET full_name = ?, password_hash = ?, active = 1 WHERE username = ?',
            [o.fullName, o.passwordHash, o.username],
          );
          await tx.run('DELETE FROM officer_sessions WHERE username = ?', [o.username]);
          return 'updated' as const;
        }
        await tx.run(
          'INSERT INTO officers (username, full_name, password_hash, active, created_at) VALUES (?, ?, ?, 1, ?)',
          [o.username, o.fullName, o.passwordHash, now],
        );
        return 'added' as const;
      });
    },
    async getOfficer(username: string): Promise<Officer | null> {
      const r = await sql.get<{ username: string; full_name: string; password_hash: string; active: number }>(
        'SELECT username, full_name, password_hash, active FROM officers WHERE username = ?',
        [username],
      );
      return r
        ? {
            username: r.username,
            fullName: r.full_name,
            passwordHash: r.password_hash,
            active: r.active === 1,
          }
        : null;
    },
    async addOfficerSession(tokenHash: string, username: string, now: string, expiresAt: string) {
      await sql.transaction(async (tx) => {
        await tx.run('DELETE FROM officer_sessions WHERE expires_at <= ?', [now]);
        await tx.run(
          'INSERT INTO officer_sessions (token_hash, username, created_at, expires_at) VALUES (?, ?, ?, ?)',
          [tokenHash, username, now, expiresAt],
        );
      });
    },
    async officerBySession(tokenHash: string, now: string): Promise<Officer | null> {
      const r = await sql.get<{ username: string; full_name: string; password_hash: string; active: number }>(
        `SELECT o.username, o.full_name, o.password_hash, o.active FROM officer_sessions s
         JOIN officers o ON o.username = s.username
         WHERE s.token_hash = ? AND s.expires_at > ? AND o.active = 1`,
        [tokenHash, now],
      );
      return r
        ? { username: r.username, fullName: r.full_name, passwordHash: r.password_hash, active: true }
        : null;
    },
    async removeOfficerSession(tokenHash: string) {
      await sql.run('DELETE FROM officer_sessions WHERE token_hash = ?', [tokenHash]);
    },
  };
}
