import { randomUUID } from 'node:crypto';
import { dondocLetterContent, isChased } from '../../../shared/domain/letters/dondocLetter.ts';
import {
  letterSummaryLine,
  validateLetter,
  type LetterContent,
} from '../../../shared/domain/letters/letterContent.ts';
import { AppError } from '../../../shared/errors.ts';
import type { Handler, Handlers } from '../context.ts';
import { currentUser } from '../context.ts';
import {
  department,
  requireDocument,
  saveDocumentContent,
  type DraftsDeps,
} from '../drafts/documentAccess.ts';
import type { StoredDocument } from '../drafts/documentsRepository.ts';

/**
 * Công văn (issue 12): the công văn đôn đốc drafted from "Tình hình gửi báo cáo", opened and saved
 * by its editor. Submitting, approving, signing and issuing are the workflow's, as for any document;
 * the register numbers it in the sổ văn bản đi with the others, without a type code.
 */

export interface LettersDeps extends DraftsDeps {
  /** "Tình hình gửi báo cáo" as the officer filtered it (sokhcn/sokhcnHandlers.ts). */
  overview: Handler<'sokhcn.overview'>;
}

type Names = 'letters.createDondoc' | 'letters.get' | 'letters.save' | 'letters.list';

const titleOf = (c: LetterContent) => letterSummaryLine(c).slice(0, 300);

const letterDocument = (doc: StoredDocument) => ({ meta: doc.meta, content: doc.content as LetterContent });

export function createLettersHandlers(deps: LettersDeps): Pick<Handlers, Names> {
  const { db, documents, audit } = deps;
  return {
    'letters.createDondoc': async (i, ctx) => {
      const user = currentUser(ctx);
      // The overview refuses a BaoCao that is not Sở KH&CN's and an officer not signed in.
      const overview = await deps.overview(i, ctx);
      const { org, catalog } = department(deps);
      const chased = overview.rows.filter(isChased);
      if (chased.length === 0) {
        throw new AppError(
          'VALIDATION',
          `${overview.duty.title}: trong danh sách đang lọc không có cơ quan, đơn vị nào chưa gửi, gửi muộn hoặc bị trả lại; không có ai để đôn đốc`,
        );
      }
      const content = dondocLetterContent({
        catalog,
        duty: overview.duty,
        rows: chased,
        senderName: org.name,
        archiveUnit: org.letterhead.archiveUnit,
        today: overview.today,
      });
      return db
        .transaction(() => {
          const doc = documents.insert({
            kind: 'letter',
            catalogId: catalog.id,
            // Any number of công văn per duty: each its own key.
            periodKey: `dondoc-${i.periodKey}-${randomUUID()}`,
            title: titleOf(content),
            content,
            userId: user.id,
          });
          audit.append(user.id, 'letters.create', {
            id: doc.meta.id,
            periodKey: i.periodKey,
            addressees: content.addressees.length,
          });
          return { id: doc.meta.id, addressees: content.addressees.length };
        })
        .immediate();
    },

    'letters.get': ({ id }) => letterDocument(requireDocument(documents, id, 'letter')),

    'letters.save': ({ id, baseRevision, editSession, content }, ctx) =>
      saveDocumentContent<LetterContent>(deps, {
        kind: 'letter',
        id,
        baseRevision,
        editSession,
        content,
        userId: currentUser(ctx).id,
        check: (next, stored) => {
          if (JSON.stringify(next.subject) !== JSON.stringify(stored.subject)) {
            throw new AppError('VALIDATION', 'Công văn: không được đổi kỳ báo cáo mà công văn đôn đốc');
          }
          // Inside the save's transaction: the title (the register's trích yếu) moves with the text.
          documents.setTitle(id, titleOf(next));
        },
        validate: (c) => validateLetter(c),
      }),

    'letters.list': () => {
      const { catalog } = department(deps);
      return documents
        .list('letter', catalog.id)
        .sort((a, b) => b.meta.createdAt.localeCompare(a.meta.createdAt))
        .map((doc) => {
          const c = doc.content as LetterContent;
          return {
            meta: doc.meta,
            summary: letterSummaryLine(c),
            addressees: c.addressees.length,
            periodKey: c.subject?.periodKey ?? null,
          };
        });
    },
  };
}
