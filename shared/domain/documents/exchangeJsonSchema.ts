import { z } from 'zod';
import { exchangeSchema } from './exchange.ts';

/**
 * docs/exchange.schema.json: the JSON Schema of the exchange file, generated from its zod schema,
 * with a Vietnamese description on every field and no key allowed that the format does not have
 * — so an editor (VS Code and the like) explains each field and underlines a misspelt one while
 * the file is being written. The descriptions are kept here, by field path, rather than spread
 * over the shared schemas that the app's store and contract also use.
 */

/** Field path ("content.tasks[].taskId") → what it holds, in Vietnamese. */
// prettier-ignore
export const FIELD_DESCRIPTIONS: Record<string, string> = {
  format: 'Định danh định dạng, luôn là "baocao-exchange".',
  version: 'Phiên bản định dạng, hiện là 1.',
  kind: 'Loại văn bản: "plan" (kế hoạch triển khai), "report" (báo cáo) hoặc "letter" (công văn); quyết định dạng của content.',
  catalogId: 'Mã kế hoạch mẫu của tỉnh (tệp resources/plans/<mã>.json), ví dụ "34-KH-UBND-2025".',
  organization: 'Cơ quan ban hành văn bản và cách trình bày văn bản của cơ quan.',
  'organization.name': 'Tên cơ quan ban hành, viết thường như trong câu văn, ví dụ "Sở Khoa học và Công nghệ", "UBND xã Phật Tích".',
  'organization.parentName': 'Cơ quan chủ quản in phía trên tên cơ quan, ví dụ "UBND tỉnh Bắc Ninh"; để trống với UBND xã, phường.',
  'organization.agencyType': 'Loại cơ quan theo kế hoạch mẫu (quyết định nhiệm vụ, chỉ tiêu được giao), ví dụ "so_khcn", "ubnd_xa_phuong".',
  'organization.abbreviation': 'Chữ viết tắt tên cơ quan dùng trong số, ký hiệu văn bản, ví dụ "SKHCN" trong "05/BC-SKHCN".',
  'organization.place': 'Địa danh ghi ở dòng ngày tháng, ví dụ "Bắc Ninh", "Phật Tích".',
  'organization.address': 'Địa chỉ cơ quan.',
  'organization.phone': 'Số điện thoại cơ quan.',
  'organization.email': 'Thư điện tử của cơ quan.',
  'organization.planId': 'Mã kế hoạch mẫu cơ quan đang thực hiện.',
  'organization.singleHead': 'Cơ quan chỉ có một lãnh đạo: lãnh đạo được duyệt văn bản do chính mình soạn.',
  'organization.letterhead': 'Thể thức văn bản của cơ quan: cỡ chữ, lề, nơi nhận, người ký.',
  'organization.letterhead.fontPair': 'Cỡ chữ Quốc hiệu / Tiêu ngữ: "13/14" (nội dung 14) hoặc "12/13" (nội dung 13).',
  'organization.letterhead.margins': 'Lề trang, tính bằng mm.',
  'organization.letterhead.margins.top': 'Lề trên (mm), từ 20 đến 25.',
  'organization.letterhead.margins.bottom': 'Lề dưới (mm), từ 20 đến 25.',
  'organization.letterhead.margins.left': 'Lề trái (mm), từ 30 đến 35.',
  'organization.letterhead.margins.right': 'Lề phải (mm), từ 15 đến 20.',
  'organization.letterhead.recipients': 'Nơi nhận, mỗi mục một nơi, không ghi "- " và ";"; "Như trên" và "Lưu: VT" được thêm tự động, nơi đã ghi ở "Kính gửi" được bỏ.',
  'organization.letterhead.archiveUnit': 'Đơn vị lưu ghi sau "Lưu: VT," ở dòng cuối nơi nhận, ví dụ "VP".',
  'organization.letterhead.signer': 'Người ký mặc định của cơ quan.',
  'organization.letterhead.signer.authority': 'Thẩm quyền ký: "KT. GIÁM ĐỐC", "TM. ỦY BAN NHÂN DÂN", "Q. GIÁM ĐỐC"…; để trống khi thủ trưởng ký trực tiếp.',
  'organization.letterhead.signer.title': 'Chức vụ người ký, ví dụ "PHÓ GIÁM ĐỐC"; có thể để trống (ví dụ khi ký "Q. GIÁM ĐỐC").',
  'organization.letterhead.signer.name': 'Họ tên người ký, không ghi học hàm, học vị.',
  'organization.letterhead.agencyLines': 'Tên cơ quan trên tiêu đề văn bản, mỗi mục một dòng (chỉ để chọn chỗ xuống dòng, giữ nguyên chữ); để trống để chương trình tự chọn.',
  meta: 'Thông tin văn bản: tên, trạng thái, số và ngày ban hành.',
  'meta.title': 'Tên văn bản trong ứng dụng (ghi vào thuộc tính tệp).',
  'meta.status': 'Trạng thái: "draft" (đang soạn), "submitted" (chờ duyệt), "returned" (trả lại), "approved" (đã duyệt), "issued" (đã ban hành).',
  'meta.number': 'Số, ký hiệu khi đã ban hành, ví dụ "05/BC-SKHCN", công văn "12/SKHCN-VP" (không có mã loại); null khi chưa ban hành.',
  'meta.issuedOn': 'Ngày ban hành, dạng YYYY-MM-DD; null khi chưa ban hành.',
  signer: 'Người ký văn bản này.',
  'signer.authority': 'Thẩm quyền ký: "KT. GIÁM ĐỐC", "TM. ỦY BAN NHÂN DÂN", "Q. GIÁM ĐỐC"…; để trống khi thủ trưởng ký trực tiếp.',
  'signer.title': 'Chức vụ người ký, ví dụ "PHÓ GIÁM ĐỐC"; có thể để trống.',
  'signer.name': 'Họ tên người ký, không ghi học hàm, học vị.',
  content: 'Nội dung văn bản: kế hoạch (kind "plan"), báo cáo (kind "report") hoặc công văn (kind "letter").',
  'content.sections': 'Các phần lời văn; mỗi dòng của một trường nhiều dòng thành một đoạn, dòng "1. Tiêu đề" ngắn thành tiêu đề mục.',
  'content.sections.purpose': 'Kế hoạch – I. Mục đích, yêu cầu.',
  'content.sections.tasksIntro': 'Kế hoạch – đoạn mở đầu mục II. Nhiệm vụ và giải pháp.',
  'content.sections.budget': 'Kế hoạch – III. Kinh phí thực hiện.',
  'content.sections.organization': 'Kế hoạch – IV. Tổ chức thực hiện.',
  'content.sections.direction': 'Báo cáo – I.1. Công tác lãnh đạo, chỉ đạo.',
  'content.sections.results': 'Báo cáo – I.3. Nhận xét chung về kết quả thực hiện các chỉ tiêu.',
  'content.sections.shortcomings': 'Báo cáo – II. Tồn tại, hạn chế và nguyên nhân.',
  'content.sections.nextTasks': 'Báo cáo – III. Phương hướng, nhiệm vụ kỳ tới.',
  'content.sections.proposals': 'Báo cáo – IV. Đề xuất, kiến nghị (có thể để trống).',
  'content.sections.direction.text': 'Lời văn của mục.',
  'content.sections.results.text': 'Lời văn của mục.',
  'content.sections.shortcomings.text': 'Lời văn của mục.',
  'content.sections.nextTasks.text': 'Lời văn của mục.',
  'content.sections.proposals.text': 'Lời văn của mục.',
  'content.sections.direction.carriedOver': 'Chép từ kỳ trước và chưa sửa.',
  'content.sections.results.carriedOver': 'Chép từ kỳ trước và chưa sửa.',
  'content.sections.shortcomings.carriedOver': 'Chép từ kỳ trước và chưa sửa.',
  'content.sections.nextTasks.carriedOver': 'Chép từ kỳ trước và chưa sửa.',
  'content.sections.proposals.carriedOver': 'Chép từ kỳ trước và chưa sửa.',
  'content.tasks': 'Các nhiệm vụ kế hoạch mẫu giao cho loại cơ quan, theo thứ tự của kế hoạch mẫu.',
  'content.tasks[].taskId': 'Mã nhiệm vụ trong kế hoạch mẫu, ví dụ "III.1.a.1".',
  'content.tasks[].notApplicable': 'Kế hoạch – nhiệm vụ không áp dụng với cơ quan (vẫn được liệt kê, kèm lý do).',
  'content.tasks[].notApplicableReason': 'Kế hoạch – lý do không áp dụng.',
  'content.tasks[].activities': 'Kế hoạch – các hoạt động cơ quan thực hiện nhiệm vụ.',
  'content.tasks[].activities[].id': 'Mã riêng của hoạt động (bất kỳ, không trùng trong văn bản).',
  'content.tasks[].activities[].content': 'Nội dung hoạt động.',
  'content.tasks[].activities[].unitInCharge': 'Đơn vị chủ trì.',
  'content.tasks[].activities[].partners': 'Đơn vị phối hợp.',
  'content.tasks[].activities[].timeline': 'Thời gian thực hiện: thường xuyên, một tháng, một quý, trước một ngày hoặc lời văn.',
  'content.tasks[].activities[].timeline.kind': 'Cách ghi thời gian: "recurring" (thường xuyên), "month", "quarter", "date" (trước ngày), "text".',
  'content.tasks[].activities[].timeline.month': 'Tháng, từ 1 đến 12.',
  'content.tasks[].activities[].timeline.year': 'Năm, ví dụ 2026.',
  'content.tasks[].activities[].timeline.quarter': 'Quý, từ 1 đến 4.',
  'content.tasks[].activities[].timeline.date': 'Hạn hoàn thành, dạng YYYY-MM-DD (in "Trước ngày 05/6/2026").',
  'content.tasks[].activities[].timeline.text': 'Thời gian ghi bằng lời.',
  'content.tasks[].activities[].expectedOutput': 'Sản phẩm dự kiến.',
  'content.tasks[].activities[].budgetSource': 'Nguồn kinh phí.',
  'content.activities': 'Báo cáo – các hoạt động của chính cơ quan trong kế hoạch đã ban hành, mỗi hoạt động với tình trạng và kết quả trong kỳ.',
  'content.activities[].activityId': 'Mã của hoạt động trong kế hoạch đã ban hành.',
  'content.activities[].taskId': 'Mã nhiệm vụ của kế hoạch tỉnh mà hoạt động thuộc về.',
  'content.activities[].content': 'Nội dung hoạt động, như trong kế hoạch (không sửa được trong báo cáo).',
  'content.activities[].unitInCharge': 'Đơn vị chủ trì, như trong kế hoạch.',
  'content.activities[].timeline': 'Thời gian thực hiện, như trong kế hoạch: dùng để đánh dấu hoạt động quá hạn.',
  'content.activities[].timeline.kind': 'Cách ghi thời gian: "recurring" (thường xuyên), "month", "quarter", "date" (trước ngày), "text".',
  'content.activities[].timeline.month': 'Tháng, từ 1 đến 12.',
  'content.activities[].timeline.year': 'Năm, ví dụ 2026.',
  'content.activities[].timeline.quarter': 'Quý, từ 1 đến 4.',
  'content.activities[].timeline.date': 'Hạn hoàn thành, dạng YYYY-MM-DD.',
  'content.activities[].timeline.text': 'Thời gian ghi bằng lời.',
  'content.activities[].expectedOutput': 'Sản phẩm dự kiến, như trong kế hoạch.',
  'content.activities[].status': 'Tình trạng trong kỳ: "hoan_thanh", "dang_thuc_hien", "chua_thuc_hien", "khong_ap_dung"; null khi chưa cập nhật.',
  'content.activities[].result': 'Kết quả thực hiện hoạt động trong kỳ.',
  'content.tasks[].status': 'Báo cáo – tình trạng: "hoan_thanh", "dang_thuc_hien", "chua_thuc_hien", "khong_ap_dung"; null khi chưa chọn.',
  'content.tasks[].result': 'Báo cáo – kết quả thực hiện (với nhiệm vụ không áp dụng: lý do).',
  'content.tasks[].figures': 'Báo cáo – số liệu cụ thể.',
  'content.tasks[].evidence': 'Báo cáo – minh chứng (đường dẫn, văn bản).',
  'content.tasks[].carriedOver': 'Báo cáo – chép từ kỳ trước và chưa sửa.',
  'content.period': 'Báo cáo – kỳ báo cáo.',
  'content.period.kind': 'Loại kỳ: "semiannual" (6 tháng), "annual" (năm), "monthly" (tháng, cơ quan báo chí), "adhoc" (đột xuất).',
  'content.period.year': 'Năm của kỳ báo cáo (chỉ tiêu được so với chỉ tiêu năm này).',
  'content.period.month': 'Tháng (1–12) của báo cáo tháng; null với các kỳ khác.',
  'content.period.title': 'Tên kỳ in sau trích yếu, ví dụ "6 tháng đầu năm 2026"; báo cáo đột xuất: tên báo cáo.',
  'content.period.from': 'Ngày đầu kỳ số liệu, dạng YYYY-MM-DD.',
  'content.period.to': 'Ngày cuối kỳ số liệu, dạng YYYY-MM-DD.',
  'content.period.deadline': 'Hạn gửi theo kế hoạch, dạng YYYY-MM-DD.',
  'content.period.lastDay': 'Ngày cuối cùng gửi còn đúng hạn, dạng YYYY-MM-DD.',
  'content.indicators': 'Báo cáo – kết quả các chỉ tiêu áp dụng với cơ quan.',
  'content.indicators[].code': 'Mã chỉ tiêu, từ CT01 đến CT15.',
  'content.indicators[].values': 'Giá trị của từng đại lượng đo của chỉ tiêu.',
  'content.indicators[].values[].measure': 'Mã đại lượng đo trong kế hoạch mẫu.',
  'content.indicators[].values[].numerator': 'Tử số của tỷ lệ (số đạt được), số nguyên không âm, không lớn hơn mẫu số; null khi chưa có.',
  'content.indicators[].values[].denominator': 'Mẫu số của tỷ lệ (tổng số), số nguyên không âm; null khi chưa có.',
  'content.indicators[].values[].count': 'Số lượng (đại lượng đếm); null khi chưa có.',
  'content.indicators[].values[].done': 'Đã thực hiện hay chưa (đại lượng có/không); null khi chưa có.',
  'content.indicators[].values[].evidenceUrl': 'Đường dẫn minh chứng, bắt đầu bằng http:// hoặc https://.',
  'content.indicators[].note': 'Ghi chú của chỉ tiêu.',
  'content.indicators[].carriedOver': 'Chép từ kỳ trước và chưa sửa.',
  'content.province': 'Báo cáo tổng hợp của Sở KH&CN – bảng kết quả các chỉ tiêu toàn tỉnh, in thành phụ lục.',
  'content.province.year': 'Năm của các chỉ tiêu được so sánh.',
  'content.province.counted': 'Số báo cáo được tính khi tổng hợp.',
  'content.province.counted.accepted': 'Số báo cáo đã tiếp nhận.',
  'content.province.counted.received': 'Số báo cáo đã nhận (chữ ký hợp lệ), chưa tiếp nhận.',
  'content.province.rows': 'Mỗi chỉ tiêu của kế hoạch một dòng.',
  'content.province.rows[].code': 'Mã chỉ tiêu, từ CT01 đến CT15.',
  'content.province.rows[].text': 'Nội dung chỉ tiêu.',
  'content.province.rows[].figure': 'Kết quả toàn tỉnh như được in.',
  'content.province.rows[].target': 'Chỉ tiêu của năm như được in.',
  'content.province.rows[].status': 'Đánh giá: đạt, chưa đạt, vượt…',
  'content.province.rows[].method': 'Cách tổng hợp chỉ tiêu.',
  'content.province.rows[].contributed': 'Số đơn vị có số liệu được tính.',
  'content.province.rows[].expected': 'Số đơn vị phải báo cáo chỉ tiêu.',
  'content.province.rows[].missing': 'Tên các đơn vị chưa có số liệu.',
  'content.province.rows[].accepted': 'Số báo cáo được tính đã tiếp nhận.',
  'content.province.rows[].received': 'Số báo cáo được tính mới nhận, chưa tiếp nhận.',
  'content.province.rows[].note': 'Lưu ý (ví dụ hai loại đơn vị có thể cùng đếm một người).',
  'content.province.press': 'Báo cáo tháng của từng cơ quan báo chí được tính vào kỳ: các tháng đã nhận và còn thiếu, ví dụ "Báo …: tháng 1–4, 6; thiếu tháng 5".',
  'content.summary': 'Công văn – trích yếu sau "V/v", ví dụ "đôn đốc gửi báo cáo 6 tháng đầu năm 2026".',
  'content.draftingUnit': 'Công văn – chữ viết tắt của đơn vị soạn thảo trong số, ký hiệu, ví dụ "VP" trong "12/SKHCN-VP"; để trống nếu không có.',
  'content.addressees': 'Công văn – Kính gửi: mỗi mục một cơ quan, đơn vị.',
  'content.body': 'Công văn – nội dung, mỗi dòng một đoạn.',
  'content.recipients': 'Công văn – nơi nhận ngoài "Như trên", không ghi "- " và ";".',
  'content.subject': 'Công văn đôn đốc – kỳ báo cáo được đôn đốc; null với công văn khác.',
  'content.subject.kind': 'Loại công văn, hiện chỉ có "dondoc" (đôn đốc gửi báo cáo).',
  'content.subject.periodKey': 'Mã kỳ báo cáo được đôn đốc, ví dụ "semiannual-2026".',
  'content.subject.dutyTitle': 'Tên kỳ báo cáo, ví dụ "Báo cáo 6 tháng đầu năm 2026".',
  'content.subject.deadline': 'Hạn gửi theo kế hoạch, dạng YYYY-MM-DD.',
};

