import { describe, expect, it } from 'vitest';
import { layoutDocument } from '../../../electron/services/documents/layout/documentLayout.ts';
import type { ColumnsBlock, ParagraphBlock } from '../../../electron/services/documents/layout/model.ts';
import { renderPdf } from '../../../electron/services/documents/pdf/renderPdf.ts';
import { renderDocx } from '../../../electron/services/documents/renderDocument.ts';
import { recipientsFor, sameAgency } from '../../../shared/domain/documents/addressee.ts';
import { citeDates, tieSymbols, typeset } from '../../../shared/domain/documents/typography.ts';
import { agencyHeading } from '../../../shared/domain/organization/agencyHeading.ts';
import { localCommittee, runningName } from '../../../shared/domain/organization/agencyName.ts';
import { organizationSchema } from '../../../shared/domain/organization/schemas.ts';
import { formatTimeline } from '../../../shared/domain/plans/activityTimeline.ts';
import { validateReport } from '../../../shared/domain/reports/reportValidation.ts';
import { mmToTwips } from '../../../shared/domain/documents/textMetrics.ts';
import {
  PLAN_EXAMPLE,
  REPORT_EXAMPLE,
  catalog,
  findPara,
  loadExample,
  paragraphs,
  render,
  runProps,
  variant,
} from './docxXml.ts';

/** The rules of issue 14, each where it lives: the layout both renderers draw, and the shared domain. */

const letterhead = (o: Record<string, unknown> = {}) =>
  ({
    fontPair: '13/14',
    margins: { top: 20, bottom: 20, left: 30, right: 15 },
    agencyLines: [],
    ...o,
  }) as const;
const heading = (name: string, parentName = 'UBND tỉnh Bắc Ninh', o: Record<string, unknown> = {}) =>
  agencyHeading({ name, parentName, letterhead: letterhead(o) as never });

describe('the agency in the letterhead and in running text', () => {
  it('heads a commune "ỦY BAN NHÂN DÂN" / "XÃ PHẬT TÍCH" with no parent line, however the name is typed', () => {
    for (const name of [
      'UBND xã Phật Tích',
      'Ủy ban nhân dân xã Phật Tích',
      'ỦY BAN NHÂN DÂN XÃ PHẬT TÍCH',
      'Uỷ ban nhân dân xã Phật Tích',
    ]) {
      expect(heading(name, 'UBND tỉnh Bắc Ninh'), name).toMatchObject({
        parent: [],
        agency: ['ỦY BAN NHÂN DÂN', 'XÃ PHẬT TÍCH'],
        size: 13,
      });
      expect(runningName(name), name).toBe('Ủy ban nhân dân xã Phật Tích');
    }
    expect(heading('UBND phường Kinh Bắc').agency).toEqual(['ỦY BAN NHÂN DÂN', 'PHƯỜNG KINH BẮC']);
    expect(localCommittee('Sở Khoa học và Công nghệ')).toBeNull();
    // A parent line may abbreviate; the agency's own name is never "UBND".
    expect(heading('Văn phòng UBND tỉnh').parent).toEqual(['UBND TỈNH BẮC NINH']);
    expect(runningName('UBND tỉnh Bắc Ninh')).toBe('Ủy ban nhân dân tỉnh Bắc Ninh');
  });

  it("breaks a long name between phrases, never inside one, and uses the administrator's breaks", () => {
    expect(heading('Sở Văn hóa, Thể thao và Du lịch').agency).toEqual(['SỞ VĂN HÓA, THỂ THAO', 'VÀ DU LỊCH']);
    expect(heading('Sở Nông nghiệp và Môi trường').agency).toEqual(['SỞ NÔNG NGHIỆP', 'VÀ MÔI TRƯỜNG']);
    expect(heading('Báo và Phát thanh, Truyền hình Bắc Ninh', 'Tỉnh ủy Bắc Ninh').agency).toEqual([
      'BÁO VÀ PHÁT THANH,',
      'TRUYỀN HÌNH BẮC NINH',
    ]);
    // One line where it fits at 12 pt beside the Quốc hiệu; two at 13 pt with the wider margins.
    expect(heading('Sở Khoa học và Công nghệ')).toMatchObject({
      agency: ['SỞ KHOA HỌC VÀ CÔNG NGHỆ'],
      size: 12,
    });
    expect(
      heading('Sở Khoa học và Công nghệ', 'UBND tỉnh Bắc Ninh', {
        margins: { top: 20, bottom: 20, left: 35, right: 20 },
      }),
    ).toMatchObject({ agency: ['SỞ KHOA HỌC', 'VÀ CÔNG NGHỆ'], size: 13 });
    const own = heading('Sở Văn hóa, Thể thao và Du lịch', 'UBND tỉnh Bắc Ninh', {
      agencyLines: ['Sở Văn hóa,', 'Thể thao và Du lịch'],
    });
    expect(own).toMatchObject({ agency: ['SỞ VĂN HÓA,', 'THỂ THAO VÀ DU LỊCH'], custom: true });
    // Lines that change a word are refused where the settings arrive.
    const bad = organizationSchema.safeParse({
      name: 'Sở Văn hóa, Thể thao và Du lịch',
      parentName: 'UBND tỉnh Bắc Ninh',
      agencyType: 'so_vhttdl',
      abbreviation: 'SVHTTDL',
      place: 'Bắc Ninh',
      letterhead: { agencyLines: ['Sở Văn hóa', 'và Du lịch'] },
    });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0]!.path).toEqual(['letterhead', 'agencyLines']);
    // The parent is optional.
    expect(
      organizationSchema.parse({
        name: 'UBND xã Phật Tích',
        agencyType: 'ubnd_xa_phuong',
        abbreviation: 'UBND',
        place: 'Phật Tích',
      }).parentName,
    ).toBe('');
  });

  it('starts the header table at the left margin, the columns filling the text width exactly', () => {
    for (const margins of [
      { top: 20, bottom: 20, left: 30, right: 15 },
      { top: 25, bottom: 25, left: 35, right: 20 },
    ]) {
      const doc = variant(REPORT_EXAMPLE, (r) => {
        r.organization.letterhead.margins = margins;
        r.organization.name = 'Trung tâm Chuyển đổi số, Đổi mới sáng tạo và Hỗ trợ khởi nghiệp tỉnh Bắc Ninh';
      });
      const header = layoutDocument(doc, catalog).sections[0]!.blocks[0] as ColumnsBlock;
      expect(header.indent).toBe(0);
      expect(header.widths[0] + header.widths[1]).toBe(
        11906 - mmToTwips(margins.left) - mmToTwips(margins.right),
      );
    }
  });
});

