import { randomUUID } from 'node:crypto';
import { diffLetters } from '../../../shared/domain/letters/letterDiff.ts';
import { validateLetter, type LetterContent } from '../../../shared/domain/letters/letterContent.ts';
import { AppError } from '../../../shared/errors.ts';
import { diffPlans, diffReports } from '../../../shared/domain/documents/documentDiff.ts';
import type { PlanContent } from '../../../shared/domain/plans/planContent.ts';
import type { ReportContent } from '../../../shared/domain/reports/reportContent.ts';
import { validatePlan, validateReport } from '../../../shared/domain/reports/reportValidation.ts';
import { currentUser } from '../context.ts';
import { reportContentOf } from './reportUpgrade.ts';
import type { Handlers } from '../context.ts';
import { catalogOf, saveDocumentContent, type DraftsDeps } from './documentAccess.ts';

/** The versions of a plan or a report, and what changed between two of them. */
export function createVersionsHandlers(deps: DraftsDeps) {
  const { documents } = deps;

  const requireAny = (id: string) => {
    const doc = documents.get(id);
    if (!doc) throw new AppError('NOT_FOUND', `Mã văn bản: không tìm thấy văn bản "${id}"`);
    return doc;
  };

  const handlers: Pick<Handlers, 'documents.versions' | 'documents.diff' | 'documents.restoreVersion'> = {
    'documents.versions': ({ id }) => {
      requireAny(id);
      return documents.versions(id);
    },

    'documents.diff': ({ id, from, to }) => {
      const doc = requireAny(id);
      const versionOf = (no: number, field: string) => {
        const content = documents.versionContent(id, no);
        if (content === null) {
          throw new AppError('NOT_FOUND', `${field}: văn bản không có phiên bản số ${no}`);
        }
        return content;
      };
      const before = versionOf(from, 'Từ phiên bản');
      const after = to === null ? doc.content : versionOf(to, 'Đến phiên bản');
      if (doc.meta.kind === 'letter') return diffLetters(before as LetterContent, after as LetterContent);
      const catalog = catalogOf(deps, doc);
      return doc.meta.kind === 'report'
        ? diffReports(before as ReportContent, after as ReportContent, catalog)
        : diffPlans(before as PlanContent, after as PlanContent, catalog);
    },

    'documents.restoreVersion': ({ id, versionNo }, ctx) => {
      const doc = requireAny(id);
      const old = documents.versionContent(id, versionNo);
      if (old === null)
        throw new AppError('NOT_FOUND', `Phiên bản: văn bản không có phiên bản số ${versionNo}`);
      // A report in the shape the catalog now wants, as every read for editing gives it.
      const content = doc.meta.kind === 'report' ? reportContentOf(deps, { ...doc, content: old }) : old;
      // Its own editing session, so the restore is a new version and no editor's autosave joins it.
      const editSession = `restore-${randomUUID().replaceAll('-', '').slice(0, 24)}`;
      const common = {
        id,
        baseRevision: doc.meta.revision,
        editSession,
        userId: currentUser(ctx).id,
        check: () => {},
      };
      const saved =
        doc.meta.kind === 'letter'
          ? saveDocumentContent<LetterContent>(deps, {
              ...common,
              kind: 'letter',
              content: content as LetterContent,
              validate: (c) => validateLetter(c),
            })
          : doc.meta.kind === 'report'
            ? saveDocumentContent<ReportContent>(deps, {
                ...common,
                kind: 'report',
                content: content as ReportContent,
                validate: validateReport,
              })
            : saveDocumentContent<PlanContent>(deps, {
                ...common,
                kind: 'plan',
                content: content as PlanContent,
                validate: validatePlan,
              });
      deps.audit.append(common.userId, 'documents.restoreVersion', {
        id,
        versionNo,
        revision: saved.revision,
      });
      const latest = documents.versions(id).reduce((m, v) => Math.max(m, v.versionNo), 0);
      return { ...saved, versionNo: latest };
    },
  };
  return handlers;
}
