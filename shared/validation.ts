import { z } from 'zod';

// Built-in zod messages in Vietnamese; our schemas give their own where the wording matters.
z.config(z.locales.vi());

const typeNames: Record<string, string> = {
  string: 'chữ',
  number: 'số',
  int: 'số nguyên',
  boolean: 'có/không',
  object: 'nhóm thông tin',
  array: 'danh sách',
  date: 'ngày',
};

/**
 * zod's Vietnamese locale still names JavaScript types ("mong đợi string"); a clerk reads these,
 * so the common cases are said in plain words. Anything else falls back to the locale.
 */
z.config({
  customError: (iss) => {
    if (iss.code === 'invalid_type') {
      return iss.input === undefined ? 'chưa nhập' : `phải là ${typeNames[iss.expected] ?? iss.expected}`;
    }
    if (iss.code === 'too_small' || iss.code === 'too_big') {
      const n = Number(iss.code === 'too_small' ? iss.minimum : iss.maximum);
      const bound = iss.code === 'too_small' ? 'ít nhất' : 'nhiều nhất';
      if (iss.origin === 'string')
        return n === 1 && bound === 'ít nhất' ? 'không được để trống' : `phải có ${bound} ${n} ký tự`;
      if (iss.origin === 'array' || iss.origin === 'set') return `phải có ${bound} ${n} mục`;
      if (iss.origin === 'number' || iss.origin === 'int' || iss.origin === 'bigint') {
        return iss.code === 'too_small' ? `không được nhỏ hơn ${n}` : `không được lớn hơn ${n}`;
      }
    }
    // zod would show the regular expression itself; a clerk needs the sentence, not the pattern.
    if (iss.code === 'invalid_format' && iss.format === 'regex') return 'không đúng định dạng';
    return undefined;
  },
});

