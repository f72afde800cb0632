import { randomBytes } from 'node:crypto';
import type { Catalog } from '../../../shared/domain/catalog/schema.ts';
import type { Organization } from '../../../shared/domain/organization/schemas.ts';
import { planContentSchema } from '../../../shared/domain/plans/planContent.ts';
import { reportContentSchema } from '../../../shared/domain/reports/reportContent.ts';
import { AppError } from '../../../shared/errors.ts';
import type { CallContext, Handler, Handlers } from '../context.ts';
import { catalogOf, requireDocument, requireEditable, requireRevision } from '../drafts/documentAccess.ts';
import type { DocumentsRepository, StoredDocument } from '../drafts/documentsRepository.ts';
import { reportContentOf } from '../drafts/reportUpgrade.ts';
import type { OrganizationRepository } from '../organization/organizationRepository.ts';
import { renderDocumentWorkbook, type WorkbookDocument } from './documentWorkbook.ts';
import { reportFileName } from './exportReport.ts';
import { buildReportTemplate } from './importTemplate.ts';
import { planReportImport, type ImportPlan } from './importReport.ts';
import { readWorkbook } from './readWorkbook.ts';
import { XLSX_MIME, toBase64 } from './sheetStyle.ts';

export interface SpreadsheetDeps {
  documents: DocumentsRepository;
  catalogs: Map<string, Catalog>;
  organization: OrganizationRepository;
  clock: () => Date;
  /**
   * The drafts save path ('reports.save'): an import is exactly a save, with the same revision
   * check, validation, version rule and audit entry, in the save's one transaction.
   */
  saveReport: Handler<'reports.save'>;
  /** An issued document's frozen .xlsx: exported as issued, not rendered again. */
  frozenWorkbook: (doc: StoredDocument) => { fileName: string; mime: string; dataBase64: string } | null;
}

type SpreadsheetHandlers = Pick<
  Handlers,
  'spreadsheets.export' | 'spreadsheets.previewImport' | 'spreadsheets.applyImport'
>;

/** An import's edit session: its own version in the history, never merged into an editor's. */
export const importSession = () => `import-${randomBytes(8).toString('hex')}`;

export function createSpreadsheetHandlers(deps: SpreadsheetDeps): SpreadsheetHandlers {
  const { documents } = deps;

  const orgOf = (): Organization => {
    const org = deps.organization.get();
    if (!org) throw new AppError('SETUP_REQUIRED', 'Ứng dụng chưa được thiết lập');
    return org;
  };

  /** The report as its editor sees it (upgraded to the catalog while it is a draft). */
  const reportOf = (doc: StoredDocument) => {
    const parsed = reportContentSchema.safeParse(reportContentOf(deps, doc));
    if (!parsed.success) throw new AppError('INTERNAL', 'Nội dung báo cáo đã lưu không đúng định dạng');
    return parsed.data;
  };

  const planOf = (doc: StoredDocument) => {
    const parsed = planContentSchema.safeParse(doc.content);
    if (!parsed.success) throw new AppError('INTERNAL', 'Nội dung kế hoạch đã lưu không đúng định dạng');
    return parsed.data;
  };

  async function renderStored(org: Organization, catalog: Catalog, doc: StoredDocument) {
    const workbook: WorkbookDocument =
      doc.meta.kind === 'plan'
        ? { kind: 'plan', content: planOf(doc) }
        : { kind: 'report', content: reportOf(doc) };
    const file = await renderDocumentWorkbook(org, catalog, workbook);
    return { fileName: file.fileName, mime: file.mime, dataBase64: file.bytes.toString('base64') };
  }

  /** Parses the upload against the report as it is stored now (read after the file, not before). */
  async function dryRun(input: { id: string; fileName: string; dataBase64: string }, ctx?: CallContext) {
    requireEditable(requireDocument(documents, input.id, 'report'));
    const bytes = Buffer.from(input.dataBase64, 'base64');
    await ctx?.progress?.(1, 2, 'Đang đọc tệp Excel');
    const workbook = await readWorkbook(input.fileName, bytes, undefined, ctx?.signal);
    await ctx?.progress?.(2, 2, 'Đang so sánh với báo cáo');
    const doc = requireDocument(documents, input.id, 'report');
    requireEditable(doc);
    const plan: ImportPlan = planReportImport(workbook, reportOf(doc), catalogOf(deps, doc));
    return { doc, plan };
  }

  return {
    'spreadsheets.export': async ({ id, what }, ctx) => {
      const doc = documents.get(id);
      if (!doc) throw new AppError('NOT_FOUND', `Không tìm thấy văn bản "${id}"`);
      const org = orgOf();
      const catalog = catalogOf(deps, doc);
      await ctx.progress?.(1, 2, 'Đang chuẩn bị số liệu');
      if (what === 'document') {
        const frozen = deps.frozenWorkbook(doc);
        if (frozen) return frozen;
        await ctx.progress?.(2, 2, 'Đang tạo tệp Excel');
        return await renderStored(org, catalog, doc);
      }
      if (doc.meta.kind === 'plan') {
        throw new AppError('VALIDATION', 'Mẫu nhập Excel chỉ có cho báo cáo, không có cho kế hoạch');
      }
      const content = reportOf(doc);
      const wb = await buildReportTemplate({ org, catalog, content });
      return {
        fileName: reportFileName(org, content.period, true),
        mime: XLSX_MIME,
        dataBase64: await toBase64(wb),
      };
    },

    'spreadsheets.previewImport': async (input, ctx) => {
      const { plan } = await dryRun(input, ctx);
      return {
        sheet: plan.sheet,
        rowsRead: plan.rowsRead,
        changes: plan.changes,
        problems: plan.problems,
        canApply: plan.changes.length > 0 && plan.problems.length === 0,
      };
    },

    'spreadsheets.applyImport': async (input, ctx: CallContext) => {
      // Stateless: the file is read and checked again, exactly as the preview did.
      const { doc, plan } = await dryRun(input);
      if (plan.problems.length > 0) {
        throw new AppError(
          'VALIDATION',
          `Tệp còn ${plan.problems.length} vấn đề nên chưa nhập gì; hãy sửa tệp theo bản xem trước rồi nhập lại`,
        );
      }
      if (plan.changes.length === 0) {
        throw new AppError('VALIDATION', 'Tệp không có thay đổi nào so với báo cáo; chưa nhập gì');
      }
      requireRevision(doc, input.baseRevision, deps.clock());
      const saved = await deps.saveReport(
        {
          id: input.id,
          baseRevision: input.baseRevision,
          editSession: importSession(),
          content: plan.content,
        },
        ctx,
      );
      return { applied: plan.changes.length, revision: saved.revision, savedAt: saved.savedAt };
    },
  };
}
