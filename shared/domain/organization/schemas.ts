import { z } from 'zod';
import { linesMatchName } from './agencyHeading.ts';
import { text } from '../../text.ts';
import { letterheadSchema } from './letterhead.ts';
import { roleSchema } from './roles.ts';

const required = (label: string, max = 200) =>
  text
    .name(max)
    .trim()
    .min(1, `${label} không được để trống`)
    .max(max, `${label} dài quá ${max} ký tự`)
    .transform((s) => s.normalize('NFC'));

const optionalText = (label: string, max = 200, kind: 'line' | 'name' = 'line') =>
  text[kind](max)
    .trim()
    .max(max, `${label} dài quá ${max} ký tự`)
    .transform((s) => s.normalize('NFC'))
    .default('');

export const organizationSchema = z
  .object({
    name: required('Tên cơ quan'),
    /** Cơ quan chủ quản, printed above the agency's name; none for a commune or ward (UBND xã, phường). */
    parentName: optionalText('Cơ quan chủ quản', 200, 'name'),
    agencyType: text.pattern(/^[a-z][a-z0-9_]*$/, 'Loại cơ quan không hợp lệ'),
    /** Used in document numbers: "Số: 05/BC-SKHCN". */
    abbreviation: text
      .name(20)
      .trim()
      .transform((s) => s.normalize('NFC').toUpperCase())
      .pipe(
        z
          .string()
          .regex(
            /^[A-ZĐ0-9]+(-[A-ZĐ0-9]+)*$/u,
            'Chữ viết tắt chỉ gồm chữ in hoa không dấu, chữ Đ, chữ số và dấu "-" (ví dụ SKHCN)',
          )
          .max(20, 'Chữ viết tắt dài quá 20 ký tự'),
      ),
    place: required('Địa danh', 60),
    address: optionalText('Địa chỉ'),
    phone: text
      .line(30)
      .trim()
      .regex(/^[0-9 .+()-]*$/, 'Số điện thoại chỉ gồm chữ số và các ký tự + ( ) . -')
      .max(30, 'Số điện thoại dài quá 30 ký tự')
      .default(''),
    email: z.union([z.literal(''), text.line(200).trim().email('Thư điện tử không hợp lệ')]).default(''),
    planId: text.id().default('34-KH-UBND-2025'),
    letterhead: letterheadSchema.default(() => letterheadSchema.parse({})),
    /**
     * A department with one head only: that head may approve what they drafted themselves (otherwise
     * another head must, Nghị định 30/2020 Điều 13).
     */
    singleHead: z.boolean().default(false),
  })
  .superRefine((org, ctx) => {
    const lines = org.letterhead.agencyLines;
    if (lines.length && !linesMatchName(lines, org.name)) {
      ctx.addIssue({
        code: 'custom',
        path: ['letterhead', 'agencyLines'],
        message: 'Cách xuống dòng tên cơ quan chỉ được ngắt dòng, phải giữ nguyên từng chữ của tên cơ quan',
      });
    }
  });
export type Organization = z.infer<typeof organizationSchema>;
export type OrganizationInput = z.input<typeof organizationSchema>;

export const usernameSchema = text
  .name(64)
  .trim()
  .toLowerCase()
  .regex(
    /^[a-z0-9._-]{3,32}$/,
    'Tên đăng nhập gồm 3–32 ký tự: chữ không dấu, số, dấu chấm, gạch ngang, gạch dưới',
  );

export const passwordSchema = text
  .secret(128)
  .min(8, 'Mật khẩu phải có ít nhất 8 ký tự')
  .max(128, 'Mật khẩu dài quá 128 ký tự');

const userFields = {
  username: usernameSchema,
  fullName: required('Họ và tên', 100),
  roles: z.array(roleSchema).min(1, 'Người dùng phải có ít nhất một vai trò'),
  /** Leaders only: "Phó Giám đốc" and "KT. GIÁM ĐỐC" go into the signature block. */
  title: optionalText('Chức vụ', 100, 'name'),
  signingAuthority: optionalText('Thẩm quyền ký', 100, 'name'),
};

/**
 * Leaders sign: their title goes into the signature block ("PHÓ GIÁM ĐỐC"). The signing authority
 * ("KT. GIÁM ĐỐC", "Q. GIÁM ĐỐC") is left empty by a head who signs in person (ký trực tiếp).
 */
function leadersNeedSignatureFields<T extends { roles: string[]; title: string }>(
  u: T,
  ctx: z.RefinementCtx,
) {
  if (!u.roles.includes('lanh_dao')) return;
  if (!u.title)
    ctx.addIssue({
      code: 'custom',
      path: ['title'],
      message: 'Lãnh đạo phải có chức vụ (ví dụ Phó Giám đốc)',
    });
}

export const newUserSchema = z
  .object({ ...userFields, password: passwordSchema })
  .superRefine(leadersNeedSignatureFields);
export type NewUser = z.infer<typeof newUserSchema>;

export const userUpdateSchema = z
  .object({
    id: text.id(),
    fullName: userFields.fullName,
    roles: userFields.roles,
    title: userFields.title,
    signingAuthority: userFields.signingAuthority,
    active: z.boolean(),
    /** Set only when an administrator resets the password. */
    newPassword: passwordSchema.optional(),
  })
  .superRefine(leadersNeedSignatureFields);

export const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  fullName: z.string(),
  roles: z.array(roleSchema),
  title: z.string(),
  signingAuthority: z.string(),
  active: z.boolean(),
  createdAt: z.string(),
});
export type User = z.infer<typeof userSchema>;

export const setupSchema = z.object({
  organization: organizationSchema,
  admin: newUserSchema,
});
