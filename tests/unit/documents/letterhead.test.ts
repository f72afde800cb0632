import { describe, expect, it } from 'vitest';
import { textWidthTwips } from '../../../shared/domain/documents/textMetrics.ts';
import {
  PLAN_EXAMPLE,
  REPORT_EXAMPLE,
  attr,
  findPara,
  hasBottomRule,
  loadExample,
  paragraphs,
  render,
  ruleLength,
  runProps,
  sections,
  tables,
  variant,
} from './docxXml.ts';

const TNR = 'Times New Roman';

describe('page and fonts (Nghị định 30/2020)', () => {
  it('is A4 portrait with the margins of the settings, in twips', async () => {
    const d = await render(loadExample(REPORT_EXAMPLE));
    const first = sections(d.document)[0]!;
    expect(attr(first, 'pgSz', 'w')).toBe('11906');
    expect(attr(first, 'pgSz', 'h')).toBe('16838');
    // 20/20/30/15 mm
    expect(attr(first, 'pgMar', 'top')).toBe('1134');
    expect(attr(first, 'pgMar', 'bottom')).toBe('1134');
    expect(attr(first, 'pgMar', 'left')).toBe('1701');
    expect(attr(first, 'pgMar', 'right')).toBe('850');

    const wide = await render(
      variant(
        REPORT_EXAMPLE,
        (r) => (r.organization.letterhead.margins = { top: 25, bottom: 22, left: 35, right: 20 }),
      ),
    );
    const s = sections(wide.document)[0]!;
    expect([
      attr(s, 'pgMar', 'top'),
      attr(s, 'pgMar', 'bottom'),
      attr(s, 'pgMar', 'left'),
      attr(s, 'pgMar', 'right'),
    ]).toEqual(['1417', '1247', '1984', '1134']);
  });

  it('names Times New Roman in all four slots of every w:rFonts, never a theme font, and only black', async () => {
    for (const file of [PLAN_EXAMPLE, REPORT_EXAMPLE]) {
      const d = await render(loadExample(file));
      let count = 0;
      for (const [name, xml] of d.parts) {
        expect(xml, name).not.toMatch(/w:(ascii|hAnsi|cs|eastAsia)Theme=/);
        for (const m of xml.matchAll(/<w:rFonts\b[^>]*>/g)) {
          count++;
          for (const slot of ['ascii', 'hAnsi', 'cs', 'eastAsia']) {
            expect(m[0], `${name}: ${slot}`).toContain(`w:${slot}="${TNR}"`);
          }
        }
        if (name === 'word/document.xml' || name === 'word/styles.xml' || name.startsWith('word/header')) {
          for (const c of xml.matchAll(/<w:color w:val="([^"]+)"/g))
            expect(['000000', 'auto']).toContain(c[1]);
        }
      }
      expect(count).toBeGreaterThan(100);
      // The document default, so nothing falls back to a theme font.
      const defaults = /<w:rPrDefault>[\s\S]*?<\/w:rPrDefault>/.exec(d.styles)?.[0] ?? '';
      expect(defaults).toContain(`w:ascii="${TNR}"`);
      expect(defaults).toContain(`w:eastAsia="${TNR}"`);
      // Every run with text names the font itself.
      for (const r of d.document.matchAll(/<w:r>([\s\S]*?)<\/w:r>/g)) {
        if (r[1]!.includes('<w:t')) expect(r[1]).toContain(`w:cs="${TNR}"`);
      }
    }
  });

  it('writes text in Unicode NFC even when the input is decomposed', async () => {
    const d = await render(
      variant(REPORT_EXAMPLE, (r) => {
        r.content.sections.direction.text = 'Lãnh đạo Sở chỉ đạo quyết liệt.'.normalize('NFD');
      }),
    );
    const text = paragraphs(d.document)
      .map((p) => p.text)
      .join('\n');
    expect(text).toContain('Lãnh đạo Sở chỉ đạo quyết liệt.');
    expect(text).toBe(text.normalize('NFC'));
  });
});

