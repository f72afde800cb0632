import { AppError } from '../../../../shared/errors.ts';
import type { HostError, HostRequest } from './protocol.ts';

/** CKF_* token flags about the user PIN (PKCS#11 2.40, CK_TOKEN_INFO). */
export const PIN_FLAGS = {
  countLow: 0x00010000,
  finalTry: 0x00020000,
  locked: 0x00040000,
} as const;

/** What the token says about the tries left, as a sentence. */
export function triesSentence(flags: number | undefined): string {
  if (flags === undefined) return 'Không đọc được số lần thử còn lại từ thiết bị.';
  if (flags & PIN_FLAGS.locked) {
    return 'Thiết bị báo mã PIN đã bị khóa: cần mã PUK hoặc phần mềm của nhà cung cấp thiết bị để mở khóa.';
  }
  if (flags & PIN_FLAGS.finalTry) {
    return 'Thiết bị báo chỉ còn MỘT lần thử: nếu nhập sai lần nữa, thiết bị sẽ bị khóa.';
  }
  if (flags & PIN_FLAGS.countLow) return 'Thiết bị báo số lần thử còn lại đã thấp (đã có lần nhập sai).';
  return 'Thiết bị không cho biết còn bao nhiêu lần thử; phần lớn thiết bị tự khóa sau 3 đến 10 lần nhập sai liên tiếp.';
}

/** The host's failure as the Vietnamese error the user sees. Never contains the PIN. */
export function pkcs11Failure(error: HostError, request: HostRequest): AppError {
  const lib = request.library;
  const serial = 'tokenSerial' in request ? request.tokenSerial : '';
  switch (error.code) {
    case 'LIBRARY_NOT_FOUND':
      return new AppError(
        'NOT_FOUND',
        `Không tìm thấy thư viện PKCS#11 tại "${lib}". Hãy kiểm tra đường dẫn tới tệp thư viện của thiết bị ký số (trên Windows thường là một tệp .dll trong C:\\Windows\\System32 do hãng cung cấp).`,
      );
    case 'LIBRARY_LOAD':
      return new AppError(
        'VALIDATION',
        `Không nạp được thư viện PKCS#11 "${lib}": tệp không phải thư viện PKCS#11, hoặc không cùng kiến trúc (32/64 bit) với máy${error.detail ? ` (${error.detail})` : ''}.`,
      );
    case 'NO_TOKEN':
      return new AppError(
        'NOT_FOUND',
        `Không thấy thiết bị ký số${serial ? ` (số sê-ri ${serial})` : ''}. Hãy cắm USB token vào máy rồi thử lại.`,
      );
    case 'NO_CERTIFICATE':
      return new AppError('NOT_FOUND', 'Trên thiết bị không còn chứng thư số đã chọn.');
    case 'NO_KEY':
      return new AppError('NOT_FOUND', 'Trên thiết bị không có khóa bí mật đi cùng chứng thư số đã chọn.');
    case 'PIN_INCORRECT':
      return new AppError('INVALID_CREDENTIALS', `Mã PIN không đúng. ${triesSentence(error.flags)}`);
    case 'PIN_LOCKED':
      return new AppError(
        'LOCKED',
        `Mã PIN của thiết bị ký số đã bị khóa do nhập sai nhiều lần. ${triesSentence(error.flags)}`,
      );
    case 'PIN_INVALID':
      return new AppError('VALIDATION', 'Mã PIN không đúng định dạng (độ dài hoặc ký tự không hợp lệ).');
    case 'UNSUPPORTED_KEY':
      return new AppError(
        'VALIDATION',
        'Khóa trên thiết bị không phải RSA hay ECDSA: BaoCao không ký được bằng khóa này.',
      );
    case 'DEVICE':
      return new AppError(
        'INTERNAL',
        `Thiết bị ký số báo lỗi${error.detail ? ` (${error.detail})` : ''}. Hãy rút thiết bị ra, cắm lại rồi thử lại.`,
      );
  }
}
