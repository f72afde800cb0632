import { checkAttachment } from '../../electron/services/drafts/attachmentTypes.ts';
import { isOoxmlPackage } from '../../electron/services/drafts/fileStructure.ts';
import { checkSpreadsheetName } from '../../electron/services/spreadsheets/readWorkbook.ts';
import { canonicalJson, type ManifestFile } from '../../shared/domain/packages/manifest.ts';
import { AppError } from '../../shared/errors.ts';
import { IntakeError } from '../../shared/intake/errors.ts';

/**
 * Each file is what its role and name say, by its first bytes (and, for the workbook, by the same
 * hostile-file checks a clerk's import gets), not by the type the sender declared.
 */

const MIME = {
  document: 'application/json',
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;
const EXTENSION = { document: '.json', pdf: '.pdf', docx: '.docx', xlsx: '.xlsx' } as const;

const startsWith = (b: Uint8Array, s: string) =>
  Buffer.from(b.subarray(0, s.length)).toString('latin1') === s;

const refuse = (message: string): never => {
  throw new IntakeError('VALIDATION', message);
};

export function checkFileType(file: ManifestFile, bytes: Buffer): void {
  const label = `Tệp "${file.name}"`;
  if (file.role === 'attachment') {
    try {
      const { mime } = checkAttachment(file.name, bytes);
      if (mime !== file.mime) refuse(`${label}: kê khai ghi kiểu ${file.mime} nhưng nội dung là ${mime}`);
    } catch (e) {
      if (e instanceof AppError) refuse(e.message);
      throw e;
    }
    return;
  }
  if (!file.name.toLowerCase().endsWith(EXTENSION[file.role])) {
    refuse(`${label}: tệp vai trò "${file.role}" phải có đuôi ${EXTENSION[file.role]}`);
  }
  if (file.mime !== MIME[file.role]) refuse(`${label}: kiểu tệp phải là ${MIME[file.role]}`);
  switch (file.role) {
    case 'pdf':
      if (!startsWith(bytes, '%PDF-')) refuse(`${label}: nội dung không phải PDF`);
      return;
    case 'docx':
      if (!startsWith(bytes, 'PK\u0003\u0004')) refuse(`${label}: nội dung không phải tệp Word (.docx)`);
      return;
    case 'xlsx':
      try {
        checkSpreadsheetName(file.name, bytes);
      } catch (e) {
        if (e instanceof AppError) refuse(`${label}: ${e.message}`);
        throw e;
      }
      // The same strict zip reader as a clerk's import: one reading only, a workbook inside.
      if (
        !isOoxmlPackage(bytes, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml')
      ) {
        refuse(`${label}: không phải tệp Excel (.xlsx) hợp lệ`);
      }
      return;
    case 'document': {
      let value: unknown;
      try {
        value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
      } catch {
        return refuse(`${label}: nội dung không phải JSON UTF-8 hợp lệ`);
      }
      if (!Buffer.from(canonicalJson(value)).equals(bytes)) {
        refuse(`${label}: tài liệu JSON phải ở dạng chuẩn RFC 8785`);
      }
      return;
    }
  }
}
