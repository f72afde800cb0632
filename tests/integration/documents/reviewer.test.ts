import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { layoutDocument } from '../../../electron/services/documents/layout/documentLayout.ts';
import type { Block, CellBlock, ColumnsBlock } from '../../../electron/services/documents/layout/model.ts';
import { renderPdf } from '../../../electron/services/documents/pdf/renderPdf.ts';
import { renderDocx } from '../../../electron/services/documents/renderDocument.ts';
import { renderDocumentWorkbook } from '../../../electron/services/spreadsheets/documentWorkbook.ts';
import { sameAgency } from '../../../shared/domain/documents/addressee.ts';
import { catalog, ROOT } from '../../unit/documents/docxXml.ts';
import { reviewerSet, type ReviewCase } from './agencyDocuments.ts';
import { darkRows, readPages, type Line, type Page } from './pageReading.ts';
import { canRender, squash, tempDir, toPdf } from './renderSupport.ts';

/**
 * What a Văn phòng reviewer checks before accepting a document, on the PDFs of a dozen documents
 * from every family of agency: ours, and LibreOffice's rendering of our .docx (what a department
 * opening the Word file sees). One soffice run converts them all.
 */

const pt = (mm: number) => (mm * 72) / 25.4;
const cases = reviewerSet();

interface Rendered {
  c: ReviewCase;
  /** Our PDF and LibreOffice's, read back. */
  pdfs: { who: 'BaoCao' | 'LibreOffice'; file: string; pages: Page[] }[];
}

const isPageNumber = (l: Line) => /^\d+$/.test(l.text);
/** The trích yếu's last line: the last line before "Kính gửi" or the first căn cứ. */
function lastSummaryLine(page: Page): string {
  const title = page.lines.find((l) => /^(KẾ HOẠCH|BÁO CÁO)$/.test(l.text))!;
  const next = page.lines.find((l) => l.yMin > title.yMax && /^(Kính gửi|Căn cứ)/.test(l.text))!;
  return page.lines.filter((l) => l.yMin > title.yMax && l.yMax < next.yMin).at(-1)!.text;
}
const portrait = (p: Page) => p.height > p.width;
/** Lines of the body in reading order, page numbers left out. */
const bodyLines = (pages: Page[]) =>
  pages
    .filter(portrait)
    .flatMap((p) => p.lines.filter((l) => !isPageNumber(l)).map((l) => ({ ...l, page: p })));
const closingPage = (pages: Page[]) =>
  pages.find((p) => p.lines.some((l) => l.text.startsWith('Nơi nhận:')))!;

function screenshotPage(pdf: string, page: number, name: string) {
  const dir = path.join(ROOT, '.tmp', 'screenshots', 'reviewer');
  fs.mkdirSync(dir, { recursive: true });
  execFileSync('pdftoppm', [
    '-png',
    '-r',
    '60',
    '-f',
    String(page),
    '-l',
    String(page),
    '-singlefile',
    pdf,
    path.join(dir, name),
  ]);
}