const fieldLabels: Record<string, string> = {
  organization: 'Thông tin cơ quan',
  admin: 'Tài khoản quản trị',
  parentName: 'Cơ quan chủ quản',
  agencyType: 'Loại cơ quan',
  abbreviation: 'Chữ viết tắt',
  place: 'Địa danh',
  address: 'Địa chỉ',
  phone: 'Số điện thoại',
  email: 'Thư điện tử',
  letterhead: 'Thể thức văn bản',
  username: 'Tên đăng nhập',
  password: 'Mật khẩu',
  currentPassword: 'Mật khẩu hiện tại',
  newPassword: 'Mật khẩu mới',
  fullName: 'Họ và tên',
  roles: 'Vai trò',
  signingAuthority: 'Thẩm quyền ký',
  active: 'Trạng thái',
  id: 'Mã văn bản',
  documentId: 'Mã văn bản',
  baseRevision: 'Số lần lưu',
  editSession: 'Phiên soạn thảo',
  content: 'Nội dung',
  sections: 'Phần',
  tasks: 'Nhiệm vụ',
  activities: 'Hoạt động',
  activityId: 'Mã hoạt động',
  versionNo: 'Phiên bản',
  indicators: 'Chỉ tiêu',
  values: 'Giá trị',
  numerator: 'Tử số',
  denominator: 'Mẫu số',
  count: 'Số lượng',
  done: 'Đã thực hiện',
  evidenceUrl: 'Đường dẫn minh chứng',
  note: 'Ghi chú',
  status: 'Trạng thái',
  result: 'Kết quả',
  figures: 'Số liệu',
  evidence: 'Minh chứng',
  period: 'Kỳ báo cáo',
  kind: 'Loại báo cáo',
  year: 'Năm',
  month: 'Tháng',
  deadline: 'Hạn gửi',
  from: 'Từ ngày',
  to: 'Đến ngày',
  fromPrevious: 'Tạo từ kỳ trước',
  timeline: 'Thời gian',
  unitInCharge: 'Đơn vị chủ trì',
  partners: 'Đơn vị phối hợp',
  expectedOutput: 'Sản phẩm',
  budgetSource: 'Nguồn kinh phí',
  notApplicableReason: 'Lý do không áp dụng',
  dataBase64: 'Nội dung tệp',
  sha256: 'Mã tệp',
  fileName: 'Tên tệp',
  what: 'Loại tệp',
  reason: 'Lý do',
  singleHead: 'Cơ quan chỉ có một lãnh đạo',
  comments: 'Ý kiến',
  area: 'Phần được góp ý',
  key: 'Mục được góp ý',
  resolved: 'Đã xử lý',
  issuedOn: 'Ngày ban hành',
  issueId: 'Mã văn bản đã ban hành',
  role: 'Loại tệp',
  planId: 'Kế hoạch mẫu',
  fontPair: 'Cỡ chữ Quốc hiệu, Tiêu ngữ',
  margins: 'Lề trang',
  top: 'Lề trên',
  bottom: 'Lề dưới',
  left: 'Lề trái',
  right: 'Lề phải',
  recipients: 'Nơi nhận',
  archiveUnit: 'Đơn vị lưu',
  agencyLines: 'Cách xuống dòng tên cơ quan',
  signer: 'Người ký',
  authority: 'Thẩm quyền ký',
  purpose: 'I. Mục đích, yêu cầu',
  tasksIntro: 'II. Nhiệm vụ và giải pháp',
  budget: 'III. Kinh phí thực hiện',
  taskId: 'Mã nhiệm vụ',
  notApplicable: 'Không áp dụng',
  quarter: 'Quý',
  date: 'Ngày',
  text: 'Nội dung',
  lastDay: 'Ngày cuối kỳ',
  code: 'Mã chỉ tiêu',
  pdfSha256: 'Bản PDF đã xem',
  secret: 'Mã PIN hoặc mật khẩu khóa ký',
  measure: 'Đại lượng đo',
  carriedOver: 'Dấu chép từ kỳ trước',
  direction: 'Công tác lãnh đạo, chỉ đạo',
  results: 'Kết quả chung',
  shortcomings: 'Tồn tại, hạn chế',
  nextTasks: 'Phương hướng, nhiệm vụ kỳ tới',
  proposals: 'Đề xuất, kiến nghị',
  idleMinutes: 'Tự đăng xuất sau (phút không sử dụng)',
  anchor: 'Mốc đối chiếu nhật ký',
  headHash: 'Mã băm cuối',
  entryCount: 'Số mục',
  library: 'Thư viện PKCS#11',
  tokenSerial: 'Thiết bị ký số',
  certificateId: 'Chứng thư trên thiết bị',
  pin: 'Mã PIN',
  diameterMm: 'Đường kính dấu',
  folder: 'Thư mục sao lưu',
  // Sở KH&CN's side (shared/api/sokhcn.ts).
  serverUrl: 'Địa chỉ máy chủ',
  periodKey: 'Kỳ báo cáo',
  state: 'Tình trạng gửi',
  packageId: 'Mã gói',
  decision: 'Quyết định',
  acceptedOnly: 'Chỉ tính báo cáo đã tiếp nhận',
  charts: 'Biểu đồ',
  pngBase64: 'Ảnh biểu đồ',
  // Công văn (shared/api/letters.ts).
  summary: 'Trích yếu (V/v)',
  draftingUnit: 'Đơn vị soạn thảo',
  addressees: 'Kính gửi',
  body: 'Nội dung công văn',
  subject: 'Kỳ báo cáo được đôn đốc',
  dutyTitle: 'Tên kỳ báo cáo',
  // The province's indicator table of Sở KH&CN's consolidated report (provinceTableSchema.ts).
  province: 'Bảng chỉ tiêu toàn tỉnh',
  counted: 'Số báo cáo được tính',
  figure: 'Số liệu toàn tỉnh',
  target: 'Chỉ tiêu của năm',
  method: 'Cách tổng hợp',
  contributed: 'Số đơn vị có số liệu',
  expected: 'Số đơn vị phải báo cáo',
  missing: 'Đơn vị chưa có số liệu',
  accepted: 'Số báo cáo đã tiếp nhận',
  received: 'Số báo cáo đã nhận, chưa tiếp nhận',
};

