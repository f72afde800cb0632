import { z } from 'zod';

export const roleSchema = z.enum(['chuyen_vien', 'lanh_dao', 'quan_tri']);
export type Role = z.infer<typeof roleSchema>;

export const roleLabels: Record<Role, string> = {
  chuyen_vien: 'Chuyên viên',
  lanh_dao: 'Lãnh đạo',
  quan_tri: 'Quản trị',
};

/** What a call needs: nothing, a logged-in user, or a permission that some role grants. */
export type Permission = 'settings.manage' | 'users.manage' | 'drafts.edit' | 'documents.approve';
export type Access = 'public' | 'user' | Permission;

const rolePermissions: Record<Role, readonly Permission[]> = {
  chuyen_vien: ['drafts.edit'],
  lanh_dao: ['drafts.edit', 'documents.approve'],
  quan_tri: ['settings.manage', 'users.manage'],
};

export function hasPermission(roles: readonly Role[], permission: Permission): boolean {
  return roles.some((r) => rolePermissions[r].includes(permission));
}

export const permissionLabels: Record<Permission, string> = {
  'settings.manage': 'thay đổi thông tin cơ quan',
  'users.manage': 'quản lý người dùng',
  'drafts.edit': 'soạn thảo kế hoạch, báo cáo',
  'documents.approve': 'duyệt và ký văn bản',
};