type Json = Record<string, unknown>;

/** Every property of every object: a description from the table, and nothing beyond them. */
function annotate(node: unknown, path: string, missing: string[]): void {
  if (!node || typeof node !== 'object') return;
  const s = node as Json;
  for (const key of ['oneOf', 'anyOf', 'allOf'] as const) {
    if (Array.isArray(s[key])) (s[key] as unknown[]).forEach((x) => annotate(x, path, missing));
  }
  if (s.type === 'object' && s.properties) {
    s.additionalProperties = false;
    for (const [k, v] of Object.entries(s.properties as Record<string, Json>)) {
      const p = path ? `${path}.${k}` : k;
      const description = FIELD_DESCRIPTIONS[p];
      if (description) v.description = description;
      else missing.push(p);
      annotate(v, p, missing);
    }
  }
  if (s.items) annotate(s.items, `${path}[]`, missing);
}

/** The JSON Schema (2020-12) of what an exchange file may contain: defaults are optional. */
export function exchangeJsonSchema(): { schema: Json; undescribed: string[] } {
  const generated = z.toJSONSchema(exchangeSchema, {
    io: 'input',
    unrepresentable: 'any',
    target: 'draft-2020-12',
  }) as Json;
  const undescribed: string[] = [];
  annotate(generated, '', undescribed);
  const { $schema, ...rest } = generated;
  return {
    schema: {
      $schema,
      title: 'BaoCao: tệp trao đổi kế hoạch / báo cáo (baocao-exchange, phiên bản 1)',
      description:
        'Một kế hoạch triển khai hoặc một báo cáo của cơ quan, đủ để in thành văn bản theo Nghị định 30/2020/NĐ-CP (docs/exchange-format.md).',
      ...rest,
    },
    undescribed: [...new Set(undescribed)],
  };
}