/** Words whose meaning depends on the group they sit in: "title" of a period, of a signer. */
const nestedFieldLabels: Record<string, string> = {
  'period.title': 'Tên kỳ báo cáo',
  'signer.title': 'Chức vụ người ký',
  'signer.name': 'Họ tên người ký',
  'sections.organization': 'IV. Tổ chức thực hiện',
  'comments.text': 'Nội dung ý kiến',
  'province.rows': 'Chỉ tiêu',
  'province.press': 'Báo cáo tháng của cơ quan báo chí',
};

/** Words whose meaning depends on the call: "name" is a department in one, a file in another. */
const methodFieldLabels: Record<string, Record<string, string>> = {
  'attachments.add': { name: 'Tên tệp' },
  'reports.create': { title: 'Tiêu đề báo cáo' },
  'documents.diff': { from: 'Phiên bản gốc', to: 'Phiên bản so sánh' },
  'workflow.resolveComment': { id: 'Mã ý kiến' },
  'register.cancel': { id: 'Mã số trong sổ' },
  'signing.trustedRoots.remove': { sha256: 'Chứng thư gốc' },
  'outbox.enrol': {
    serverUrl: 'Địa chỉ máy chủ Sở KH&CN',
    code: 'Mã đăng ký',
    fingerprint: 'Dấu vân tay chứng thư máy chủ',
  },
  'backup.inspect': { fileName: 'Bản sao lưu' },
  'backup.restore': { fileName: 'Bản sao lưu' },
  'sokhcn.file': { name: 'Tên tệp' },
  'sokhcn.consolidationXlsx': { title: 'Tên biểu đồ' },
  'logs.report': { page: 'Trang', message: 'Thông báo lỗi', stack: 'Vết lỗi' },
  'audit.list': {
    group: 'Thao tác',
    userId: 'Người thực hiện',
    before: 'Trang tiếp theo',
    limit: 'Số mục mỗi trang',
  },
};
const defaultAmbiguous: Record<string, string> = { name: 'Tên cơ quan', title: 'Chức vụ' };

/**
 * The field a path points at, as the form names it: "Lề trái" for letterhead.margins.left,
 * "Nhiệm vụ 3 – Hoạt động 4 – Sản phẩm" for tasks.2.activities.3.expectedOutput. The groups around
 * a field (Thông tin cơ quan, Thể thức văn bản, Lề trang) are left out, as the form shows it; the
 * position of a list item is kept, counted from 1, since that is how a clerk finds the row.
 */
export function describePath(path: readonly PropertyKey[], method?: string): string {
  const own = (method && methodFieldLabels[method]) || {};
  const rows: string[] = [];
  let parent = '';
  let last = '';
  for (const p of path) {
    if (typeof p === 'number') {
      rows.push(`${last || 'Dòng'} ${p + 1}`);
      last = '';
      continue;
    }
    const key = String(p);
    // A section's `text` is the section itself ("Kết quả chung"), not a field called "Nội dung".
    if (!(key === 'text' && last && !nestedFieldLabels[`${parent}.${key}`])) last = labelOf(key, parent, own);
    parent = key;
  }
  return [...rows, ...(last ? [last] : [])].join(' – ');
}

function labelOf(key: string, parent: string, own: Record<string, string>): string {
  return (
    nestedFieldLabels[`${parent}.${key}`] ?? own[key] ?? fieldLabels[key] ?? defaultAmbiguous[key] ?? key
  );
}

/** One Vietnamese sentence per problem, each naming the field it is about. */
export function describeIssues(issues: readonly z.core.$ZodIssue[], method?: string): string {
  const lines = issues
    .slice(0, 8)
    .map((i) => (i.path.length ? `${describePath(i.path, method)}: ${i.message}` : i.message));
  if (issues.length > 8) lines.push(`… và ${issues.length - 8} lỗi khác`);
  return `Dữ liệu không hợp lệ. ${lines.join('; ')}.`;
}
