import UPNG from '@cantoo/pdf-lib/upng';
import { AppError } from '../../../../shared/errors.ts';

export interface PngRules {
  /** "Hình chữ ký", "Hình con dấu": how messages name the picture. */
  what: string;
  /** ND30 Phụ lục I: the signature in blue, the seal in red. */
  colour: 'blue' | 'red';
  maxBytes: number;
  minSide: number;
  maxSide: number;
}

export const SIGNATURE_IMAGE_RULES: PngRules = {
  what: 'Hình chữ ký',
  colour: 'blue',
  maxBytes: 1024 * 1024,
  minSide: 60,
  maxSide: 3000,
};
export const SEAL_IMAGE_RULES: PngRules = {
  what: 'Hình con dấu',
  colour: 'red',
  maxBytes: 2 * 1024 * 1024,
  minSide: 200,
  maxSide: 4000,
};

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * Checks a signature or seal picture before it is stored: a real PNG (signature bytes, decodes),
 * within size limits, with a transparent background (an alpha channel, and at least a third of
 * the picture see-through) and ink of the colour ND30 names. Returns its pixel size.
 */
export function checkPng(bytes: Buffer, rules: PngRules): { width: number; height: number } {
  const fail = (why: string): never => {
    throw new AppError('VALIDATION', `${rules.what} ${why}`);
  };
  if (bytes.length > rules.maxBytes) fail(`quá lớn (tối đa ${Math.round(rules.maxBytes / 1024)} KB).`);
  if (bytes.length < 60 || !bytes.subarray(0, 8).equals(PNG_MAGIC)) fail('phải là tệp PNG.');
  // Read the size from IHDR before decoding, so a huge picture is refused without inflating it.
  const width = bytes.readUInt32BE(16);
  const height = bytes.readUInt32BE(20);
  if (Math.max(width, height) > rules.maxSide || Math.min(width, height) < rules.minSide) {
    fail(
      `phải có mỗi chiều từ ${rules.minSide} đến ${rules.maxSide} điểm ảnh (tệp này ${width} × ${height}).`,
    );
  }
  let rgba: Uint8Array;
  let ctype: number;
  let hasTrns: boolean;
  try {
    const ab = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    const img = UPNG.decode(ab);
    ctype = img.ctype;
    hasTrns = Boolean((img.tabs as Record<string, unknown>).tRNS);
    rgba = new Uint8Array(UPNG.toRGBA8(img)[0]!);
  } catch {
    return fail('bị hỏng, không đọc được.');
  }
  if (!(ctype === 4 || ctype === 6 || hasTrns)) fail('phải có nền trong suốt (PNG có kênh alpha).');
  let clear = 0;
  let ink = 0;
  let r = 0;
  let g = 0;
  let b = 0;
  const pixels = width * height;
  for (let i = 0; i < pixels; i++) {
    const a = rgba[i * 4 + 3]!;
    if (a < 16) clear++;
    else if (a > 128) {
      ink++;
      r += rgba[i * 4]!;
      g += rgba[i * 4 + 1]!;
      b += rgba[i * 4 + 2]!;
    }
  }
  if (clear < pixels / 3) fail('phải có nền trong suốt: phần lớn ảnh đang bị phủ màu.');
  if (ink < pixels / 500) fail('gần như trống: không thấy nét mực.');
  [r, g, b] = [r / ink, g / ink, b / ink];
  if (rules.colour === 'blue' && !(b > r + 30 && b > g + 10))
    fail('phải là nét màu xanh (ND30: chữ ký màu xanh).');
  if (rules.colour === 'red' && !(r > g + 60 && r > b + 60)) fail('phải là màu đỏ (ND30: hình dấu màu đỏ).');
  return { width, height };
}
