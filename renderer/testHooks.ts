/**
 * What the E2E's web host allows (electron/services/startup/testHooks.ts), read from the cookie it
 * sets only when started with BAOCAO_TEST_HOOKS. The desktop and a normal `npm run web` never set
 * it, so there this is empty and the test-only page and limits do not exist.
 */
export interface RendererTestHooks {
  throwingPage: boolean;
  timeLimits: Record<string, number>;
}

function read(): RendererTestHooks | null {
  if (window.baocao) return null;
  const m = /(?:^|;\s*)baocao-test-hooks=([^;]*)/.exec(document.cookie);
  if (!m) return null;
  try {
    const v = JSON.parse(decodeURIComponent(m[1]!)) as Partial<RendererTestHooks>;
    return { throwingPage: v.throwingPage === true, timeLimits: v.timeLimits ?? {} };
  } catch {
    return null;
  }
}

export const testHooks: RendererTestHooks | null = read();