describe('running text', () => {
  it('cites dates in one form and ties document symbols', () => {
    expect(citeDates('ban hành ngày 5/9/2025 và ngày 05/06/2026, Ngày 1/1/2026')).toBe(
      'ban hành ngày 05/9/2025 và ngày 05/6/2026, Ngày 01/01/2026',
    );
    expect(citeDates('ngày 30/2/2026')).toBe('ngày 30/2/2026');
    expect(formatTimeline({ kind: 'date', date: '2026-06-05' })).toBe('Trước ngày 05/6/2026');
    expect(
      tieSymbols(
        'Nghị quyết số 57-NQ/TW, Kế hoạch số 34/KH-UBND, Nghị định 30/2020/NĐ-CP, COVID-19, chính trị - xã hội',
      ),
    ).toBe(
      'Nghị quyết số 57\u2011NQ/TW, Kế hoạch số 34/KH\u2011UBND, Nghị định 30/2020/NĐ\u2011CP, COVID-19, chính trị - xã hội',
    );
    expect(typeset('Nghị quyết 57-NQ/TW ngày 5/6/2026')).toBe('Nghị quyết 57\u2011NQ/TW ngày 05/6/2026');
  });

  it("writes the hyphen of a symbol as Word's non-breaking hyphen in the .docx", async () => {
    const d = await render(loadExample(REPORT_EXAMPLE));
    expect(d.document).toContain('57</w:t><w:noBreakHyphen/><w:t xml:space="preserve">NQ/TW');
  });

  it('sets a sub-heading the clerk typed like a generated one, and ends a plan with "./."', async () => {
    const d = await render(loadExample(REPORT_EXAMPLE));
    // shortcomings: "1. Tồn tại, hạn chế" … "2. Nguyên nhân" …
    for (const t of ['1. Tồn tại, hạn chế', '2. Nguyên nhân']) {
      const p = findPara(d.document, (x) => x === t);
      expect(runProps(p).bold, t).toBe(true);
      expect(p.xml, t).toContain('<w:keepNext/>');
    }
    // A numbered sentence stays a paragraph.
    const sentence = paragraphs(d.document).find((p) => p.text.startsWith('Hoàn thành triển khai'))!;
    expect(runProps(sentence).bold).toBe(false);
    const plan = layoutDocument(loadExample(PLAN_EXAMPLE), catalog);
    const body = plan.sections[0]!.blocks.filter(
      (b): b is ParagraphBlock => b.type === 'paragraph' && b.runs.length > 0,
    );
    expect(body.at(-1)!.runs.at(-1)!.text).toMatch(/\.\/\.$/);
    expect(body.at(-1)!.keepNext).toBe(true);
    // Only headings and the last paragraph are kept with what follows.
    for (const b of body.slice(0, -1)) if (b.keepNext) expect(b.runs[0]!.bold, b.runs[0]!.text).toBe(true);
  });
});

