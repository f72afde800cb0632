import { m0001OrganizationAndUsers } from './0001_organizationAndUsers.ts';
import { m0002AuditLog } from './0002_auditLog.ts';
import { m0003Documents } from './0003_documents.ts';
import { m0004Workflow } from './0004_workflow.ts';
import { m0005Sessions } from './0005_sessions.ts';
import { m0006Signing } from './0006_signing.ts';
import { m0007Outbox } from './0007_outbox.ts';
import { m0008Letters } from './0008_letters.ts';
import { m0009AuditLogIndexes } from './0009_auditLogIndexes.ts';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Applied in order, each in its own transaction; never edit one that has shipped, add the next. */
export const migrations: readonly Migration[] = [
  m0001OrganizationAndUsers,
  m0002AuditLog,
  m0003Documents,
  m0004Workflow,
  m0005Sessions,
  m0006Signing,
  m0007Outbox,
  m0008Letters,
  m0009AuditLogIndexes,
];
