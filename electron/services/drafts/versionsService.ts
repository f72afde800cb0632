import { AppError } from '../../../shared/errors.ts';
import { diffPlans, diffReports } from '../../../shared/domain/documents/documentDiff.ts';
import type { PlanContent } from '../../../shared/domain/plans/planContent.ts';
import type { ReportContent } from '../../../shared/domain/reports/reportContent.ts';
import type { Handlers } from '../context.ts';
import { catalogOf, type DraftsDeps } from './documentAccess.ts';

/** The versions of a plan or a report, and what changed between two of them. */
export function createVersionsHandlers(deps: DraftsDeps) {
  const { documents } = deps;

  const requireAny = (id: string) => {
    const doc = documents.get(id);
    if (!doc) throw new AppError('NOT_FOUND', `Mã văn bản: không tìm thấy văn bản "${id}"`);
    return doc;
  };

  const handlers: Pick<Handlers, 'documents.versions' | 'documents.diff'> = {
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
      const catalog = catalogOf(deps, doc);
      return doc.meta.kind === 'report'
        ? diffReports(before as ReportContent, after as ReportContent, catalog)
        : diffPlans(before as PlanContent, after as PlanContent, catalog);
    },
  };
  return handlers;
}
