import type { AuditListEntry } from '../../../shared/api/audit.ts';
import { auditActionLabel, auditActionsOf, auditSummary } from '../../../shared/domain/audit/auditLabels.ts';
import { addDays } from '../../../shared/domain/calendarDate.ts';
import type { Handlers } from '../context.ts';
import type { Db } from '../store/openDatabase.ts';

export const AUDIT_PAGE_DEFAULT = 50;

/** The first instant of a civil day in Vietnam (UTC+7), as audit_log.at writes it. */
function vietnamDayStart(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00.000+07:00`)).toISOString();
}

interface Row {
  seq: number;
  at: string;
  action: string;
  detail_json: string;
  full_name: string | null;
  username: string | null;
  document_title: string | null;
  subject_username: string | null;
}

/**
 * "Nhật ký hoạt động": one query over audit_log with the filters, newest first, joined to the
 * person who acted, to the document the entry names (its title now, while it exists) and, for
 * users.* entries, to the account it is about. Only SELECTs: the chain is never touched.
 * `at` is always Date#toISOString (UTC, fixed width), so text comparison orders instants.
 */
export function createAuditListHandlers(db: Db): Pick<Handlers, 'audit.list'> {
  const page = db.prepare(`
    SELECT a.seq, a.at, a.action, a.detail_json,
           u.full_name, u.username,
           d.title AS document_title,
           s.username AS subject_username
      FROM audit_log a
      LEFT JOIN users u ON u.id = a.user_id
      LEFT JOIN documents d
        ON d.id = COALESCE(json_extract(a.detail_json, '$.documentId'), json_extract(a.detail_json, '$.id'))
      LEFT JOIN users s
        ON a.action LIKE 'users.%' AND s.id = json_extract(a.detail_json, '$.id')
     WHERE (@before IS NULL OR a.seq < @before)
       AND (@userId IS NULL OR a.user_id = @userId)
       AND (@since IS NULL OR a.at >= @since)
       AND (@until IS NULL OR a.at < @until)
       AND (@actions IS NULL OR a.action IN (SELECT value FROM json_each(@actions)))
     ORDER BY a.seq DESC
     LIMIT @limit`);

  return {
    'audit.list': (input) => {
      const limit = input.limit ?? AUDIT_PAGE_DEFAULT;
      // One more than the page: whether a next page exists without a second query.
      const rows = page.all({
        before: input.before ?? null,
        userId: input.userId ?? null,
        since: input.from ? vietnamDayStart(input.from) : null,
        until: input.to ? vietnamDayStart(addDays(input.to, 1)) : null,
        actions: input.group ? JSON.stringify(auditActionsOf(input.group)) : null,
        limit: limit + 1,
      }) as Row[];
      const shown = rows.slice(0, limit);
      const entries: AuditListEntry[] = shown.map((r) => {
        let detail: unknown = null;
        try {
          detail = JSON.parse(r.detail_json);
        } catch {
          // The CHECK constraint keeps it JSON; an entry edited outside the app shows no summary.
        }
        return {
          seq: r.seq,
          at: r.at,
          userFullName: r.full_name,
          username: r.username,
          action: r.action,
          label: auditActionLabel(r.action),
          summary: auditSummary(r.action, detail, {
            documentTitle: r.document_title,
            subjectUsername: r.subject_username,
          }),
        };
      });
      return {
        entries,
        nextCursor: rows.length > limit ? shown[shown.length - 1]!.seq : null,
      };
    },
  };
}
