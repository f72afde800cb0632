import { z } from 'zod';
import type { Access } from '../domain/organization/roles.ts';

/**
 * One entry of the contract: its access rule and its input/output schemas. Every area's table
 * (shared/api/<area>.ts) is built from these and spread into THE contract in shared/api.ts.
 */
export interface MethodSpec<I extends z.ZodType, O extends z.ZodType> {
  access: Access;
  input: I;
  output: O;
  /** Calls that only read: the web host may retry them, the UI may cache them. */
  readOnly?: boolean;
}
export const method = <I extends z.ZodType, O extends z.ZodType>(spec: MethodSpec<I, O>) => spec;

export const empty = z.object({}).strict();
export const ok = z.object({ ok: z.literal(true) });

/** A file crossing the contract: its name, MIME type and bytes as base64. */
export const fileSchema = z.object({ fileName: z.string(), mime: z.string(), dataBase64: z.string() });
