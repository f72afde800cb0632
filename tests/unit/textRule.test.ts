import { describe, expect, it } from 'vitest';
import { api, methodNames } from '../../shared/api.ts';
import { textKindOf } from '../../shared/text.ts';
import { inputLeaves } from './helpers/schemaWalk.ts';

/** z.iso.date(), z.uuid(), z.email(): formats whose own pattern admits only plain ASCII. */
const ASCII_FORMATS = new Set(['date', 'datetime', 'time', 'uuid', 'email', 'regex-ascii']);

describe('the text rule covers every string the contract accepts', () => {
  const leaves = methodNames.flatMap((name) =>
    inputLeaves(api[name].input).map((l) => ({ ...l, where: `${name}: ${l.path.join('.') || '(input)'}` })),
  );

  it('finds the string inputs (the walk itself reaches them)', () => {
    expect(leaves.filter((l) => l.type === 'string').length).toBeGreaterThan(40);
  });

  it('every string input is built with a helper of shared/text.ts', () => {
    const uncovered = leaves
      .filter((l) => l.type === 'string')
      .filter((l) => {
        const format = (l.schema._zod.def as { format?: string }).format;
        return textKindOf(l.schema) === null && !(format && ASCII_FORMATS.has(format));
      })
      .map((l) => l.where);
    expect(uncovered).toEqual([]);
  });

  it('names, titles and file names use the strict rule (no bidi overrides or invisible characters)', () => {
    const loose = leaves
      .filter((l) => l.type === 'string' && /(name|title)$/i.test(l.path.at(-1) ?? ''))
      .filter((l) => !['name', 'code', 'secret'].includes(textKindOf(l.schema) ?? ''))
      .map((l) => `${l.where} (${textKindOf(l.schema)})`);
    expect(loose).toEqual([]);
  });
});

describe('messages about a pattern', () => {
  it('a value that does not match a pattern is never shown the pattern itself', () => {
    const patterned = methodNames.flatMap((name) =>
      inputLeaves(api[name].input)
        .filter((l) => l.type === 'string')
        .map((l) => ({ where: `${name}: ${l.path.join('.')}`, schema: l.schema })),
    );
    const showingRegex = patterned
      .map((p) => ({ ...p, result: p.schema.safeParse('\u00a7 không khớp §') }))
      .filter((p) => !p.result.success)
      .filter((p) => p.result.error!.issues.some((i) => /\/\^|\$\/|\\d|\[a-z/.test(i.message)))
      .map((p) => p.where);
    expect(showingRegex).toEqual([]);
  });
});
