import fs from 'node:fs';
import path from 'node:path';
import { auditAnchorSchema, type AuditAnchor, type AuditCheck } from '../../../shared/api/audit.ts';
import type { Handlers } from '../context.ts';
import { writeFileAtomically } from '../files/atomicFiles.ts';
import type { Db } from '../store/openDatabase.ts';
import { auditAnchor, verifyAuditChain } from './auditLog.ts';

export const ANCHOR_FILE = 'audit-anchor.json';

/**
 * The audit chain is checked at start and whenever the administrator asks ("Kiểm tra toàn vẹn"),
 * against the anchor kept in audit-anchor.json beside the database (written after each good check
 * and at shutdown) and, on demand, against an anchor from a backup or a package. The last result is
 * kept for the warning the administrator sees on every page while the chain is broken. A broken
 * chain never overwrites the stored anchor: it is the evidence.
 */
export function createAuditIntegrity(deps: {
  db: Db;
  dataDir?: string;
  clock: () => Date;
  log?: Pick<Console, 'error'>;
}) {
  const { db, clock } = deps;
  const log = deps.log ?? console;
  const file = deps.dataDir ? path.join(deps.dataDir, ANCHOR_FILE) : null;

  const stored = (): AuditAnchor | undefined => {
    if (!file || !fs.existsSync(file)) return undefined;
    try {
      return auditAnchorSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
    } catch {
      log.error(`[baocao] ${ANCHOR_FILE} is unreadable; the chain is checked on its own`);
      return undefined;
    }
  };
  const keep = (anchor: AuditAnchor) => {
    if (file) writeFileAtomically(file, Buffer.from(`${JSON.stringify(anchor)}\n`));
  };

  let last: AuditCheck;
  const check = (given?: AuditAnchor): AuditCheck => {
    let result = verifyAuditChain(db, stored(), clock());
    if (result.ok && given) result = verifyAuditChain(db, given, clock());
    if (result.ok) keep(result.anchor);
    else log.error('[baocao] audit chain broken', result.broken);
    last = result;
    return result;
  };
  last = check();

  const handlers: Pick<Handlers, 'audit.status' | 'audit.verify'> = {
    'audit.status': () => last,
    'audit.verify': ({ anchor }) => check(anchor),
  };
  return {
    handlers,
    status: () => last,
    /** At shutdown: the head as it is now, unless the chain was found broken. */
    close() {
      if (last.ok) keep(auditAnchor(db));
    },
  };
}
