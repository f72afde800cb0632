import JSZip from 'jszip';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderDocx } from '../../../electron/services/documents/renderDocument.ts';
import { longPlan } from './longPlan.ts';
import { PLAN_EXAMPLE, REPORT_EXAMPLE, catalog, loadExample } from './docxXml.ts';

/** What a clerk who opens the file in Word sees in its style list, and the bytes of the same input. */

async function rawParts(bytes: Buffer) {
  const zip = await JSZip.loadAsync(bytes);
  const text = (name: string) => zip.file(name)!.async('string');
  return { document: await text('word/document.xml'), styles: await text('word/styles.xml'), zip };
}

describe('the .docx styles', () => {
  afterEach(() => vi.useRealTimers());

  it('gives the same bytes for the same input and clock, whenever it is packed', async () => {
    const doc = loadExample(REPORT_EXAMPLE);
    const clock = new Date('2026-06-20T03:00:00Z');
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-07-01T08:00:00Z'));
    const first = await renderDocx(doc, catalog, { createdAt: clock });
    vi.setSystemTime(new Date('2027-01-15T23:59:58Z'));
    const again = await renderDocx(doc, catalog, { createdAt: clock });
    expect(again.equals(first)).toBe(true);
    // The document's date is the clock's, not the moment it was packed.
    const core = await (await JSZip.loadAsync(first)).file('docProps/core.xml')!.async('string');
    expect(core).toContain(
      '<dcterms:created xsi:type="dcterms:W3CDTF">2026-06-20T03:00:00Z</dcterms:created>',
    );
    // Another clock is another document.
    const later = await renderDocx(doc, catalog, { createdAt: new Date('2026-06-21T03:00:00Z') });
    expect(later.equals(first)).toBe(false);
  });

  it('defines the ND30 kinds once, by names a clerk recognises, and every paragraph names one', async () => {
    for (const file of [PLAN_EXAMPLE, REPORT_EXAMPLE]) {
      const { document, styles } = await rawParts(await renderDocx(loadExample(file), catalog));
      const names = new Map(
        [...styles.matchAll(/<w:style\b[^>]*w:styleId="([^"]+)"[^>]*><w:name w:val="([^"]+)"/g)].map((m) => [
          m[1]!,
          m[2]!,
        ]),
      );
      for (const name of [
        'ND30 Nội dung',
        'ND30 Tiêu đề 1',
        'ND30 Tiêu đề 2',
        'ND30 Bảng',
        'ND30 Bảng, tiêu đề cột',
        'ND30 Quốc hiệu',
        'ND30 Tiêu ngữ',
        'ND30 Cơ quan ban hành',
        'ND30 Số, ký hiệu',
        'ND30 Họ tên người ký',
      ])
        expect([...names.values()], name).toContain(name);
      const paragraphs = [...document.matchAll(/<w:p(?:\s[^>]*)?>([\s\S]*?)<\/w:p>/g)];
      expect(paragraphs.length).toBeGreaterThan(20);
      for (const [, inner] of paragraphs) {
        // The paragraph docx adds to end a section holds nothing but the section's properties.
        if (/^<w:pPr><w:sectPr>[\s\S]*<\/w:sectPr><\/w:pPr>$/.test(inner!)) continue;
        const style = /^<w:pPr><w:pStyle w:val="([^"]+)"\/>/.exec(inner!)?.[1];
        expect(style && names.get(style), inner!.slice(0, 200)).toMatch(/^ND30 /);
      }
    }
  });

  it('leaves fonts, colours and sizes to the styles: direct formatting only where a style cannot say it', async () => {
    const { document } = await rawParts(await renderDocx(longPlan(300), catalog));
    const runs = document.match(/<w:r>/g)!.length;
    expect(runs).toBeGreaterThan(2_000);
    expect(document).not.toMatch(/<w:rFonts|<w:color /);
    // A run states at most its character style (bold "Nhiệm vụ:", an italic task text).
    const direct = [...document.matchAll(/<w:r><w:rPr>([\s\S]*?)<\/w:rPr>/g)].map((m) => m[1]!);
    for (const rPr of direct) expect(rPr).toMatch(/^<w:rStyle w:val="ND30[A-Za-z]+"\/>$/);
    expect(direct.length).toBeLessThan(runs / 4);
  });
});
