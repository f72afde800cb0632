import { expect, it } from 'vitest';
import { api, methodNames } from '../../../shared/api.ts';
import { DEFAULT_TIME_LIMIT_MS, TIME_LIMITS, callRules } from '../../../shared/api/method.ts';

it('an entry without a limit waits the default, and is not cancellable', () => {
  expect(callRules(api['home.get'])).toEqual({ timeLimitMs: DEFAULT_TIME_LIMIT_MS, cancellable: false });
});

it('exports, imports, rendering, signing and backups have the longer limits', () => {
  const limit = (name: keyof typeof api) => callRules(api[name]).timeLimitMs;
  for (const name of [
    'documents.renderPdf',
    'documents.renderDocx',
    'spreadsheets.export',
    'spreadsheets.previewImport',
    'spreadsheets.applyImport',
    'register.export',
  ] as const)
    expect(limit(name), name).toBe(TIME_LIMITS.file);
  // A PIN typed at the token's own prompt can take a person minutes.
  for (const name of ['workflow.approve', 'workflow.issue', 'signing.testSign', 'signing.useToken'] as const)
    expect(limit(name), name).toBe(TIME_LIMITS.person);
  for (const name of ['backup.create', 'backup.restore', 'updates.install'] as const)
    expect(limit(name), name).toBe(TIME_LIMITS.dataFolder);
});

it('"Hủy" is offered only where stopping halfway changes nothing', () => {
  // Read-only calls, and the import's dry run (it reads the file and the report, writes nothing).
  const dryRuns = new Set(['spreadsheets.previewImport']);
  const cancellable = methodNames.filter((n) => callRules(api[n]).cancellable);
  expect(cancellable.length).toBeGreaterThan(0);
  expect(cancellable.filter((n) => !('readOnly' in api[n] && api[n].readOnly) && !dryRuns.has(n))).toEqual(
    [],
  );
  // Every limit is at least the default: a longer one is a decision, a shorter one a mistake.
  expect(methodNames.filter((n) => callRules(api[n]).timeLimitMs < DEFAULT_TIME_LIMIT_MS)).toEqual([]);
});