describe.skipIf(!canRender)('documents a Văn phòng reviewer accepts, for every kind of agency', () => {
  let dir: string;
  const rendered: Rendered[] = [];
  let workbookPdf: Page[] = [];

  beforeAll(async () => {
    dir = tempDir('baocao-reviewer-');
    const docx: string[] = [];
    const ours: string[] = [];
    for (const c of cases) {
      const file = path.join(dir, `${c.name}.docx`);
      fs.writeFileSync(file, await renderDocx(c.doc, catalog));
      docx.push(file);
      const pdf = path.join(dir, `${c.name}-baocao.pdf`);
      fs.writeFileSync(pdf, (await renderPdf(c.doc, catalog)).bytes);
      ours.push(pdf);
    }
    // The Excel appendix of the 60-activity plan, printed by LibreOffice in the same run.
    const plan = cases.find((c) => c.name === 'ke-hoach-60-hoat-dong')!.doc;
    if (plan.kind !== 'plan') throw new Error('ke-hoach-60-hoat-dong is a plan');
    const workbook = await renderDocumentWorkbook(plan.organization, catalog, plan);
    const xlsx = path.join(dir, workbook.fileName);
    fs.writeFileSync(xlsx, workbook.bytes);
    const converted = toPdf([...docx, xlsx], dir);
    workbookPdf = readPages(converted.at(-1)!);
    cases.forEach((c, i) => {
      rendered.push({
        c,
        pdfs: [
          { who: 'BaoCao', file: ours[i]!, pages: readPages(ours[i]!) },
          { who: 'LibreOffice', file: converted[i]!, pages: readPages(converted[i]!) },
        ],
      });
    });
    for (const r of rendered) {
      for (const p of r.pdfs) {
        screenshotPage(p.file, 1, `${r.c.name}-${p.who}-1`);
        screenshotPage(p.file, closingPage(p.pages).number, `${r.c.name}-${p.who}-closing`);
      }
    }
  }, 300_000);
  afterAll(() => dir && fs.rmSync(dir, { recursive: true, force: true }));

  const each = (check: (r: Rendered, p: Rendered['pdfs'][number], label: string) => void) => {
    for (const r of rendered) for (const p of r.pdfs) check(r, p, `${r.c.name} (${p.who})`);
  };

  it('never leaves the closing alone on a page: the last paragraph, ending "./.", is above it', () => {
    each((r, p, label) => {
      const page = closingPage(p.pages);
      const label1 = page.lines.find((l) => l.text.startsWith('Nơi nhận:'))!;
      const above = page.lines.filter((l) => l.yMax < label1.yMin && !isPageNumber(l));
      expect(above.length, label).toBeGreaterThan(0);
      // The body's last line is on the closing's page and ends the text with "./.".
      expect(above.at(-1)!.text, label).toMatch(/\.\/\.$/);
    });
  });

  it('breaks the agency name only between phrases, as the reviewer expects, with nothing wrapped again', () => {
    each((r, p, label) => {
      const page = p.pages[0]!;
      const number = page.words.find((w) => w.text === 'Số:')!;
      const margin = pt(r.c.doc.organization.letterhead.margins.left);
      const header = layoutDocument(r.c.doc, catalog).sections[0]!.blocks[0] as ColumnsBlock;
      const leftEnd = margin + header.widths[0] / 20;
      const lines = page.lines
        .filter((l) => l.yMax < number.yMin && l.xMax <= leftEnd + 1)
        .map((l) => squash(l.text));
      expect(lines, label).toEqual(r.c.heading.map(squash));
    });
  });

  it('keeps every line inside the margins: the header table starts at the left margin, not in it', () => {
    each((r, p, label) => {
      const m = r.c.doc.organization.letterhead.margins;
      for (const page of p.pages) {
        for (const w of page.words) {
          expect(w.xMin, `${label} p.${page.number} "${w.text}"`).toBeGreaterThanOrEqual(pt(m.left) - 1);
          expect(w.xMax, `${label} p.${page.number} "${w.text}"`).toBeLessThanOrEqual(
            page.width - pt(m.right) + 1,
          );
        }
      }
      // The header's first lines start within a point or two of where the text does.
      const header = layoutDocument(r.c.doc, catalog).sections[0]!.blocks[0] as ColumnsBlock;
      expect(header.indent).toBe(0);
    });
  });

  it('prints no bare heading: every section title is followed by its text', () => {
    const heading = (t: string) =>
      /^(I|II|III|IV|V|VI)\.\s+\p{Lu}/u.test(t) && t === t.toLocaleUpperCase('vi-VN');
    each((r, p, label) => {
      const lines = bodyLines(p.pages);
      lines.forEach((l, i) => {
        if (!heading(l.text)) return;
        const next = lines[i + 1];
        expect(
          next && !heading(next.text) && !next.text.startsWith('Nơi nhận'),
          `${label}: "${l.text}"`,
        ).toBe(true);
      });
    });
    // In the layout both renderers draw: a heading (kept with the next block) is never followed by
    // a heading of its own level or above, nor ends the body.
    for (const c of cases) {
      const blocks = layoutDocument(c.doc, catalog).sections[0]!.blocks;
      const level = (b: Block | undefined) => {
        if (!b || b.type !== 'paragraph' || !b.keepNext || !b.runs[0]?.bold) return 0;
        const t = b.runs[0].text;
        return /^[IVX]+\. /.test(t) ? 1 : /^\d+\. /.test(t) ? 2 : 3;
      };
      blocks.forEach((b, i) => {
        const l = level(b);
        if (!l) return;
        const n = level(blocks[i + 1]);
        expect(
          n === 0 ? blocks[i + 1]?.type : n > l,
          `${c.name}: ${b.type === 'paragraph' ? b.runs[0]!.text : ''}`,
        ).toBeTruthy();
        expect(blocks[i + 1]?.type, c.name).not.toBe('columns');
      });
    }
    // The empty report prints none of its empty sections and no appendix; neither does the plan
    // without activities.
    for (const name of ['muc-trong', 'ke-hoach-muc-trong']) {
      const r = rendered.find((x) => x.c.name === name)!;
      for (const p of r.pdfs) {
        const text = p.pages.map((pg) => pg.lines.map((l) => l.text).join('\n')).join('\n');
        expect(p.pages.every(portrait), `${name} (${p.who})`).toBe(true);
        expect(text).not.toMatch(/Phụ lục|TỒN TẠI, HẠN CHẾ|KINH PHÍ THỰC HIỆN|chi tiết tại Phụ lục/);
      }
    }
  });

  it('does not repeat the addressee in Nơi nhận, whatever short form the list uses', () => {
    each((r, p, label) => {
      if (r.c.doc.kind !== 'report') return;
      const lines = bodyLines(p.pages);
      const addressee = lines
        .find((l) => l.text.startsWith('Kính gửi:'))!
        .text.replace('Kính gửi:', '')
        .trim();
      const page = closingPage(p.pages);
      const label1 = page.lines.find((l) => l.text.startsWith('Nơi nhận:'))!;
      const list = page.lines.filter(
        (l) => l.text.startsWith('- ') && l.yMin > label1.yMin && l.xMax < page.width / 2,
      );
      expect(list[0]!.text, label).toBe('- Như trên;');
      for (const l of list) expect(sameAgency(l.text, addressee), `${label}: ${l.text}`).toBe(false);
    });
  });

  it('cites dates in one form, "ngày 05/6/2026", and never breaks a document symbol at its hyphen', () => {
    each((r, p, label) => {
      const all = p.pages.flatMap((pg) => pg.words);
      const text = p.pages.map((pg) => pg.lines.map((l) => l.text).join(' ')).join(' ');
      expect(text, label).not.toMatch(/ngày\s+\d\/|ngày\s+\d{2}\/0[3-9]\//);
      for (const w of all)
        expect(w.text, `${label}: "${w.text}" ends a line at its hyphen`).not.toMatch(/[0-9A-ZĐ]-$/u);
      // Typed "ngày 5/9/2025" in the report's text.
      if (r.c.doc.kind === 'report') {
        if (r.c.doc.content.sections.direction.text)
          expect(squash(text), label).toContain(squash('ngày 05/9/2025'));
      } else if (r.c.doc.kind === 'plan' && r.c.doc.content.tasks.some((t) => t.activities.length > 2)) {
        // A deadline of 5 June 2026: "Trước ngày 05/6/2026", never "5/6/2026".
        expect(squash(text), label).toContain('ngày05/6/2026');
        expect(squash(text), label).not.toMatch(/[^0-9]5\/6\/2026/);
      }
    });
  });

  it('dates a draft "…, ngày     tháng     năm 2026", the year known', () => {
    for (const name of ['xa-phat-tich-bao-cao', 'dot-xuat', 'muc-trong']) {
      const r = rendered.find((x) => x.c.name === name)!;
      const place = r.c.doc.organization.place;
      const header = layoutDocument(r.c.doc, catalog).sections[0]!.blocks[0] as ColumnsBlock;
      const dateLine = header.rows[1]![1][0]!;
      expect(dateLine.type === 'paragraph' && dateLine.runs[0]!.text).toBe(
        `${place}, ngày     tháng     năm 2026`,
      );
      for (const p of r.pdfs) {
        // The blank day and month are wide gaps: the line's words are those on its baseline.
        const page = p.pages[0]!;
        const first = page.words.find((w) => w.text === 'ngày' && w.xMin > page.width / 2)!;
        const words = page.words.filter(
          (w) => Math.abs(w.yMax - first.yMax) < 2 && w.xMin > page.width / 2 - 40,
        );
        expect(squash(words.map((w) => w.text).join(' ')), `${name} (${p.who})`).toBe(
          squash(`${place}, ngày tháng năm 2026`),
        );
      }
    }
  });

  it('names a commune in full and in normal case wherever running text names it', () => {
    const r = rendered.find((x) => x.c.name === 'xa-phat-tich-bao-cao')!;
    for (const p of r.pdfs) {
      const text = squash(
        bodyLines(p.pages)
          .map((l) => l.text)
          .join(' '),
      );
      expect(text).toContain(squash('Ủy ban nhân dân xã Phật Tích báo cáo như sau:'));
      expect(text).toContain(
        squash('Trên đây là báo cáo 6 tháng đầu năm 2026 của Ủy ban nhân dân xã Phật Tích./.'),
      );
      const all = squash(p.pages.map((pg) => pg.lines.map((l) => l.text).join(' ')).join(' '));
      expect(all).toContain(squash('của Ủy ban nhân dân xã Phật Tích)'));
      expect(all).not.toContain(squash('UBND xã Phật Tích'));
      expect(all).not.toContain(squash('ỦY BAN NHÂN DÂN XÃ PHẬT TÍCH'));
    }
  });

  it('sets the signature block with no blank line for a missing title, a long title inside its column', () => {
    const nameGap = (p: Rendered['pdfs'][number], above: string, name: string) => {
      const page = closingPage(p.pages);
      const top = page.lines.filter((l) => l.text.replace(/\s/g, ' ').includes(above)).at(-1)!;
      const bottom = page.lines.find((l) => l.text === name)!;
      return bottom.yMin - top.yMax;
    };
    const shortTitle = rendered.find((x) => x.c.name === 'dot-xuat')!;
    const longTitle = rendered.find((x) => x.c.name === 'chuc-vu-dai')!;
    for (const i of [0, 1]) {
      // "Q. GIÁM ĐỐC" then straight to the signature space: the same gap as under a title.
      const q = nameGap(shortTitle.pdfs[i]!, 'Q. GIÁM ĐỐC', 'Đỗ Thị Lan');
      const t = nameGap(longTitle.pdfs[i]!, 'VÀ THỂ THAO QUẦN CHÚNG', 'Trần Thị Minh Nguyệt');
      expect(Math.abs(q - t), shortTitle.pdfs[i]!.who).toBeLessThan(6);
      const p = longTitle.pdfs[i]!;
      const page = closingPage(p.pages);
      const lines = page.lines
        .filter((l) => /GIÁM ĐỐC PHỤ TRÁCH|LĨNH VỰC|QUẦN CHÚNG/.test(l.text))
        .map((l) => l.text);
      expect(lines, p.who).toEqual(['PHÓ GIÁM ĐỐC PHỤ TRÁCH', 'LĨNH VỰC DU LỊCH', 'VÀ THỂ THAO QUẦN CHÚNG']);
      const columnStart = pt(30) + (page.width - pt(30) - pt(15)) / 2;
      for (const w of page.words.filter(
        (x) => lines.some((l) => l.includes(x.text)) && x.yMin > page.height / 3,
      )) {
        expect(w.xMin, `${p.who}: ${w.text}`).toBeGreaterThanOrEqual(columnStart - 1);
      }
    }
  });

  it('stands the rules under the agency name and the trích yếu clear of the diacritics', () => {
    each((r, p, label) => {
      const page = p.pages[0]!;
      const layout = layoutDocument(r.c.doc, catalog).sections[0]!.blocks;
      const header = layout[0] as ColumnsBlock;
      const agencyRule = header.rows[0]![0].at(-1)!;
      const summaryRule = layout.find((b, i) => i > 0 && b.type === 'rule')!;
      const left = pt(r.c.doc.organization.letterhead.margins.left);
      const text = pt(210) - left - pt(r.c.doc.organization.letterhead.margins.right);
      const check = (lineText: string, width: number, rule: Block | CellBlock) => {
        const line = page.lines.find((l) => squash(l.text) === squash(lineText))!;
        expect(line, `${label}: ${lineText}`).toBeDefined();
        const k = 288 / 72;
        const rows = darkRows(p.file, 1, { x: left, y: line.yMin, width, height: 30 }, 288);
        // The rule is the first row that is one long unbroken run; the text ends at the last
        // inked row above it. Between them, at least 1.5 mm of white (about 1 mm before).
        const length = rule.type === 'rule' ? rule.length / 20 : 0;
        const ruleAt = rows.findIndex((row) => row.run >= length * k * 0.9);
        expect(ruleAt, `${label}: rule under ${lineText}`).toBeGreaterThan(0);
        let lastInk = ruleAt - 1;
        while (lastInk > 0 && rows[lastInk]!.dark === 0) lastInk--;
        expect((ruleAt - lastInk - 1) / k, `${label}: ${lineText}`).toBeGreaterThanOrEqual(pt(1.5));
      };
      check(r.c.heading.at(-1)!, header.widths[0] / 20, agencyRule);
      check(lastSummaryLine(page), text, summaryRule);
    });
  });

  it('leaves no large blank at the foot of a page of running text', () => {
    each((r, p, label) => {
      const body = p.pages.filter(portrait);
      const closing = closingPage(p.pages).number;
      const bottom = pt(r.c.doc.organization.letterhead.margins.bottom);
      for (const page of body) {
        // The page before the closing may give it its room; the closing's own page ends the body.
        if (page.number >= closing - 1) continue;
        const lowest = Math.max(...page.words.map((w) => w.yMax));
        expect((page.height - bottom - lowest) / pt(1), `${label} p.${page.number}: mm blank`).toBeLessThan(
          45,
        );
      }
    });
  });

  it('prints the Excel appendix with its header row on every page and rows as tall as their text', () => {
    expect(workbookPdf.length).toBeGreaterThan(1);
    for (const page of workbookPdf) {
      expect(
        page.lines.some((l) => l.text.includes('Nội dung')),
        `page ${page.number}`,
      ).toBe(true);
    }
    // Rows as tall as their text: a row too short lets its lines run over the next row's (the
    // PDF still holds them, drawn over each other), so no two words may overlap.
    const overlaps: string[] = [];
    for (const page of workbookPdf) {
      const ws = page.words;
      for (let i = 0; i < ws.length; i++) {
        for (let j = i + 1; j < ws.length; j++) {
          const [a, b] = [ws[i]!, ws[j]!];
          const w = Math.min(a.xMax, b.xMax) - Math.max(a.xMin, b.xMin);
          const h = Math.min(a.yMax, b.yMax) - Math.max(a.yMin, b.yMin);
          if (w > 1 && h > 2) overlaps.push(`page ${page.number}: "${a.text}" over "${b.text}"`);
        }
      }
    }
    expect(overlaps).toEqual([]);
  });
});
