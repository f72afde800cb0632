import { AppError } from '../../../shared/errors.ts';
import type { Attachment } from '../../../shared/domain/reports/reportContent.ts';
import type { Handlers } from '../context.ts';
import { currentUser } from '../context.ts';
import type { Db } from '../store/openDatabase.ts';
import { sha256Hex, type BlobStore } from './attachmentStore.ts';
import { checkAttachment, cleanFileName, decodeBase64 } from './attachmentTypes.ts';
import { requireDocument, requireEditable, type DraftsDeps } from './documentAccess.ts';

const collator = new Intl.Collator('vi');

interface AttachmentRow {
  sha256: string;
  name: string;
  size: number;
  mime: string;
  added_at: string;
}
const toAttachment = (r: AttachmentRow): Attachment => ({
  sha256: r.sha256,
  name: r.name,
  size: r.size,
  mime: r.mime,
  addedAt: r.added_at,
});

const SELECT = `SELECT a.sha256, l.name, a.size, a.mime, l.added_at
  FROM document_attachments l JOIN attachments a ON a.sha256 = l.sha256`;

/** Which report lists which stored file, under what name. */
export function createAttachmentsRepository(db: Db, clock: () => Date) {
  const one = db.prepare(`${SELECT} WHERE l.document_id = ? AND l.sha256 = ?`);
  const refs = db.prepare('SELECT COUNT(*) AS n FROM document_attachments WHERE sha256 = ?');
  return {
    /** Sorted by name in Vietnamese order, as the clerk looks for them. */
    list(documentId: string): Attachment[] {
      const rows = db.prepare(`${SELECT} WHERE l.document_id = ?`).all(documentId) as AttachmentRow[];
      return rows
        .map(toAttachment)
        .sort((a, b) => collator.compare(a.name, b.name) || a.sha256.localeCompare(b.sha256));
    },
    get(documentId: string, sha256: string): Attachment | null {
      const r = one.get(documentId, sha256) as AttachmentRow | undefined;
      return r ? toAttachment(r) : null;
    },
    isStored(sha256: string): boolean {
      return Boolean(db.prepare('SELECT 1 FROM attachments WHERE sha256 = ?').get(sha256));
    },
    link(documentId: string, sha256: string, name: string, size: number, mime: string, userId: string) {
      const now = clock().toISOString();
      db.prepare(
        'INSERT INTO attachments (sha256, size, mime, created_at) VALUES (?, ?, ?, ?) ON CONFLICT(sha256) DO NOTHING',
      ).run(sha256, size, mime, now);
      db.prepare(
        'INSERT INTO document_attachments (document_id, sha256, name, added_at, added_by) VALUES (?, ?, ?, ?, ?)',
      ).run(documentId, sha256, name, now, userId);
      return this.get(documentId, sha256)!;
    },
    rename(documentId: string, sha256: string, name: string) {
      db.prepare('UPDATE document_attachments SET name = ? WHERE document_id = ? AND sha256 = ?').run(
        name,
        documentId,
        sha256,
      );
      return this.get(documentId, sha256)!;
    },
    /** Every stored file's SHA-256, for the clean-up at start. */
    storedHashes(): Set<string> {
      return new Set(
        (db.prepare('SELECT sha256 FROM attachments').all() as { sha256: string }[]).map((r) => r.sha256),
      );
    },
    /** Removes the link; true when no document lists the file any more (its row is gone too). */
    unlink(documentId: string, sha256: string): boolean {
      db.prepare('DELETE FROM document_attachments WHERE document_id = ? AND sha256 = ?').run(
        documentId,
        sha256,
      );
      if ((refs.get(sha256) as { n: number }).n > 0) return false;
      db.prepare('DELETE FROM attachments WHERE sha256 = ?').run(sha256);
      return true;
    },
  };
}
export type AttachmentsRepository = ReturnType<typeof createAttachmentsRepository>;

/** Evidence files of a report: checked, stored once per content, listed per report. */
export function createAttachmentsHandlers(
  deps: DraftsDeps & { attachments: AttachmentsRepository; blobs: BlobStore },
) {
  const { db, documents, audit, attachments, blobs } = deps;

  const notAttached = () => new AppError('NOT_FOUND', 'Tệp đính kèm: không có trong báo cáo này');

  const handlers: Pick<Handlers, 'attachments.add' | 'attachments.remove' | 'attachments.get'> = {
    'attachments.add': ({ documentId, name: rawName, dataBase64 }, ctx) => {
      const user = currentUser(ctx);
      const name = cleanFileName(rawName);
      requireEditable(requireDocument(documents, documentId, 'report'));
      const bytes = decodeBase64(name, dataBase64);
      const { mime } = checkAttachment(name, bytes);
      const sha256 = sha256Hex(bytes);
      const already = attachments.get(documentId, sha256);
      if (already) {
        // The same content again under another name: the clerk means the new name.
        if (already.name === name) return already;
        return db
          .transaction(() => {
            requireEditable(requireDocument(documents, documentId, 'report'));
            const renamed = attachments.rename(documentId, sha256, name);
            audit.append(user.id, 'attachments.rename', { documentId, sha256, from: already.name, name });
            return renamed;
          })
          .immediate();
      }

      // The file is durable before the row that lists it commits; if the row fails, a file this
      // call wrote and nothing else references is taken away again. Everything here is synchronous,
      // so no other call of this process runs between the write and the transaction.
      const wrote = blobs.put(sha256, bytes);
      try {
        return db
          .transaction(() => {
            requireEditable(requireDocument(documents, documentId, 'report'));
            const att = attachments.link(documentId, sha256, name, bytes.length, mime, user.id);
            audit.append(user.id, 'attachments.add', { documentId, sha256, name, size: bytes.length });
            return att;
          })
          .immediate();
      } catch (e) {
        if (wrote && !attachments.isStored(sha256)) blobs.remove(sha256);
        throw e;
      }
    },

    'attachments.remove': ({ documentId, sha256 }, ctx) => {
      const user = currentUser(ctx);
      const unreferenced = db
        .transaction(() => {
          requireEditable(requireDocument(documents, documentId, 'report'));
          const att = attachments.get(documentId, sha256);
          if (!att) throw notAttached();
          const gone = attachments.unlink(documentId, sha256);
          audit.append(user.id, 'attachments.remove', { documentId, sha256, name: att.name, size: att.size });
          return gone;
        })
        .immediate();
      // After the commit: a crash here leaves an unlisted file behind, never a listed file missing.
      if (unreferenced) blobs.remove(sha256);
      return { ok: true as const };
    },

    'attachments.get': ({ documentId, sha256 }) => {
      requireDocument(documents, documentId, 'report');
      const att = attachments.get(documentId, sha256);
      if (!att) throw notAttached();
      const bytes = blobs.read(sha256);
      if (!bytes) {
        throw new AppError(
          'NOT_FOUND',
          `Tệp đính kèm "${att.name}": không đọc được trong thư mục dữ liệu (tệp bị xóa hoặc hỏng)`,
        );
      }
      return { ...att, dataBase64: bytes.toString('base64') };
    },
  };
  return handlers;
}
