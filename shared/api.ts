import { z } from 'zod';
import type { Access } from './domain/organization/roles.ts';
import {
  newUserSchema,
  organizationSchema,
  passwordSchema,
  setupSchema,
  userSchema,
  userUpdateSchema,
  usernameSchema,
} from './domain/organization/schemas.ts';
import { agencyTypeSchema, indicatorSchema, partSchema, taskSchema } from './domain/catalog/schema.ts';

/**
 * THE contract between renderer and main: every call, its access rule and its input/output
 * schemas. Preload, IPC registration, the web host and the renderer client are all generated from
 * this table; adding a feature means adding an entry here and a handler in electron/services.
 */
interface MethodSpec<I extends z.ZodType, O extends z.ZodType> {
  access: Access;
  input: I;
  output: O;
  /** Calls that only read: the web host may retry them, the UI may cache them. */
  readOnly?: boolean;
}
const method = <I extends z.ZodType, O extends z.ZodType>(spec: MethodSpec<I, O>) => spec;

const empty = z.object({}).strict();
const ok = z.object({ ok: z.literal(true) });

const deadlineSchema = z.object({
  kind: z.enum(['semiannual', 'annual', 'monthly']),
  title: z.string(),
  due: z.string(),
  daysLeft: z.number().int(),
  dueText: z.string(),
});

const planSummarySchema = z.object({
  id: z.string(),
  number: z.string(),
  issuedOn: z.string(),
  issuer: z.string(),
  title: z.string(),
  planDue: z.string(),
  recipient: z.string(),
});

export const api = {
  'app.status': method({
    access: 'public',
    readOnly: true,
    input: empty,
    output: z.object({
      setUp: z.boolean(),
      user: userSchema.nullable(),
      organization: organizationSchema.nullable(),
      agencyTypes: z.array(agencyTypeSchema),
    }),
  }),
  'setup.complete': method({ access: 'public', input: setupSchema, output: userSchema }),
  'auth.login': method({
    access: 'public',
    input: z.object({ username: usernameSchema, password: z.string().min(1, 'Chưa nhập mật khẩu').max(128) }),
    output: userSchema,
  }),
  'auth.logout': method({ access: 'public', input: empty, output: ok }),
  'auth.changePassword': method({
    access: 'user',
    input: z.object({
      currentPassword: z.string().min(1, 'Chưa nhập mật khẩu hiện tại'),
      newPassword: passwordSchema,
    }),
    output: ok,
  }),
  'home.get': method({
    access: 'user',
    readOnly: true,
    input: empty,
    output: z.object({
      today: z.string(),
      plan: planSummarySchema,
      agencyType: agencyTypeSchema,
      parts: z.array(partSchema),
      tasks: z.array(taskSchema),
      indicators: z.array(indicatorSchema),
      deadlines: z.array(deadlineSchema),
    }),
  }),
  'organization.update': method({
    access: 'settings.manage',
    input: organizationSchema,
    output: organizationSchema,
  }),
  'users.list': method({ access: 'users.manage', readOnly: true, input: empty, output: z.array(userSchema) }),
  'users.create': method({ access: 'users.manage', input: newUserSchema, output: userSchema }),
  'users.update': method({ access: 'users.manage', input: userUpdateSchema, output: userSchema }),
} as const;

export type Api = typeof api;
export type MethodName = keyof Api;
export type MethodInput<K extends MethodName> = z.input<Api[K]['input']>;
export type ParsedInput<K extends MethodName> = z.output<Api[K]['input']>;
export type MethodOutput<K extends MethodName> = z.output<Api[K]['output']>;
export const methodNames = Object.keys(api) as MethodName[];

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(api, name);
}

/** The IPC channel of a method: one per method so the main process can check each call. */
export const ipcChannel = (name: MethodName) => `baocao:${name}`;