describe('Nơi nhận and the signature block', () => {
  it('never lists the addressee again, whatever short form names it', () => {
    expect(sameAgency('UBND tỉnh (để báo cáo)', 'Ủy ban nhân dân tỉnh Bắc Ninh')).toBe(true);
    expect(sameAgency('Sở KH&CN', 'Sở Khoa học và Công nghệ')).toBe(true);
    expect(
      sameAgency('Sở Khoa học và Công nghệ tỉnh Bắc Ninh (để tổng hợp);', 'Sở Khoa học và Công nghệ'),
    ).toBe(true);
    expect(sameAgency('Bộ Khoa học và Công nghệ (để báo cáo)', 'Sở Khoa học và Công nghệ')).toBe(false);
    expect(sameAgency('UBND xã Phật Tích', 'Ủy ban nhân dân tỉnh Bắc Ninh')).toBe(false);
    expect(
      recipientsFor(
        ['UBND tỉnh (để báo cáo)', 'Như trên', 'Bộ KH&CN (để báo cáo)'],
        'Ủy ban nhân dân tỉnh Bắc Ninh',
      ),
    ).toEqual(['Như trên', 'Bộ KH&CN (để báo cáo)']);
  });

  it('leaves no line for a missing title, ties "KT." to its word, and wraps a long title between phrases', () => {
    const closing = (signer: Record<string, string>) => {
      const doc = variant(REPORT_EXAMPLE, (r) => (r.signer = signer));
      const c = layoutDocument(doc, catalog).sections[0]!.blocks.find(
        (b): b is ColumnsBlock => b.type === 'columns' && b.role === 'closing',
      )!;
      return c.rows[0]![1].map((b) => (b.type === 'paragraph' ? b.runs.map((r) => r.text).join('') : b.type));
    };
    expect(closing({ authority: 'Q. Giám đốc', title: '', name: 'Đỗ Thị Lan' })).toEqual([
      'Q.\u00a0GIÁM ĐỐC',
      'signatureSpace',
      'Đỗ Thị Lan',
    ]);
    expect(closing({ authority: '', title: 'Giám đốc', name: 'Lê Quang Vinh' })).toEqual([
      'GIÁM ĐỐC',
      'signatureSpace',
      'Lê Quang Vinh',
    ]);
    expect(
      closing({
        authority: 'KT. GIÁM ĐỐC',
        title: 'PHÓ GIÁM ĐỐC PHỤ TRÁCH LĨNH VỰC DU LỊCH VÀ THỂ THAO QUẦN CHÚNG',
        name: 'Trần Thị Minh Nguyệt',
      }),
    ).toEqual([
      'KT.\u00a0GIÁM ĐỐC',
      'PHÓ GIÁM ĐỐC PHỤ TRÁCH',
      'LĨNH VỰC DU LỊCH',
      'VÀ THỂ THAO QUẦN CHÚNG',
      'signatureSpace',
      'Trần Thị Minh Nguyệt',
    ]);
  });
});

describe('a wrong value never reaches a document', () => {
  it('refuses to build the .docx or the PDF of a report whose numerator is above its denominator, naming the indicator', async () => {
    const doc = variant(REPORT_EXAMPLE, (r) =>
      Object.assign(r.content.indicators[1].values[0], { numerator: 120, denominator: 100 }),
    );
    const message =
      /Không lập được văn bản vì số liệu sai: Chỉ tiêu 2 – .*Tử số \(120\) không được lớn hơn mẫu số \(100\)/;
    await expect(renderDocx(doc, catalog)).rejects.toThrow(message);
    await expect(renderPdf(doc, catalog)).rejects.toThrow(message);
  });

  it('counts a report without the indicators its agency is assigned as incomplete', () => {
    const doc = loadExample(REPORT_EXAMPLE);
    if (doc.kind !== 'report') throw new Error('report');
    const none = { ...doc.content, indicators: [] };
    const message = 'Mục "I. Kết quả thực hiện – Kết quả thực hiện các chỉ tiêu" chưa có chỉ tiêu nào';
    expect(validateReport(none, catalog, 'so_khcn').map((i) => i.message)).toContain(message);
    // Mặt trận and the mass organisations have no indicator in the plan: nothing is missing.
    expect(validateReport(none, catalog, 'mttq_doan_the').map((i) => i.message)).not.toContain(message);
    expect(validateReport({ ...doc.content, tasks: [] }, catalog).map((i) => i.message)).toContain(
      'Mục "I. Kết quả thực hiện – Kết quả thực hiện các nhiệm vụ" chưa có nhiệm vụ nào',
    );
  });

  it('prints no appendix without rows, and no pointer to one', () => {
    const doc = variant(REPORT_EXAMPLE, (r) => (r.content.indicators = []));
    const layout = layoutDocument(doc, catalog);
    expect(layout.sections).toHaveLength(1);
    const text = layout.sections[0]!.blocks.flatMap((b) =>
      b.type === 'paragraph' ? b.runs.map((r) => r.text) : [],
    ).join(' ');
    expect(text).not.toContain('Phụ lục');
  });
});
