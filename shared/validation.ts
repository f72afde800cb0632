import { z } from 'zod';

// Built-in zod messages in Vietnamese; our schemas give their own where the wording matters.
z.config(z.locales.vi());

const fieldLabels: Record<string, string> = {
  organization: 'Thông tin cơ quan',
  admin: 'Tài khoản quản trị',
  name: 'Tên cơ quan',
  parentName: 'Cơ quan chủ quản',
  agencyType: 'Loại cơ quan',
  abbreviation: 'Chữ viết tắt',
  place: 'Địa danh',
  address: 'Địa chỉ',
  phone: 'Số điện thoại',
  email: 'Thư điện tử',
  username: 'Tên đăng nhập',
  password: 'Mật khẩu',
  currentPassword: 'Mật khẩu hiện tại',
  newPassword: 'Mật khẩu mới',
  fullName: 'Họ và tên',
  roles: 'Vai trò',
  title: 'Chức vụ',
  signingAuthority: 'Thẩm quyền ký',
  active: 'Trạng thái',
  id: 'Mã',
};

/** "Tài khoản quản trị › Mật khẩu" for a path, with list positions as "dòng 3". */
export function describePath(path: readonly PropertyKey[]): string {
  return path
    .map((p) => (typeof p === 'number' ? `dòng ${p + 1}` : (fieldLabels[String(p)] ?? String(p))))
    .join(' › ');
}

/** One Vietnamese sentence per problem, each naming the field it is about. */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  const lines = issues
    .slice(0, 8)
    .map((i) => (i.path.length ? `${describePath(i.path)}: ${i.message}` : i.message));
  if (issues.length > 8) lines.push(`… và ${issues.length - 8} lỗi khác`);
  return `Dữ liệu không hợp lệ. ${lines.join('; ')}.`;
}
