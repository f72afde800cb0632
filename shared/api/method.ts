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
  /**
   * How long the renderer waits before it tells the person the call ran out of time (ms);
   * DEFAULT_TIME_LIMIT_MS when omitted. Long work names one of TIME_LIMITS.
   */
  timeLimitMs?: number;
  /**
   * "Hủy" may be offered: the handler stops at the call's AbortSignal without having changed
   * anything (renders and exports that only read). False when omitted.
   */
  cancellable?: boolean;
}
export const method = <I extends z.ZodType, O extends z.ZodType>(spec: MethodSpec<I, O>) => spec;

/** A read or a small change answers within seconds; past this something is wrong. */
export const DEFAULT_TIME_LIMIT_MS = 10_000;

/** Longer limits for work that takes long by nature. */
export const TIME_LIMITS = {
  /** Building or reading a file: exports, imports, rendering, verifying, checking the audit chain. */
  file: 120_000,
  /** A person in the loop or the network: a PIN typed at the token's prompt, sending to Sở KH&CN. */
  person: 300_000,
  /** The whole data folder: backups, restore, installing an update. */
  dataFolder: 600_000,
} as const;

/** The limit and cancel rule of an entry, with the defaults filled in. */
export function callRules(spec: { timeLimitMs?: number; cancellable?: boolean }): {
  timeLimitMs: number;
  cancellable: boolean;
} {
  return { timeLimitMs: spec.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS, cancellable: spec.cancellable ?? false };
}

export const empty = z.object({}).strict();
export const ok = z.object({ ok: z.literal(true) });

/** A file crossing the contract: its name, MIME type and bytes as base64. */
export const fileSchema = z.object({ fileName: z.string(), mime: z.string(), dataBase64: z.string() });
