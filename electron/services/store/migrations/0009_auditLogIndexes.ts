import type { Migration } from './index.ts';

/**
 * "Nhật ký hoạt động" filters by person, by action and by day and pages newest first by seq. The
 * log only grows (every login is an entry), so these lookups get indexes rather than a scan.
 * Indexes change no row and no hash: the chain reads the same.
 */
export const m0009AuditLogIndexes: Migration = {
  version: 9,
  name: 'audit log indexes for the administrator view',
  sql: `
    CREATE INDEX audit_log_by_user ON audit_log (user_id, seq);
    CREATE INDEX audit_log_by_action ON audit_log (action, seq);
    CREATE INDEX audit_log_by_time ON audit_log (at);
  `,
};
