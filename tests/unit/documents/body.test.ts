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

/** Body paragraphs: outside tables, justified. */
const bodyParas = (document: string) =>
  paragraphs(document).filter((p) => !p.inTable && /<w:jc w:val="both"/.test(p.xml));
const textWidthPortrait = 11906 - 1701 - 850;

describe('title block and body', () => {
  it('centres "BÁO CÁO" and the trích yếu in bold 14 pt with a rule 1/3–1/2 of its length', async () => {
    const d = await render(loadExample(REPORT_EXAMPLE));
    const paras = paragraphs(d.document);
    const at = paras.findIndex((p) => p.text === 'BÁO CÁO');
    expect(runProps(paras[at]!)).toMatchObject({ size: 28, bold: true });
    expect(attr(paras[at]!.xml, 'jc', 'val')).toBe('center');
    const summary = paras[at + 1]!;
    expect(summary.text).toBe(
      'Kết quả thực hiện Kế hoạch số 34/KH-UBND ngày 20/8/2025 của UBND tỉnh Bắc Ninh 6 tháng đầu năm 2026',
    );
    expect(runProps(summary)).toMatchObject({ size: 28, bold: true, italics: false });
    expect(attr(summary.xml, 'jc', 'val')).toBe('center');
    const rule = paras[at + 2]!;
    expect(hasBottomRule(rule)).toBe(true);
    // The trích yếu wraps: its first line is at most the text width.
    const longest = Math.min(textWidthTwips(summary.text, 28, true), textWidthPortrait);
    const share = ruleLength(rule, textWidthPortrait) / longest;
    expect(share).toBeGreaterThanOrEqual(1 / 3);
    expect(share).toBeLessThanOrEqual(1 / 2);
  });

  it('addresses the report upright and centred, opens with the standard sentence, and has I–IV in order', async () => {
    const d = await render(loadExample(REPORT_EXAMPLE));
    // Sở KH&CN consolidates everyone's reports; its own goes to the province's People's Committee.
    const kinhGui = findPara(d.document, (t) => t === 'Kính gửi: Ủy ban nhân dân tỉnh Bắc Ninh');
    expect(runProps(kinhGui)).toMatchObject({ size: 28, italics: false });
    expect(attr(kinhGui.xml, 'jc', 'val')).toBe('center');
    const texts = bodyParas(d.document).map((p) => p.text);
    expect(texts[0]).toMatch(
      /^Thực hiện Kế hoạch số 34\/KH-UBND ngày 20\/8\/2025 của UBND tỉnh Bắc Ninh về truyền thông .*, Sở Khoa học và Công nghệ báo cáo như sau:$/,
    );
    const headings = [
      'I. KẾT QUẢ THỰC HIỆN',
      '1. Công tác lãnh đạo, chỉ đạo',
      '2. Kết quả thực hiện các nhiệm vụ',
      '3. Kết quả thực hiện các chỉ tiêu',
      'II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN',
      'III. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI',
      'IV. ĐỀ XUẤT, KIẾN NGHỊ',
    ];
    const positions = headings.map((h) => texts.indexOf(h));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    for (const h of headings) expect(runProps(findPara(d.document, (t) => t === h)).bold).toBe(true);
    // Any other department addresses Sở KH&CN, as the plan asks.
    const other = await render(
      variant(REPORT_EXAMPLE, (r) => {
        const org = r.organization as { name: string; agencyType: string };
        org.name = 'Sở Giáo dục và Đào tạo';
        org.agencyType = 'so_gddt';
      }),
    );
    findPara(other.document, (t) => t === 'Kính gửi: Sở Khoa học và Công nghệ');
    // Task status and result, and a pointer to the appendix with the counts.
    expect(texts).toContain('Tình trạng: Hoàn thành.');
    expect(texts.some((t) => t.includes('chi tiết tại Phụ lục kèm theo. Đơn vị thực hiện 9 chỉ tiêu:'))).toBe(
      true,
    );
  });

  it('justifies every body paragraph with a 1 cm first-line indent and at least 6 pt after', async () => {
    for (const file of [PLAN_EXAMPLE, REPORT_EXAMPLE]) {
      const d = await render(loadExample(file));
      const main = d.document.slice(0, d.document.indexOf('<w:sectPr'));
      const body = bodyParas(main);
      expect(body.length).toBeGreaterThan(40);
      for (const p of body) {
        expect(['567', '720'], p.text).toContain(attr(p.xml, 'ind', 'firstLine'));
        expect(Number(attr(p.xml, 'spacing', 'after'))).toBeGreaterThanOrEqual(120);
        const line = Number(attr(p.xml, 'spacing', 'line'));
        expect(line).toBeGreaterThanOrEqual(240);
        expect(line).toBeLessThanOrEqual(360);
        expect(runProps(p).size).toBe(28);
      }
      // Outside tables, only the title block, Kính gửi and spacers are not justified.
      const others = paragraphs(main).filter(
        (p) => !p.inTable && !/<w:jc w:val="both"/.test(p.xml) && p.text,
      );
      expect(others.length).toBeLessThanOrEqual(3);
    }
  });

  it('writes one paragraph per line of a multi-line field', async () => {
    const d = await render(
      variant(
        REPORT_EXAMPLE,
        (r) => (r.content.sections.proposals.text = 'Kiến nghị thứ nhất.\r\n\nKiến nghị thứ hai.\n'),
      ),
    );
    const texts = bodyParas(d.document).map((p) => p.text);
    const at = texts.indexOf('IV. ĐỀ XUẤT, KIẾN NGHỊ');
    expect(texts.slice(at + 1, at + 3)).toEqual(['Kiến nghị thứ nhất.', 'Kiến nghị thứ hai.']);
  });

  it('prints the plan: italic căn cứ lines ending ";" then ".", sections I–IV, parts and lettered activities', async () => {
    const d = await render(loadExample(PLAN_EXAMPLE));
    const texts = bodyParas(d.document).map((p) => p.text);
    const summary = findPara(d.document, (t) => t.startsWith('Triển khai thực hiện Kế hoạch số 34/KH-UBND'));
    expect(summary.text).toContain('của UBND tỉnh Bắc Ninh về truyền thông thực hiện Nghị quyết số 57-NQ/TW');
    const basis = bodyParas(d.document).filter((p) => p.text.startsWith('Căn cứ'));
    expect(basis.length).toBeGreaterThanOrEqual(2);
    basis.forEach((p, i) => {
      expect(runProps(p).italics).toBe(true);
      expect(p.text.endsWith(i === basis.length - 1 ? '.' : ';')).toBe(true);
    });
    for (const h of [
      'I. MỤC ĐÍCH, YÊU CẦU',
      'II. NHIỆM VỤ VÀ GIẢI PHÁP',
      'III. KINH PHÍ THỰC HIỆN',
      'IV. TỔ CHỨC THỰC HIỆN',
    ]) {
      expect(texts).toContain(h);
    }
    expect(texts.some((t) => /^1\. Đẩy mạnh truyền thông/.test(t))).toBe(true);
    expect(texts).toContain('a) Tổ chức chuỗi hoạt động hưởng ứng Ngày Khoa học và Công nghệ Việt Nam 18/5.');
    expect(
      texts.some(
        (t) =>
          t.startsWith('Đơn vị chủ trì: Văn phòng Sở;') &&
          t.includes('thời gian thực hiện: Trước ngày 18/5/2026'),
      ),
    ).toBe(true);
  });

  it('lists a task marked không áp dụng with its reason', async () => {
    const d = await render(
      variant(PLAN_EXAMPLE, (r) => {
        Object.assign(r.content.tasks[0], {
          notApplicable: true,
          notApplicableReason: 'Sở không quản lý cổng thông tin của tỉnh',
          activities: [],
        });
      }),
    );
    expect(bodyParas(d.document).map((p) => p.text)).toContain(
      'Không áp dụng: Sở không quản lý cổng thông tin của tỉnh.',
    );
  });
});

