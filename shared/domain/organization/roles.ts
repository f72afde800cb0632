import { z } from 'zod';

export const roleSchema = z.enum(['chuyen_vien', 'lanh_dao', 'van_thu', 'quan_tri']);
export type Role = z.infer<typeof roleSchema>;

export const roleLabels: Record<Role, string> = {
  chuyen_vien: 'Chuyên viên',
  lanh_dao: 'Lãnh đạo',
  van_thu: 'Văn thư',
  quan_tri: 'Quản trị',
};

/** What a call needs: nothing, a logged-in user, or a permission that some role grants. */
export type Permission =
  'settings.manage' | 'users.manage' | 'drafts.edit' | 'documents.approve' | 'documents.issue';
export type Access = 'public' | 'user' | Permission;

/**
 * Nghị định 30/2020, Điều 13–17: the clerk drafts, the competent head signs, the văn thư gives the
 * number and date, issues and keeps the register; the administrator runs the installation.
 */
const rolePermissions: Record<Role, readonly Permission[]> = {
  chuyen_vien: ['drafts.edit'],
  lanh_dao: ['drafts.edit', 'documents.approve'],
  van_thu: ['documents.issue'],
  quan_tri: ['settings.manage', 'users.manage'],
};

export function hasPermission(roles: readonly Role[], permission: Permission): boolean {
  return roles.some((r) => rolePermissions[r].includes(permission));
}

/** The roles that grant `permission`, for messages that say who may do something. */
export function rolesWith(permission: Permission): Role[] {
  return (Object.keys(rolePermissions) as Role[]).filter((r) => rolePermissions[r].includes(permission));
}

export const permissionLabels: Record<Permission, string> = {
  'settings.manage': 'thay đổi thông tin cơ quan',
  'users.manage': 'quản lý người dùng',
  'drafts.edit': 'soạn thảo kế hoạch, báo cáo',
  'documents.approve': 'duyệt và ký văn bản',
  'documents.issue': 'cấp số và ban hành văn bản',
};
