import Database from 'better-sqlite3';
import { createAuditLog } from '../audit/auditLog.ts';
import { schemaVersion, type Db } from '../store/openDatabase.ts';

export interface DatabaseFacts {
  schemaVersion: number;
  organizationName: string | null;
  rowCounts: Record<string, number>;
  /** SHA-256 of every attachment the database lists (their files must travel with it). */
  attachmentHashes: string[];
}

/** Opens a copy (never the live file) with the desktop's native binding when there is one. */
export function openCopy(file: string, nativeBinding?: string): Db {
  return new Database(file, { fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
}

const hasTable = (db: Db, name: string) =>
  Boolean(db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name));

export function readFacts(db: Db): DatabaseFacts {
  const tables = (
    db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
      )
      .all() as { name: string }[]
  ).map((t) => t.name);
  const rowCounts = Object.fromEntries(
    tables.map((t) => [t, (db.prepare(`SELECT COUNT(*) AS n FROM "${t}"`).get() as { n: number }).n]),
  );
  let organizationName: string | null = null;
  if (hasTable(db, 'organization')) {
    const row = db.prepare('SELECT profile_json FROM organization WHERE id = 1').get() as
      { profile_json: string } | undefined;
    if (row) organizationName = (JSON.parse(row.profile_json) as { name?: string }).name ?? null;
  }
  const attachmentHashes = hasTable(db, 'attachments')
    ? (db.prepare('SELECT sha256 FROM attachments ORDER BY sha256').all() as { sha256: string }[]).map(
        (r) => r.sha256,
      )
    : [];
  return {
    schemaVersion: hasTable(db, 'schema_version') ? schemaVersion(db) : 0,
    organizationName,
    rowCounts,
    attachmentHashes,
  };
}

/** Problems that make a database copy unfit to restore, in Vietnamese; [] when it is sound. */
export function checkDatabase(db: Db, newestSchema: number): string[] {
  const problems: string[] = [];
  let integrity: string[];
  try {
    integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
  } catch (e) {
    return [`Cơ sở dữ liệu trong bản sao lưu không đọc được (${(e as Error).message}).`];
  }
  if (integrity.length !== 1 || integrity[0] !== 'ok') {
    problems.push(
      `Cơ sở dữ liệu trong bản sao lưu bị hỏng (kiểm tra toàn vẹn: ${integrity.slice(0, 3).join('; ')}).`,
    );
    return problems;
  }
  if (!hasTable(db, 'schema_version')) {
    problems.push('Tệp trong bản sao lưu không phải cơ sở dữ liệu BaoCao.');
    return problems;
  }
  const version = schemaVersion(db);
  if (version > newestSchema) {
    problems.push(
      `Bản sao lưu được tạo bởi phiên bản BaoCao mới hơn (lược đồ ${version}, phiên bản này hiểu đến ${newestSchema}). Hãy cập nhật BaoCao rồi khôi phục lại.`,
    );
  }
  if (hasTable(db, 'audit_log')) {
    // Verification with an anchor is being added elsewhere; the chain itself is checked here.
    const broken = createAuditLog(db, () => new Date()).firstBrokenLink();
    if (broken !== null) {
      problems.push(`Nhật ký kiểm tra trong bản sao lưu đã bị sửa hoặc hỏng (từ dòng số ${broken}).`);
    }
  }
  return problems;
}