describe('closing', () => {
  it('has Nơi nhận bold italic 12 pt with 11 pt lines "- …;" ending "- Lưu: VT, VP." and the signer in bold caps', async () => {
    const d = await render(loadExample(REPORT_EXAMPLE));
    const closing = tables(d.document)[1]!;
    const paras = paragraphs(closing);
    const label = paras.find((p) => p.text === 'Nơi nhận:')!;
    expect(runProps(label)).toMatchObject({ size: 24, bold: true, italics: true });
    expect(attr(label.xml, 'jc', 'val')).toBe('left');
    const list = paras.slice(paras.indexOf(label) + 1).filter((p) => p.text.startsWith('- '));
    expect(list.map((p) => p.text)).toEqual([
      '- Như trên;',
      '- Bộ Khoa học và Công nghệ (để báo cáo);',
      '- Lãnh đạo Sở;',
      '- Các phòng, đơn vị thuộc Sở;',
      '- Lưu: VT, VP.',
    ]);
    for (const p of list) expect(runProps(p)).toMatchObject({ size: 22, bold: false, italics: false });
    for (const t of ['KT.\u00a0GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC', 'Nguyễn Đức Thắng']) {
      expect(runProps(paras.find((p) => p.text === t)!)).toMatchObject({ size: 28, bold: true });
    }
    // "KT." is tied to what follows by a no-break space: the authority never breaks after it.
    // Space for the signature and the seal above the name.
    expect(
      Number(attr(paras.find((p) => p.text === 'Nguyễn Đức Thắng')!.xml, 'spacing', 'before')),
    ).toBeGreaterThan(1000);
  });
});

