import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { api, methodNames } from '../../shared/api.ts';
import { describeIssues, describePath } from '../../shared/validation.ts';
import { inputLeaves } from './helpers/schemaWalk.ts';

/** Every path of every input of the contract, and each of its prefixes (an object may be refused whole). */
function everyPath(): { method: string; path: (string | number)[] }[] {
  const out = new Map<string, { method: string; path: (string | number)[] }>();
  for (const method of methodNames) {
    for (const leaf of inputLeaves(api[method].input)) {
      // A list item at position 4, as zod reports it; '*' is an object's catch-all key.
      const path = leaf.path.filter((p) => p !== '*').map((p) => (p === '[]' ? 3 : p));
      for (let i = 1; i <= path.length; i++) {
        const prefix = path.slice(0, i);
        out.set(`${method}:${prefix.join('.')}`, { method, path: prefix });
      }
    }
  }
  return [...out.values()];
}

describe('a message names the field as the form does, never by its internal path', () => {
  const paths = everyPath();

  it('walks the contract (the walk itself reaches the fields)', () => {
    expect(paths.length).toBeGreaterThan(300);
    expect(paths.some((p) => p.path.join('.') === 'organization.letterhead.margins.left')).toBe(true);
  });

  it('every path maps to Vietnamese labels: no dotted paths, no English keys, no "›" breadcrumbs', () => {
    const wrong: string[] = [];
    for (const { method, path } of paths) {
      const shown = describePath(path, method);
      const keys = path.filter((p): p is string => typeof p === 'string');
      const words = new Set(shown.split(/[^\p{L}\p{N}#&]+/u));
      const problem =
        shown === '' ||
        /[\p{L}\p{N}]\.[\p{L}\p{N}]/u.test(shown) ||
        /[\p{L}\p{N}]\.[\p{L}\p{N}]/u.test(shown) ||
        /\b[a-z]+[A-Z]\w*/.test(shown) ||
        keys.some((k) => words.has(k));
      if (problem) wrong.push(`${method}: ${path.join('.')} → "${shown}"`);
    }
    expect(wrong).toEqual([]);
  });

  it('says the row where it matters and leaves the groups out', () => {
    expect(describePath(['organization', 'letterhead', 'margins', 'left'], 'organization.update')).toBe(
      'Lề trái',
    );
    expect(describePath(['activities', 3, 'expectedOutput'])).toBe('Hoạt động 4 – Sản phẩm');
    expect(describePath(['content', 'tasks', 2, 'activities', 0, 'content'], 'plans.save')).toBe(
      'Nhiệm vụ 3 – Hoạt động 1 – Nội dung',
    );
    expect(describePath(['letterhead', 'recipients', 1])).toBe('Nơi nhận 2');
    expect(describePath(['letterhead', 'signer', 'title'])).toBe('Chức vụ người ký');
  });

  it('a refused letterhead margin reads "Lề trái: …", not "Thể thức văn bản › margins › left"', () => {
    const schema = z.object({ letterhead: z.object({ margins: z.object({ left: z.number().min(30) }) }) });
    const r = schema.safeParse({ letterhead: { margins: { left: 10 } } });
    expect(describeIssues(r.error!.issues)).toBe('Dữ liệu không hợp lệ. Lề trái: không được nhỏ hơn 30.');
  });
});
