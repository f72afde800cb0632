import { AppError } from '../../../shared/errors.ts';
import type { User } from '../../../shared/domain/organization/schemas.ts';
import { currentUser, type Handlers } from '../context.ts';
import { kindNoun, type DraftsDeps } from './documentAccess.ts';
import type { StoredDocument } from './documentsRepository.ts';

/**
 * Deleting a plan or report draft created by mistake. Only a draft that never took a step of the
 * approval chain (no row in document_transitions: never submitted, so never withdrawn, returned,
 * approved or issued) may go, and only by its author or a head: everything that ever reached a
 * head is part of the record and stays. The audit entry keeps who deleted which document of which
 * period; the rows themselves are gone, so no list shows the draft again.
 */
export function createDraftDeletionHandlers(deps: DraftsDeps) {
  const { db, documents, audit } = deps;
  const authorOf = db.prepare('SELECT created_by FROM documents WHERE id = ?');
  const steps = db.prepare('SELECT COUNT(*) AS n FROM document_transitions WHERE document_id = ?');
  const removeAttachments = db.prepare('DELETE FROM document_attachments WHERE document_id = ?');
  const removeVersions = db.prepare('DELETE FROM document_versions WHERE document_id = ?');
  const removeDocument = db.prepare('DELETE FROM documents WHERE id = ?');

  const find = (id: string): StoredDocument => {
    const doc = documents.get(id);
    if (!doc) throw new AppError('NOT_FOUND', `Mã văn bản: không tìm thấy văn bản "${id}"`);
    return doc;
  };

  /** Why `user` may not delete `doc`, or null when they may. */
  const refusal = (doc: StoredDocument, user: User): string | null => {
    const noun = kindNoun[doc.meta.kind].toLowerCase();
    const { n } = steps.get(doc.meta.id) as { n: number };
    if (doc.meta.status !== 'draft' || n > 0) {
      return `Không xóa được: ${noun} này đã từng được gửi duyệt, phải được giữ lại trong hồ sơ. Chỉ xóa được bản nháp chưa gửi duyệt lần nào.`;
    }
    const { created_by: author } = authorOf.get(doc.meta.id) as { created_by: string };
    if (author !== user.id && !user.roles.includes('lanh_dao')) {
      return `Không xóa được: chỉ người tạo ${noun} hoặc lãnh đạo mới được xóa bản nháp này.`;
    }
    return null;
  };

  const handlers: Pick<Handlers, 'drafts.deletion' | 'drafts.delete'> = {
    'drafts.deletion': ({ id }, ctx) => {
      const reason = refusal(find(id), currentUser(ctx));
      return { allowed: reason === null, reason };
    },

    'drafts.delete': ({ id }, ctx) => {
      const user = currentUser(ctx);
      return db
        .transaction(() => {
          const doc = find(id);
          const reason = refusal(doc, user);
          if (reason) throw new AppError('CONFLICT', reason);
          const period =
            doc.meta.kind === 'report'
              ? (doc.content as { period?: { title?: string; from?: string; to?: string } }).period
              : undefined;
          removeAttachments.run(id);
          removeVersions.run(id);
          removeDocument.run(id);
          // Who and when are the entry's own columns; the rest says what is gone.
          audit.append(user.id, 'drafts.delete', {
            id,
            kind: doc.meta.kind,
            title: doc.meta.title,
            periodKey: doc.periodKey,
            ...(period ? { period: { title: period.title, from: period.from, to: period.to } } : {}),
            revision: doc.meta.revision,
          });
          return { ok: true as const };
        })
        .immediate();
    },
  };
  return handlers;
}