describe('appendix', () => {
  for (const [file, title, headers] of [
    [
      PLAN_EXAMPLE,
      'DANH MỤC HOẠT ĐỘNG TRIỂN KHAI KẾ HOẠCH',
      ['STT', 'Nội dung', 'Đơn vị chủ trì', 'Đơn vị phối hợp', 'Thời gian', 'Sản phẩm', 'Kinh phí'],
    ],
    [
      REPORT_EXAMPLE,
      'KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU',
      ['STT', 'Chỉ tiêu', 'Chỉ tiêu năm 2026', 'Kết quả kỳ báo cáo', 'Tỷ lệ (%)', 'Đánh giá', 'Ghi chú'],
    ],
  ] as const) {
    it(`is a landscape section with a repeating header and explicit widths: ${title}`, async () => {
      const d = await render(loadExample(file));
      const last = sections(d.document).at(-1)!;
      expect(attr(last, 'pgSz', 'orient')).toBe('landscape');
      expect(Number(attr(last, 'pgSz', 'w'))).toBeGreaterThan(Number(attr(last, 'pgSz', 'h')));
      const appendixStart = d.document.indexOf('Phụ lục</w:t>');
      expect(appendixStart).toBeGreaterThan(d.document.indexOf('<w:sectPr'));
      const after = d.document.slice(d.document.lastIndexOf('<w:p>', appendixStart));
      const texts = paragraphs(after).map((p) => p.text);
      expect(texts).toContain(title);
      expect(runProps(findPara(after, (t) => t === 'Phụ lục')).bold).toBe(true);
      expect(runProps(findPara(after, (t) => t.startsWith('(Kèm theo'))).italics).toBe(true);

      const table = tables(after)[0]!;
      const grid = [...table.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
      expect(grid).toHaveLength(7);
      expect(grid.every((w) => w > 300)).toBe(true);
      expect(grid.reduce((a, b) => a + b, 0)).toBe(16838 - 1701 - 850);
      const rows = [...table.matchAll(/<w:tr>[\s\S]*?<\/w:tr>/g)].map((m) => m[0]);
      expect(rows.length).toBeGreaterThan(5);
      expect(rows[0]).toContain('<w:tblHeader/>');
      expect(paragraphs(rows[0]!).map((p) => p.text)).toEqual(headers);
      for (const row of rows) {
        expect(row).toContain('<w:cantSplit/>');
        const cells = [...row.matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((m) => m[0]);
        let col = 0;
        for (const c of cells) {
          const span = Number(attr(c, 'gridSpan', 'val') ?? 1);
          expect(attr(c, 'tcW', 'type')).toBe('dxa');
          expect(Number(attr(c, 'tcW', 'w'))).toBe(grid.slice(col, col + span).reduce((a, b) => a + b, 0));
          col += span;
        }
        expect(col).toBe(7);
      }
    });
  }

  it('shows ratios as numerator/denominator with the rate and the evaluation of the year target', async () => {
    const d = await render(loadExample(REPORT_EXAMPLE));
    const table = tables(d.document.slice(d.document.indexOf('Phụ lục</w:t>')))[0]!;
    const rows = [...table.matchAll(/<w:tr>[\s\S]*?<\/w:tr>/g)].map((m) =>
      [...m[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((c) =>
        paragraphs(c[0])
          .map((p) => p.text)
          .join(' | '),
      ),
    );
    const ct02 = rows.find((r) =>
      r[1]!.startsWith('100% lãnh đạo, cán bộ, công chức, viên chức trong hệ thống'),
    )!;
    expect(ct02.slice(2)).toEqual([
      '100%',
      '112/118',
      // One decimal, never rounded up to the target beside "Chưa đạt".
      '94,9',
      'Chưa đạt',
      expect.stringContaining('06 viên chức'),
    ]);
    const ct01 = rows.find((r) => r[1]!.startsWith('100% các sở, cơ quan'))!;
    // Two requirements, each answered yes/no: no rate.
    expect(ct01.slice(2, 6)).toEqual([
      '100%',
      'Đã xây dựng, ban hành kế hoạch truyền thông thực hiện Nghị quyết số 57-NQ/TW: Đã thực hiện | Đã xây dựng và duy trì chuyên mục truyền thông thực hiện Nghị quyết số 57-NQ/TW trên cổng/trang thông tin điện tử: Đã thực hiện',
      '',
      'Đạt',
    ]);
    const ct04 = rows.find((r) => r[1]!.startsWith('Khuyến khích'))!;
    expect(ct04[2]).toBe(
      'Kế hoạch không đặt chỉ tiêu năm 2026 cho chỉ tiêu này (chỉ tiêu năm 2030: 150; 300).',
    );
    expect(ct04[3]).toContain('31 bài báo');
    expect(ct04[5]).toBe('Chưa có chỉ tiêu');
    // CT12 counts toward "03" by 2027: the running total is not yet due.
    const ct12 = rows.find((r) => r[1]!.startsWith('Triển khai được ít nhất 03'))!;
    expect(ct12.slice(2, 6)).toEqual([
      '03 (đến năm 2027) | Chỉ tiêu lũy kế phải đạt đến năm 2027: 03; so sánh với số lũy kế từ khi ban hành Kế hoạch.',
      '1 chương trình',
      '',
      'Chưa đến hạn',
    ]);
    expect(rows).toHaveLength(1 + 9);
  });
});
