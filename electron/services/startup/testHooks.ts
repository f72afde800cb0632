import { z } from 'zod';

/**
 * Hooks for the E2E tests, read by the web host from BAOCAO_TEST_HOOKS (JSON) and nowhere else:
 * the desktop never reads it, and without it nothing here exists. `stepDelayMs` paces each
 * progress step of long work (a slow export to watch and cancel); the rest reaches the renderer as
 * a cookie (renderer/testHooks.ts): `throwingPage` adds a page that throws while rendering, and
 * `timeLimits` shortens the limit of named methods (a call that outlives its limit). `now` sets the
 * services' clock (testClock).
 */
const testHooksSchema = z
  .object({
    stepDelayMs: z.number().int().min(0).max(60_000).optional(),
    throwingPage: z.boolean().optional(),
    timeLimits: z.record(z.string(), z.number().int().positive()).optional(),
    /** The services' clock starts at this instant and runs on from it (deadlines on a fixed "today"). */
    now: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();
export type TestHooks = z.infer<typeof testHooksSchema>;

export const TEST_HOOKS_COOKIE = 'baocao-test-hooks';

export function readTestHooks(raw: string | undefined): TestHooks | null {
  if (!raw) return null;
  return testHooksSchema.parse(JSON.parse(raw));
}

/** What the renderer needs, readable by the page (not HttpOnly: it holds no secret). */
export function testHooksCookie(hooks: TestHooks): string {
  const forPage = { throwingPage: hooks.throwingPage ?? false, timeLimits: hooks.timeLimits ?? {} };
  return `${TEST_HOOKS_COOKIE}=${encodeURIComponent(JSON.stringify(forPage))}; Path=/; SameSite=Strict`;
}

/** A clock that reads `now` at start and runs on in real time from there. */
export function testClock(now: string): () => Date {
  const offset = Date.parse(now) - Date.now();
  return () => new Date(Date.now() + offset);
}
