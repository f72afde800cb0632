import { documentKindSchema, type DocumentKind } from '../documents/documentMeta.ts';
import { roleLabels, roleSchema } from '../organization/roles.ts';
import { transitions, workflowActions } from '../workflow/transitions.ts';

/**
 * What each audit entry means to the administrator reading "Nhật ký hoạt động": a label for the
 * action and a one-line summary built from what the service recorded (detail_json). Who and when
 * are the entry's own columns. tests/unit/auditLabels.test.ts collects every action the services
 * append and fails for one missing here.
 */

/** The "Thao tác" filter: actions grouped as an administrator thinks of them. */
export const auditGroups = {
  account: 'Đăng nhập, mật khẩu',
  users: 'Người dùng',
  settings: 'Thông tin cơ quan, cài đặt',
  drafting: 'Soạn thảo kế hoạch, báo cáo, công văn',
  attachments: 'Tệp đính kèm',
  workflow: 'Trình duyệt, duyệt, ban hành',
  register: 'Sổ văn bản đi',
  signing: 'Chữ ký số',
  outbox: 'Gửi Sở KH&CN',
} as const;
export type AuditGroup = keyof typeof auditGroups;
export const auditGroupKeys = Object.keys(auditGroups) as [AuditGroup, ...AuditGroup[]];

/** What the list adds beside the entry: the document's title and the account an entry is about. */
export interface AuditContext {
  /** The title of the document the entry names, while it still exists. */
  documentTitle?: string | null;
  /** The username of the account a users.* entry is about. */
  subjectUsername?: string | null;
}

