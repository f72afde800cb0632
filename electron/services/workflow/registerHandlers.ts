import { letterRecipients } from '../documents/layout/letterLayout.ts';
import ExcelJS from 'exceljs';
import { vietnamToday } from '../../../shared/domain/calendarDate.ts';
import { formatPaddedDate } from '../../../shared/domain/vietnameseDate.ts';
import { DEFAULT_REGISTER, registerYear } from '../../../shared/domain/workflow/register.ts';
import { AppError } from '../../../shared/errors.ts';
import type { Handlers } from '../context.ts';
import { currentUser } from '../context.ts';
import { fileName } from '../../../shared/domain/documents/fileNames.ts';
import { XLSX_MIME, toBase64 } from '../spreadsheets/sheetStyle.ts';
import { ORGANIZATION } from '../signing/index.ts';
import { proposeNumber, type IssueDeps } from './issueService.ts';
import type { RegisterEntry } from './workflowRepository.ts';

type RegisterHandlers = Pick<
  Handlers,
  'register.list' | 'register.propose' | 'register.cancel' | 'register.export' | 'documents.issuedFile'
>;

/** The file a register row links to: the signed PDF once there is one, else the .docx. */
function mainFile(workflow: IssueDeps['workflow'], e: RegisterEntry) {
  const files = e.issueId ? (workflow.issue(e.issueId)?.files ?? []) : [];
  const f = files.find((x) => x.role === 'pdf') ?? files.find((x) => x.role === 'docx');
  return f ? { sha256: f.sha256, name: f.name } : null;
}

const view = (e: RegisterEntry, file: { sha256: string; name: string } | null) => ({
  id: e.id,
  seq: e.seq,
  number: e.number,
  typeCode: e.typeCode,
  issuedOn: e.issuedOn,
  summary: e.summary,
  signerName: e.signerName,
  documentId: e.documentId,
  issueId: e.issueId,
  createdByName: e.createdByName,
  cancelledAt: e.cancelledAt,
  cancelledByName: e.cancelledByName,
  cancelReason: e.cancelReason,
  file,
});

/** The sổ văn bản đi as a sheet a văn thư can print: every number, cancelled ones marked. */
function registerWorkbook(orgName: string, year: number, entries: RegisterEntry[]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(`Sổ văn bản đi ${year}`, {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.addRow([`SỔ VĂN BẢN ĐI NĂM ${year}`]).font = { bold: true, size: 14 };
  ws.addRow([orgName]);
  ws.addRow([]);
  const header = ws.addRow([
    'Số',
    'Số, ký hiệu',
    'Ngày ban hành',
    'Trích yếu',
    'Người ký',
    'Người cấp số',
    'Ghi chú',
  ]);
  header.font = { bold: true };
  ws.pageSetup.printTitlesRow = `${header.number}:${header.number}`;
  for (const e of entries) {
    ws.addRow([
      e.seq,
      e.number,
      formatPaddedDate(e.issuedOn),
      e.summary,
      e.signerName,
      e.createdByName,
      e.cancelledAt ? `Đã hủy: ${e.cancelReason}` : '',
    ]);
  }
  ws.columns = [
    { width: 6 },
    { width: 18 },
    { width: 14 },
    { width: 60 },
    { width: 24 },
    { width: 24 },
    { width: 40 },
  ];
  for (const col of [4, 7]) ws.getColumn(col).alignment = { wrapText: true, vertical: 'top' };
  return wb;
}

/** The register and the frozen files: read by everyone, changed only by the văn thư. */
export function createRegisterHandlers(deps: IssueDeps): RegisterHandlers {
  const { workflow, documents } = deps;
  const thisYear = () => registerYear(vietnamToday(deps.clock()));

  return {
    'register.list': ({ year }) => {
      const y = year ?? thisYear();
      const years = [...new Set([thisYear(), ...workflow.registerYears(DEFAULT_REGISTER)])].sort(
        (a, b) => b - a,
      );
      return {
        year: y,
        years,
        entries: workflow.registerEntries(DEFAULT_REGISTER, y).map((e) => view(e, mainFile(workflow, e))),
      };
    },

    'register.propose': ({ documentId, issuedOn }) => {
      const doc = documents.get(documentId);
      if (!doc) throw new AppError('NOT_FOUND', `Mã văn bản: không tìm thấy văn bản "${documentId}"`);
      const { number, earliestDate } = proposeNumber(deps, doc, issuedOn);
      const org = deps.organization.get()!;
      const previous = workflow.issuesOf(documentId).at(-1);
      return {
        number,
        earliestDate,
        recipients:
          previous?.recipients ??
          (doc.meta.kind === 'letter'
            ? letterRecipients((doc.content as { recipients: string[] }).recipients)
            : org.letterhead.recipients),
        organizationIdentity: deps.signing.identity(ORGANIZATION),
      };
    },

    'register.cancel': ({ id, reason }, ctx) => {
      const user = currentUser(ctx);
      if (!reason) throw new AppError('VALIDATION', 'Lý do hủy số: phải ghi rõ lý do');
      return deps.db
        .transaction(() => {
          const entry = workflow.registerEntry(id);
          if (!entry) throw new AppError('NOT_FOUND', 'Không tìm thấy số này trong sổ văn bản đi');
          if (entry.cancelledAt) throw new AppError('CONFLICT', `Số ${entry.number} đã bị hủy trước đó`);
          workflow.cancelRegisterEntry(id, user.id, reason);
          deps.audit.append(user.id, 'register.cancel', {
            id,
            number: entry.number,
            documentId: entry.documentId,
            reason,
          });
          const cancelled = workflow.registerEntry(id)!;
          return view(cancelled, mainFile(workflow, cancelled));
        })
        .immediate();
    },

    'register.export': async ({ year }) => {
      const org = deps.organization.get()!;
      const wb = registerWorkbook(org.name, year, workflow.registerEntries(DEFAULT_REGISTER, year));
      return {
        fileName: fileName(['SO-VAN-BAN-DI', String(year), org.abbreviation], 'xlsx'),
        mime: XLSX_MIME,
        dataBase64: await toBase64(wb),
      };
    },

    'documents.issuedFile': ({ issueId, sha256 }, ctx) => {
      const user = currentUser(ctx);
      const issue = workflow.issue(issueId);
      if (!issue) throw new AppError('NOT_FOUND', 'Không tìm thấy văn bản đã ban hành này');
      const file = issue.files.find((f) => f.sha256 === sha256);
      if (!file) throw new AppError('NOT_FOUND', `Văn bản ${issue.number} không có tệp loại này`);
      const bytes = deps.issuedFiles.read(file.sha256);
      if (!bytes) {
        throw new AppError(
          'INTERNAL',
          `Tệp ${file.name} của văn bản ${issue.number} bị thiếu hoặc đã bị thay đổi trên đĩa; hãy khôi phục từ bản sao lưu`,
        );
      }
      deps.db
        .transaction(() =>
          deps.audit.append(user.id, 'documents.issuedFile', {
            issueId,
            number: issue.number,
            role: file.role,
            sha256,
          }),
        )
        .immediate();
      return { fileName: file.name, mime: file.mime, dataBase64: bytes.toString('base64') };
    },
  };
}
