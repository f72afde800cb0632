import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { docxFromLayout, forgetPackageShells } from '../../../electron/services/documents/docx/renderDocx.ts';
import { readZip, writeZip } from '../../../electron/services/documents/docx/zipPackage.ts';
import { layoutDocument } from '../../../electron/services/documents/layout/documentLayout.ts';
import { sizesFor } from '../../../electron/services/documents/layout/page.ts';
import { para } from '../../../electron/services/documents/layout/styles.ts';
import { renderDocx } from '../../../electron/services/documents/renderDocument.ts';
import {
  PLAN_EXAMPLE,
  REPORT_EXAMPLE,
  catalog,
  loadExample,
  paragraphs,
  textOf,
  variant,
} from './docxXml.ts';

/**
 * The .docx as a package: a zip an outside tool (Info-ZIP's unzip) reads without complaint, its
 * file times fixed; the body written by bodyXml.ts into the package docx writes, with each
 * section's page setup where Word looks for it.
 */

const hasUnzip = spawnSync('sh', ['-c', 'command -v unzip']).status === 0;

function unzip(args: string[], bytes: Buffer) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'docx-zip-'));
  try {
    const file = path.join(dir, 'test.zip');
    fs.writeFileSync(file, bytes);
    return spawnSync(args[0]!, [...args.slice(1), file], { encoding: 'utf8' });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('the .docx package', () => {
  it.skipIf(!hasUnzip)('is a zip unzip tests clean, every part dated 1980-01-01 00:00', async () => {
    const bytes = await renderDocx(loadExample(PLAN_EXAMPLE), catalog);
    const test = unzip(['unzip', '-t'], bytes);
    expect(test.status, test.stdout + test.stderr).toBe(0);
    expect(test.stdout).toContain('No errors detected');
    const listing = unzip(['zipinfo', '-T'], bytes).stdout;
    const times = [...listing.matchAll(/ (\d{8}\.\d{6}) /g)].map((m) => m[1]);
    expect(times.length).toBeGreaterThan(10);
    expect(new Set(times)).toEqual(new Set(['19800101.000000']));
    for (const part of ['[Content_Types].xml', 'word/document.xml', 'word/styles.xml', '_rels/.rels'])
      expect(listing).toContain(part);
  });

  it.skipIf(!hasUnzip)(
    'writes what it reads back, UTF-8 names included, as other readers see it',
    async () => {
      const entries = [
        { name: 'a.xml', data: Buffer.from('<a>Độc lập - Tự do - Hạnh phúc</a>'.repeat(200)) },
        { name: 'thư mục/tệp.txt', data: Buffer.from('Phụ lục') },
        { name: 'empty.txt', data: Buffer.alloc(0) },
      ];
      const zip = writeZip(entries);
      expect(readZip(zip)).toEqual(entries);
      const other = await JSZip.loadAsync(zip);
      expect(await other.file('thư mục/tệp.txt')!.async('string')).toBe('Phụ lục');
      expect(await other.file('a.xml')!.async('string')).toBe(entries[0]!.data.toString());
      const test = unzip(['unzip', '-t'], zip);
      expect(test.status, test.stdout + test.stderr).toBe(0);
      expect(test.stdout).toContain('No errors detected');
    },
  );

  it('puts a section ending in a paragraph’s page setup into that paragraph, as Word does', async () => {
    const layout = layoutDocument(loadExample(PLAN_EXAMPLE), catalog);
    const [body, appendix] = layout.sections;
    const last = para('body', [{ text: 'Đoạn cuối & <phần> "một" \u0001' }], sizesFor('13/14'));
    const bytes = await docxFromLayout({
      ...layout,
      sections: [{ ...body!, blocks: [...body!.blocks, last] }, appendix!],
    });
    const document = await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');
    const all = paragraphs(document);
    const closing = all.find((p) => p.text.startsWith('Đoạn cuối'))!;
    // The body's page setup (portrait) is in the paragraph itself: no empty paragraph after it
    // that could spill onto a page of its own.
    expect(closing.xml).toMatch(
      /<w:pPr><w:pStyle w:val="ND30NoiDung"\/><w:sectPr>[\s\S]*w:orient="portrait"/,
    );
    expect(document.match(/<w:sectPr>/g)).toHaveLength(2);
    expect(all.filter((p) => /^<w:p><w:pPr><w:sectPr>/.test(p.xml))).toHaveLength(0);
    // Text is escaped; a control character XML cannot hold is dropped.
    expect(closing.xml).toContain('Đoạn cuối &amp; &lt;phần&gt; &quot;một&quot; </w:t>');
    expect(textOf(closing.xml)).toBe('Đoạn cuối & <phần> "một" ');
    // Nothing of the placeholders is left.
    expect(document).not.toContain('BAOCAO-SECTION');
    expect(document.match(/<w:tbl>/g)!.length).toBe(
      layout.sections.flatMap((s) => s.blocks).filter((b) => b.type === 'columns' || b.type === 'grid')
        .length,
    );
  });

  it('gives each document its own title, date and letterhead sizes, whatever was made before it', async () => {
    const plan = loadExample(PLAN_EXAMPLE);
    const small = variant(REPORT_EXAMPLE, (r) => {
      r.organization.letterhead.fontPair = '12/13';
      r.meta.title = 'Báo cáo khác';
    });
    forgetPackageShells();
    const first = await renderDocx(plan, catalog);
    const other = await renderDocx(small, catalog);
    const again = await renderDocx(plan, catalog);
    forgetPackageShells();
    const fresh = await renderDocx(small, catalog);
    expect(again.equals(first)).toBe(true);
    expect(fresh.equals(other)).toBe(true);
    const zip = await JSZip.loadAsync(other);
    expect(await zip.file('docProps/core.xml')!.async('string')).toContain(
      '<dc:title>Báo cáo khác</dc:title>',
    );
    // The body of the 12/13 report: 13 pt (26 half-points) in its own styles.xml.
    expect(await zip.file('word/styles.xml')!.async('string')).toMatch(
      /w:styleId="ND30NoiDung">[\s\S]*?<w:sz w:val="26"\/>/,
    );
  });
});