type Detail = Record<string, unknown>;
interface ActionText {
  group: AuditGroup;
  label: string;
  summary?: (d: Detail, c: AuditContext) => string | null;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const quoted = (s: string) => `“${s}”`;
const join = (...parts: (string | null | false | undefined)[]) => parts.filter(Boolean).join(', ') || null;

const kindNouns: Record<DocumentKind, string> = { plan: 'kế hoạch', report: 'báo cáo', letter: 'công văn' };
const kindOf = (v: unknown): DocumentKind | null => {
  const r = documentKindSchema.safeParse(v);
  return r.success ? r.data : null;
};

/** "dd/mm/yyyy" of a yyyy-mm-dd, or the text as it is. */
function shortDate(v: unknown): string | null {
  const s = str(v);
  const m = s ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(s) : null;
  return m ? `${m[3]}/${m[2]}/${m[1]}` : s;
}

function fileSize(v: unknown): string | null {
  const n = num(v);
  if (n === null) return null;
  if (n < 1024) return `${n} byte`;
  if (n < 1024 * 1024) return `${Math.max(1, Math.round(n / 1024))} KB`;
  return `${(n / 1024 / 1024).toFixed(1).replace('.', ',')} MB`;
}

function roleList(v: unknown): string | null {
  if (!Array.isArray(v)) return null;
  const names = v.flatMap((r) => {
    const p = roleSchema.safeParse(r);
    return p.success ? [roleLabels[p.data]] : [];
  });
  return names.length ? names.join(', ') : null;
}

/** The document an entry is about: its title now, or what the entry itself recorded. */
const documentName = (d: Detail, c: AuditContext) => str(c.documentTitle) ?? str(d.title);

/** The document, with a version when one was recorded. */
const documentVersion = (d: Detail, c: AuditContext) =>
  join(documentName(d, c), num(d.versionNo) !== null && `phiên bản ${num(d.versionNo)}`);

const account = (d: Detail, c: AuditContext) => {
  const name = str(c.subjectUsername) ?? str(d.username);
  return name ? `Tài khoản ${quoted(name)}` : null;
};

const ownerText = (v: unknown) => (v === 'user' ? 'cá nhân' : 'cơ quan');

const fileRoles: Record<string, string> = {
  document: 'dữ liệu văn bản',
  pdf: 'tệp PDF',
  docx: 'tệp Word',
  xlsx: 'tệp Excel',
  attachment: 'tệp minh chứng',
  manifest: 'bản kê gói gửi Sở KH&CN',
  'manifest-signature': 'chữ ký số của bản kê',
};

const texts: Record<string, ActionText> = {
  'setup.complete': {
    group: 'settings',
    label: 'Thiết lập ứng dụng',
    summary: (d) => join(str(d.organization), str(d.admin) && `người quản trị ${quoted(str(d.admin)!)}`),
  },
  'auth.login': { group: 'account', label: 'Đăng nhập' },
  'auth.login.failed': {
    group: 'account',
    label: 'Đăng nhập không thành công',
    summary: (d) =>
      join(
        str(d.username) && `Tên đăng nhập ${quoted(str(d.username)!)}`,
        d.disabled === true && 'tài khoản đã bị khóa',
      ),
  },
  'auth.changePassword': { group: 'account', label: 'Đổi mật khẩu' },
  'users.create': {
    group: 'users',
    label: 'Tạo người dùng',
    summary: (d, c) => join(account(d, c), roleList(d.roles) && `vai trò: ${roleList(d.roles)}`),
  },
  'users.update': {
    group: 'users',
    label: 'Sửa người dùng',
    summary: (d, c) =>
      join(
        account(d, c),
        roleList(d.roles) && `vai trò: ${roleList(d.roles)}`,
        d.active === false && 'đã khóa',
        d.active === true && 'đang hoạt động',
        d.passwordReset === true && 'đặt lại mật khẩu',
      ),
  },
  'organization.update': {
    group: 'settings',
    label: 'Sửa thông tin cơ quan',
    summary: (d) => str(d.name),
  },
  'sessions.updateSettings': {
    group: 'settings',
    label: 'Đổi thời gian tự đăng xuất',
    summary: (d) =>
      num(d.idleMinutes) !== null ? `Tự đăng xuất sau ${num(d.idleMinutes)} phút không dùng` : null,
  },
  'plans.create': { group: 'drafting', label: 'Tạo kế hoạch', summary: documentName },
  'reports.create': { group: 'drafting', label: 'Tạo báo cáo', summary: documentName },
  'reports.upgrade': {
    group: 'drafting',
    label: 'Cập nhật báo cáo theo mẫu mới',
    summary: documentVersion,
  },
  'letters.create': {
    group: 'drafting',
    label: 'Tạo công văn đôn đốc',
    summary: (d, c) =>
      join(documentName(d, c), num(d.addressees) !== null && `gửi ${num(d.addressees)} cơ quan`),
  },
  'drafts.delete': {
    group: 'drafting',
    label: 'Xóa bản nháp',
    summary: (d) => {
      const kind = kindOf(d.kind);
      const title = str(d.title);
      const period = d.period && typeof d.period === 'object' ? str((d.period as Detail).title) : null;
      const what = kind ? `Xóa bản nháp ${kindNouns[kind]}` : 'Xóa bản nháp';
      if (!title) return period ? `${what} ${period}` : null;
      return `${what} ${quoted(title)}`;
    },
  },
  'documents.restoreVersion': {
    group: 'drafting',
    label: 'Khôi phục phiên bản',
    summary: (d, c) =>
      join(documentName(d, c), num(d.versionNo) !== null && `về phiên bản ${num(d.versionNo)}`),
  },
  'documents.issuedFile': {
    group: 'register',
    label: 'Tải tệp văn bản đã ban hành',
    summary: (d) =>
      join(
        str(d.number) && `Văn bản số ${str(d.number)}`,
        str(d.role) && (fileRoles[str(d.role)!] ?? str(d.role)),
      ),
  },
  'attachments.add': {
    group: 'attachments',
    label: 'Thêm tệp đính kèm',
    summary: (d, c) =>
      join(
        str(d.name) && quoted(str(d.name)!),
        fileSize(d.size),
        documentName(d, c) && `vào ${documentName(d, c)}`,
      ),
  },
  'attachments.remove': {
    group: 'attachments',
    label: 'Xóa tệp đính kèm',
    summary: (d, c) =>
      join(
        str(d.name) && quoted(str(d.name)!),
        fileSize(d.size),
        documentName(d, c) && `khỏi ${documentName(d, c)}`,
      ),
  },
  'attachments.rename': {
    group: 'attachments',
    label: 'Đổi tên tệp đính kèm',
    summary: (d, c) =>
      join(
        str(d.from) && str(d.name) && `${quoted(str(d.from)!)} thành ${quoted(str(d.name)!)}`,
        documentName(d, c) && `trong ${documentName(d, c)}`,
      ),
  },
  'workflow.resolveComment': {
    group: 'workflow',
    label: 'Xử lý ý kiến góp ý',
    summary: (d, c) =>
      join(
        d.resolved === true ? 'Đánh dấu đã xử lý' : d.resolved === false ? 'Mở lại ý kiến' : null,
        documentName(d, c) && `trong ${documentName(d, c)}`,
      ),
  },
  'register.assign': {
    group: 'register',
    label: 'Cấp số văn bản',
    summary: (d, c) =>
      join(
        str(d.number) && `Số ${str(d.number)}`,
        shortDate(d.issuedOn) && `ngày ${shortDate(d.issuedOn)}`,
        documentName(d, c),
      ),
  },
  'register.cancel': {
    group: 'register',
    label: 'Hủy số văn bản',
    summary: (d, c) =>
      join(
        str(d.number) && `Số ${str(d.number)}`,
        documentName(d, c),
        str(d.reason) && `lý do: ${str(d.reason)}`,
      ),
  },
  'signing.identity.set': {
    group: 'signing',
    label: 'Cài chứng thư số',
    summary: (d) => join(`Chứng thư số của ${ownerText(d.owner)}`, str(d.subject)),
  },
  'signing.identity.remove': {
    group: 'signing',
    label: 'Gỡ chứng thư số',
    summary: (d) => `Chứng thư số của ${ownerText(d.owner)}`,
  },
  'signing.signatureImage.set': {
    group: 'signing',
    label: 'Đặt ảnh chữ ký',
    summary: (d) =>
      num(d.width) !== null && num(d.height) !== null
        ? `Ảnh ${num(d.width)} × ${num(d.height)} điểm ảnh`
        : null,
  },
  'signing.seal.set': {
    group: 'signing',
    label: 'Đặt ảnh con dấu',
    summary: (d) => (num(d.diameterMm) !== null ? `Đường kính ${num(d.diameterMm)} mm` : null),
  },
  'signing.trustedRoot.add': {
    group: 'signing',
    label: 'Thêm chứng thư gốc tin cậy',
    summary: (d) => str(d.subject),
  },
  'signing.trustedRoot.remove': {
    group: 'signing',
    label: 'Gỡ chứng thư gốc tin cậy',
    summary: (d) => (str(d.sha256) ? `Dấu vân tay SHA-256 ${str(d.sha256)!.slice(0, 16)}…` : null),
  },
  'outbox.enrol': {
    group: 'outbox',
    label: 'Đăng ký gửi Sở KH&CN',
    summary: (d) =>
      join(
        str(d.serverUrl) && `Máy chủ ${str(d.serverUrl)}`,
        str(d.organization) && `mã cơ quan ${str(d.organization)}`,
      ),
  },
  'outbox.retry': {
    group: 'outbox',
    label: 'Gửi lại gói',
    summary: (d) => (str(d.packageId) ? `Gói ${str(d.packageId)}` : null),
  },
};

// `${kind}s.save`: one entry per editing session of a document of each kind.
const saveLabels: Record<DocumentKind, string> = {
  plan: 'Lưu kế hoạch',
  report: 'Lưu báo cáo',
  letter: 'Lưu công văn',
};
for (const kind of documentKindSchema.options) {
  texts[`${kind}s.save`] = { group: 'drafting', label: saveLabels[kind], summary: documentVersion };
}

// `workflow.${action}`: the steps of the approval chain, worded as the history says them.
for (const action of workflowActions) {
  texts[`workflow.${action}`] = {
    group: 'workflow',
    label: transitions[action].done,
    summary: (d, c) => {
      const kind = kindOf(d.kind);
      const name = documentName(d, c);
      return join(
        name &&
          (kind ? `${kindNouns[kind][0]!.toUpperCase()}${kindNouns[kind].slice(1)} ${quoted(name)}` : name),
        str(d.reason) && `lý do: ${str(d.reason)}`,
      );
    },
  };
}

/** Every action code with a label. */
export const auditActionCodes: readonly string[] = Object.keys(texts);

/** The codes of a "Thao tác" group, for the list's filter. */
export function auditActionsOf(group: AuditGroup): string[] {
  return auditActionCodes.filter((a) => texts[a]!.group === group);
}

/** The Vietnamese label of an action; an unknown one shows its code. */
export function auditActionLabel(action: string): string {
  return texts[action]?.label ?? action;
}

/**
 * The one-line summary of an entry, or null when there is nothing to add to the label (or the
 * action is unknown). Never throws: old entries may lack fields that newer ones carry.
 */
export function auditSummary(action: string, detail: unknown, context: AuditContext = {}): string | null {
  const t = texts[action];
  if (!t?.summary || !detail || typeof detail !== 'object' || Array.isArray(detail)) return null;
  return t.summary(detail as Detail, context)?.normalize('NFC') ?? null;
}
