import {
  AlignmentType,
  BorderStyle,
  LineRuleType,
  type ICharacterStyleOptions,
  type IParagraphStyleOptions,
  type IStylesOptions,
} from 'docx';
import type { LaidOutDocument, ParagraphKind, ParagraphStyle } from '../layout/model.ts';
import { RULE_HEIGHT, RULE_THICKNESS } from '../layout/page.ts';

/**
 * styles.xml of an official document: Times New Roman, black and Vietnamese in the document
 * defaults; every ND30 kind of paragraph once as a named style (what a clerk sees in Word's style
 * list and navigation pane: "ND30 Nội dung", "ND30 Tiêu đề 1", "ND30 Bảng"…); four character
 * styles for a run bolder or plainer than its paragraph. Paragraphs and runs name their style and
 * carry direct formatting only where a style cannot say it.
 */

export const FONT = 'Times New Roman';
export const fonts = { ascii: FONT, hAnsi: FONT, cs: FONT, eastAsia: FONT };
export const BLACK = '000000';

export const halfPoints = (pt: number) => Math.round(pt * 2);

/** The style of each kind of paragraph: its id in styles.xml, the name Word shows, its outline level. */
export const PARAGRAPH_STYLES: Record<ParagraphKind, { id: string; name: string; outline?: number }> = {
  body: { id: 'ND30NoiDung', name: 'ND30 Nội dung' },
  basis: { id: 'ND30CanCu', name: 'ND30 Căn cứ' },
  heading1: { id: 'ND30TieuDe1', name: 'ND30 Tiêu đề 1', outline: 0 },
  heading2: { id: 'ND30TieuDe2', name: 'ND30 Tiêu đề 2', outline: 1 },
  heading3: { id: 'ND30TieuDe3', name: 'ND30 Tiêu đề 3', outline: 2 },
  title: { id: 'ND30TenLoai', name: 'ND30 Tên loại văn bản' },
  summary: { id: 'ND30TrichYeu', name: 'ND30 Trích yếu' },
  addressee: { id: 'ND30KinhGui', name: 'ND30 Kính gửi' },
  spacer: { id: 'ND30DongTrong', name: 'ND30 Dòng trống' },
  rule: { id: 'ND30DuongKe', name: 'ND30 Đường kẻ' },
  parent: { id: 'ND30CoQuanChuQuan', name: 'ND30 Cơ quan chủ quản' },
  agency: { id: 'ND30CoQuanBanHanh', name: 'ND30 Cơ quan ban hành' },
  quocHieu: { id: 'ND30QuocHieu', name: 'ND30 Quốc hiệu' },
  tieuNgu: { id: 'ND30TieuNgu', name: 'ND30 Tiêu ngữ' },
  number: { id: 'ND30SoKyHieu', name: 'ND30 Số, ký hiệu' },
  dateLine: { id: 'ND30DiaDanhNgay', name: 'ND30 Địa danh, ngày tháng' },
  recipientsLabel: { id: 'ND30NoiNhan', name: 'ND30 Nơi nhận' },
  recipients: { id: 'ND30DanhSachNoiNhan', name: 'ND30 Danh sách nơi nhận' },
  signer: { id: 'ND30ChucVuNguoiKy', name: 'ND30 Quyền hạn, chức vụ người ký' },
  signerName: { id: 'ND30HoTenNguoiKy', name: 'ND30 Họ tên người ký' },
  appendixLabel: { id: 'ND30PhuLuc', name: 'ND30 Phụ lục' },
  appendixTitle: { id: 'ND30TenPhuLuc', name: 'ND30 Tên phụ lục' },
  appendixReference: { id: 'ND30KemTheo', name: 'ND30 Kèm theo' },
  tableText: { id: 'ND30Bang', name: 'ND30 Bảng' },
  tableTextCentred: { id: 'ND30BangGiua', name: 'ND30 Bảng, căn giữa' },
  tableHeader: { id: 'ND30BangTieuDeCot', name: 'ND30 Bảng, tiêu đề cột' },
  pageNumber: { id: 'ND30SoTrang', name: 'ND30 Số trang' },
};