describe('header table', () => {
  it('has each element at its size, weight and case (13/14 pair)', async () => {
    const d = await render(loadExample(REPORT_EXAMPLE));
    const header = tables(d.document)[0]!;
    expect(header).toMatch(/<w:tblBorders>[\s\S]*<w:top w:val="none"/);
    const expectRun = (text: string, size: number, bold: boolean, italics = false) => {
      const p = findPara(header, (t) => t === text);
      expect(runProps(p), text).toMatchObject({ size, bold, italics });
    };
    // "SỞ KHOA HỌC VÀ CÔNG NGHỆ" fits beside the Quốc hiệu on one line at 12 pt, not at 13 (ND30
    // allows 12–13 pt): the parent and the name move to 12 pt together.
    expectRun('UBND TỈNH BẮC NINH', 24, false);
    expectRun('SỞ KHOA HỌC VÀ CÔNG NGHỆ', 24, true);
    expectRun('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 26, true);
    expectRun('Độc lập - Tự do - Hạnh phúc', 28, true);
    expectRun('Số: 05/BC-SKHCN', 26, false);
    expectRun('Bắc Ninh, ngày 10 tháng 6 năm 2026', 28, false, true);
    // Zero padding on the cells.
    expect(header).toMatch(/<w:tblCellMar>[\s\S]*<w:left w:type="dxa" w:w="0"\/>/);
  });

  it('moves the sizes together for the 12/13 pair', async () => {
    const d = await render(variant(REPORT_EXAMPLE, (r) => (r.organization.letterhead.fontPair = '12/13')));
    const header = tables(d.document)[0]!;
    expect(runProps(findPara(header, (t) => t.startsWith('CỘNG HÒA'))).size).toBe(24);
    expect(runProps(findPara(header, (t) => t.startsWith('SỞ KHOA'))).size).toBe(24);
    expect(runProps(findPara(header, (t) => t.startsWith('Độc lập'))).size).toBe(26);
    expect(runProps(findPara(header, (t) => t.startsWith('Bắc Ninh, ngày'))).size).toBe(26);
  });

  it('draws a rule 1/3–1/2 as long as the agency name under it, and one as long as the Tiêu ngữ', async () => {
    const d = await render(loadExample(REPORT_EXAMPLE));
    const header = tables(d.document)[0]!;
    const widths = [...header.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
    const paras = paragraphs(header);
    const agencyAt = paras.findIndex((p) => p.text === 'SỞ KHOA HỌC VÀ CÔNG NGHỆ');
    const agencyRule = paras[agencyAt + 1]!;
    expect(hasBottomRule(agencyRule)).toBe(true);
    const agencyWidth = textWidthTwips('SỞ KHOA HỌC VÀ CÔNG NGHỆ', 24, true);
    const share = ruleLength(agencyRule, widths[0]!) / agencyWidth;
    expect(share).toBeGreaterThanOrEqual(1 / 3);
    expect(share).toBeLessThanOrEqual(1 / 2);

    const tieuNguAt = paras.findIndex((p) => p.text === 'Độc lập - Tự do - Hạnh phúc');
    const tieuNguRule = paras[tieuNguAt + 1]!;
    expect(hasBottomRule(tieuNguRule)).toBe(true);
    const ratio =
      ruleLength(tieuNguRule, widths[1]!) / textWidthTwips('Độc lập - Tự do - Hạnh phúc', 28, true);
    expect(ratio).toBeGreaterThan(0.95);
    expect(ratio).toBeLessThan(1.05);
    // No other paragraph of the header has a border.
    expect(paras.filter(hasBottomRule)).toHaveLength(2);
  });

  it('keeps the Quốc hiệu on one line: its column is wider than the text', async () => {
    const d = await render(loadExample(PLAN_EXAMPLE));
    const widths = [...tables(d.document)[0]!.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) =>
      Number(m[1]),
    );
    expect(widths[1]).toBeGreaterThan(textWidthTwips('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 26, true));
  });

  it('pads the day below 10 and only January and February: 5/2/2026 and 15/6/2026', async () => {
    const feb = await render(
      variant(REPORT_EXAMPLE, (r) =>
        Object.assign(r.meta, { number: '01/BC-SKHCN', issuedOn: '2026-02-05' }),
      ),
    );
    expect(paragraphs(feb.document).map((p) => p.text)).toContain('Bắc Ninh, ngày 05 tháng 02 năm 2026');
    expect(paragraphs(feb.document).map((p) => p.text)).toContain('Số: 01/BC-SKHCN');
    const june = await render(variant(REPORT_EXAMPLE, (r) => (r.meta.issuedOn = '2026-06-15')));
    const texts = paragraphs(june.document).map((p) => p.text);
    expect(texts).toContain('Bắc Ninh, ngày 15 tháng 6 năm 2026');
    expect(
      texts.some((t) => t.includes('(Kèm theo Báo cáo số 05/BC-SKHCN ngày 15/6/2026 của Sở Khoa học')),
    ).toBe(true);
  });

  it('leaves the number and the date blank in a draft', async () => {
    const d = await render(
      variant(REPORT_EXAMPLE, (r) =>
        Object.assign(r.meta, { status: 'draft', number: null, issuedOn: null }),
      ),
    );
    const texts = paragraphs(d.document).map((p) => p.text);
    expect(texts).toContain('Số:      /BC-SKHCN');
    // The year is known while drafting: the report is due in 2026.
    expect(texts).toContain('Bắc Ninh, ngày     tháng     năm 2026');
    expect(texts.join('\n')).not.toMatch(/05\/BC-SKHCN/);
    const plan = await render(
      variant(PLAN_EXAMPLE, (r) => Object.assign(r.meta, { status: 'draft', number: null, issuedOn: null })),
    );
    expect(paragraphs(plan.document).map((p) => p.text)).toContain('Số:      /KH-SKHCN');
  });
});

describe('page numbers', () => {
  it('has titlePg, an empty first-page header and a PAGE field in the default header of each section', async () => {
    const d = await render(loadExample(PLAN_EXAMPLE));
    const all = sections(d.document);
    expect(all).toHaveLength(2);
    for (const s of all) {
      expect(s).toContain('<w:titlePg/>');
      const first = /<w:headerReference w:type="first" r:id="(\w+)"/.exec(s)?.[1];
      const def = /<w:headerReference w:type="default" r:id="(\w+)"/.exec(s)?.[1];
      expect(first && def).toBeTruthy();
      const firstXml = d.header(first!);
      expect(
        paragraphs(firstXml)
          .map((p) => p.text)
          .join(''),
      ).toBe('');
      expect(firstXml).not.toContain('instrText');
      const defXml = d.header(def!);
      expect(defXml).toMatch(/<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>/);
      expect(attr(defXml, 'jc', 'val')).toBe('center');
      expect(runProps(paragraphs(defXml)[0]!).size).toBeGreaterThanOrEqual(26);
    }
    // The appendix is numbered on its own.
    expect(attr(all[1]!, 'pgNumType', 'start')).toBe('1');
  });
});
