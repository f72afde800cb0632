import { z } from 'zod';
import { text } from '../../text.ts';

/** Who signs: authority and title as printed (caps), the person's name without academic titles. */
export const signerSchema = z.object({
  authority: text
    .name(100)
    .trim()
    .max(100, 'Thẩm quyền ký dài quá 100 ký tự')
    .transform((s) => s.normalize('NFC'))
    .default('KT. GIÁM ĐỐC'),
  title: text
    .name(100)
    .trim()
    .max(100, 'Chức vụ người ký dài quá 100 ký tự')
    .transform((s) => s.normalize('NFC'))
    .default('PHÓ GIÁM ĐỐC'),
  name: text
    .name(100)
    .trim()
    .max(100, 'Họ tên người ký dài quá 100 ký tự')
    .transform((s) => s.normalize('NFC'))
    .default(''),
});
export type Signer = z.infer<typeof signerSchema>;

/**
 * How the department's documents look (Nghị định 30/2020, Phụ lục I): sizes move together as a
 * pair (Quốc hiệu 13 / Tiêu ngữ 14 or 12 / 13) and margins stay within the allowed ranges.
 */
export const letterheadSchema = z.object({
  fontPair: z.enum(['13/14', '12/13']).default('13/14'),
  margins: z
    .object({
      top: z.number().min(20, 'Lề trên từ 20 đến 25 mm').max(25, 'Lề trên từ 20 đến 25 mm'),
      bottom: z.number().min(20, 'Lề dưới từ 20 đến 25 mm').max(25, 'Lề dưới từ 20 đến 25 mm'),
      left: z.number().min(30, 'Lề trái từ 30 đến 35 mm').max(35, 'Lề trái từ 30 đến 35 mm'),
      right: z.number().min(15, 'Lề phải từ 15 đến 20 mm').max(20, 'Lề phải từ 15 đến 20 mm'),
    })
    .default({ top: 20, bottom: 20, left: 30, right: 15 }),
  /** Nơi nhận, one per line without the leading "- " and trailing ";" (the builder adds them). */
  recipients: z
    .array(text.line(200).trim().min(1))
    .max(30)
    .default(['Sở Khoa học và Công nghệ', 'Lãnh đạo cơ quan']),
  /** The unit after "Lưu: VT," in the last line of Nơi nhận. */
  archiveUnit: text.name(50).trim().default(''),
  /**
   * The signature block: authority ("KT. GIÁM ĐỐC", "TM. ỦY BAN NHÂN DÂN", "" when the head signs
   * in person), title ("PHÓ GIÁM ĐỐC") and name. An empty name leaves the line blank; the document
   * builder then uses the first active leader account, if any.
   */
  signer: signerSchema.default(() => signerSchema.parse({})),
  /**
   * Where the agency's name breaks in the letterhead, one entry per line ("Sở Văn hóa, Thể thao",
   * "và Du lịch"); empty for the program's choice. Only the breaks may differ from the name.
   */
  agencyLines: z
    .array(text.name(200).trim().min(1, 'Dòng tên cơ quan không được để trống'))
    .max(4, 'Tên cơ quan trên tiêu đề có nhiều nhất 4 dòng')
    .default([]),
});
export type Letterhead = z.infer<typeof letterheadSchema>;
