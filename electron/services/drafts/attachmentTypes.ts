import { AppError } from '../../../shared/errors.ts';
import { isCompoundFile, isJpeg, isOoxmlPackage, isPdf, isPng } from './fileStructure.ts';

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

function isUtf8Text(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

interface FileType {
  mime: string;
  /** What the clerk knows the file as, for the refusal message. */
  label: string;
  matches(bytes: Uint8Array): boolean;
}

/** An OOXML package whose [Content_Types].xml names a main part of `main` (…main+xml). */
const ooxml = (mime: string, label: string, main: string): FileType => ({
  mime,
  label,
  matches: (b) => isOoxmlPackage(b, main),
});

/** The allow-list: the extension says what the file claims to be, its structure must agree. */
const fileTypes: Record<string, FileType> = {
  pdf: { mime: 'application/pdf', label: 'PDF', matches: isPdf },
  docx: ooxml(
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'Word',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml',
  ),
  xlsx: ooxml(
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'Excel',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
  ),
  pptx: ooxml(
    'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    'PowerPoint',
    'application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml',
  ),
  doc: { mime: 'application/msword', label: 'Word', matches: isCompoundFile },
  xls: { mime: 'application/vnd.ms-excel', label: 'Excel', matches: isCompoundFile },
  jpg: { mime: 'image/jpeg', label: 'ảnh JPEG', matches: isJpeg },
  jpeg: { mime: 'image/jpeg', label: 'ảnh JPEG', matches: isJpeg },
  png: { mime: 'image/png', label: 'ảnh PNG', matches: isPng },
  txt: { mime: 'text/plain', label: 'văn bản UTF-8', matches: isUtf8Text },
  csv: { mime: 'text/csv', label: 'bảng CSV (UTF-8)', matches: isUtf8Text },
};

export const allowedExtensions = Object.keys(fileTypes);

const ALLOWED_TEXT = `Chỉ nhận các loại tệp: ${allowedExtensions.map((e) => `.${e}`).join(', ')}`;

/** "12,3 MB" */
export function formatMegabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1).replace('.', ',')} MB`;
}

/** The name as it will be listed: no folder part (browsers may send "C:\fakepath\…"), NFC. */
export function cleanFileName(raw: string): string {
  const name = raw.split(/[\\/]/).pop()!.trim().normalize('NFC');
  // eslint-disable-next-line no-control-regex
  if (!name || /[\u0000-\u001f\u007f]/.test(name)) {
    throw new AppError('VALIDATION', 'Tên tệp: không hợp lệ (trống hoặc có ký tự điều khiển)');
  }
  return name;
}

/** Strict base64: the lenient decoder would silently drop stray characters. */
export function decodeBase64(name: string, data: string): Buffer {
  const compact = data.replace(/\s+/g, '');
  if (compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) {
    throw new AppError('VALIDATION', `Tệp "${name}": dữ liệu gửi lên không phải base64 hợp lệ`);
  }
  return Buffer.from(compact, 'base64');
}

/** Refuses, with a message naming the file, anything too big, empty or not on the allow-list. */
export function checkAttachment(name: string, bytes: Uint8Array): { mime: string } {
  if (bytes.length > MAX_ATTACHMENT_BYTES) {
    throw new AppError(
      'VALIDATION',
      `Tệp "${name}" quá lớn: ${formatMegabytes(bytes.length)}; giới hạn ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB`,
    );
  }
  if (bytes.length === 0) throw new AppError('VALIDATION', `Tệp "${name}" rỗng (0 byte)`);
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  const type = Object.hasOwn(fileTypes, ext) ? fileTypes[ext] : undefined;
  if (!type) {
    throw new AppError('VALIDATION', `Tệp "${name}": loại tệp không được phép. ${ALLOWED_TEXT}`);
  }
  if (!type.matches(bytes)) {
    throw new AppError(
      'VALIDATION',
      `Tệp "${name}": nội dung không phải ${type.label} như đuôi .${ext} cho biết (tệp bị đổi đuôi hoặc bị hỏng). ${ALLOWED_TEXT}`,
    );
  }
  return { mime: type.mime };
}