/** Character styles: a run whose weight or slant differs from its paragraph's kind. */
const CHARACTER_STYLES = [
  { id: 'ND30ChuThuong', name: 'ND30 Chữ thường', bold: false, italics: false },
  { id: 'ND30ChuDam', name: 'ND30 Chữ đậm', bold: true, italics: false },
  { id: 'ND30ChuNghieng', name: 'ND30 Chữ nghiêng', bold: false, italics: true },
  { id: 'ND30ChuDamNghieng', name: 'ND30 Chữ đậm nghiêng', bold: true, italics: true },
] as const;

export function characterStyle(bold: boolean, italics: boolean): string {
  return CHARACTER_STYLES.find((c) => c.bold === bold && c.italics === italics)!.id;
}

export const ALIGNMENT = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  justify: AlignmentType.JUSTIFIED,
} as const;

/** Line spacing in 240ths of a line, as Word's "auto" rule counts it. */
export const lineTwips = (lineSpacing: number) => Math.round(240 * lineSpacing);

function paragraphStyle(kind: ParagraphKind, s: ParagraphStyle): IParagraphStyleOptions {
  const { id, name, outline } = PARAGRAPH_STYLES[kind];
  // A rule is the bottom border of an almost empty paragraph, exactly the block's height.
  const ruleShape =
    kind === 'rule'
      ? {
          spacing: { before: 0, after: 0, line: RULE_HEIGHT, lineRule: LineRuleType.EXACT },
          border: {
            bottom: {
              style: BorderStyle.SINGLE,
              size: Math.round(RULE_THICKNESS * 8),
              color: BLACK,
              space: 1,
            },
          },
        }
      : {
          spacing: {
            before: s.before,
            after: s.after,
            line: lineTwips(s.lineSpacing),
            lineRule: LineRuleType.AUTO,
          },
        };
  return {
    id,
    name,
    basedOn: 'Normal',
    quickFormat: true,
    paragraph: {
      alignment: ALIGNMENT[s.align],
      indent: s.firstLineIndent ? { firstLine: s.firstLineIndent } : undefined,
      keepNext: s.keepNext || undefined,
      outlineLevel: outline,
      ...ruleShape,
    },
    run: { size: halfPoints(s.size), bold: s.bold, italics: s.italics },
  };
}

function characterStyles(): ICharacterStyleOptions[] {
  return CHARACTER_STYLES.map((c) => ({
    id: c.id,
    name: c.name,
    basedOn: 'DefaultParagraphFont',
    quickFormat: true,
    run: { bold: c.bold, italics: c.italics },
  }));
}

/** The document's styles: defaults (Times New Roman, black, vi-VN) and one style per ND30 kind. */
export function documentStyles(layout: LaidOutDocument): IStylesOptions {
  const black = { run: { font: fonts, color: BLACK } };
  return {
    default: {
      document: {
        run: {
          font: fonts,
          size: halfPoints(layout.bodySize),
          color: BLACK,
          language: { value: 'vi-VN', eastAsia: 'vi-VN' },
        },
        paragraph: { spacing: { before: 0, after: 0 } },
      },
      // Word's built-in styles a clerk may pick stay in the document's font and colour.
      title: black,
      heading1: black,
      heading2: black,
      heading3: black,
      heading4: black,
      heading5: black,
      heading6: black,
      strong: black,
      listParagraph: black,
      caption: black,
      hyperlink: { run: { color: BLACK } },
      footnoteText: black,
    },
    paragraphStyles: (Object.keys(PARAGRAPH_STYLES) as ParagraphKind[]).map((k) =>
      paragraphStyle(k, layout.styles[k]),
    ),
    characterStyles: characterStyles(),
  };
}
