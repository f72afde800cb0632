import { describe, expect, it } from 'vitest';
import { layoutDocument } from '../../../electron/services/documents/layout/documentLayout.ts';
import {
  addresseeLines,
  LETTER_SUMMARY_SIZE,
} from '../../../electron/services/documents/layout/letterLayout.ts';
import type {
  Block,
  CellBlock,
  ColumnsBlock,
  ParagraphBlock,
} from '../../../electron/services/documents/layout/model.ts';
import { renderDocx } from '../../../electron/services/documents/renderDocument.ts';
import {
  exchangeSchema,
  parseExchange,
  type ExchangeDocument,
} from '../../../shared/domain/documents/exchange.ts';
import { dondocLetterContent } from '../../../shared/domain/letters/dondocLetter.ts';
import type { LetterContent } from '../../../shared/domain/letters/letterContent.ts';
import { dutyByKey } from '../../../shared/domain/sokhcn/duties.ts';
import { catalog, loadExample, openDocx, REPORT_EXAMPLE } from './docxXml.ts';

/** The công văn đôn đốc: its pre-filled content and its ND30 layout (no type code, V/v, Kính gửi). */

const report = loadExample(REPORT_EXAMPLE);
const duty = dutyByKey(catalog, 'semiannual-2026')!;

const rows = [
  { name: 'Sở Tài chính', state: 'chua_gui' as const, daysLate: 3 },
  { name: 'Báo và Phát thanh, Truyền hình Bắc Ninh', state: 'gui_muon' as const, daysLate: 2 },
  { name: 'Sở Nội vụ', state: 'dung_han' as const, daysLate: 0 },
  { name: 'Ủy ban nhân dân xã Phật Tích', state: 'tra_lai' as const, daysLate: 0 },
  { name: 'Sở Xây dựng', state: 'da_tiep_nhan' as const, daysLate: 0 },
];

const content = (overrides: Partial<LetterContent> = {}): LetterContent => ({
  ...dondocLetterContent({
    catalog,
    duty,
    rows,
    senderName: report.organization.name,
    archiveUnit: 'VP',
    today: '2026-06-20',
  }),
  ...overrides,
});

function letter(c: LetterContent, issued?: { number: string; issuedOn: string }): ExchangeDocument {
  return exchangeSchema.parse({
    format: 'baocao-exchange',
    version: 1,
    kind: 'letter',
    organization: report.organization,
    catalogId: catalog.id,
    signer: report.signer,
    meta: {
      title: `V/v ${c.summary}`,
      status: issued ? 'issued' : 'draft',
      number: issued?.number ?? null,
      issuedOn: issued?.issuedOn ?? null,
    },
    content: c,
  });
}

const texts = (cells: CellBlock[] | Block[]) =>
  cells
    .filter((b): b is ParagraphBlock => b.type === 'paragraph')
    .map((p) =>
      p.runs
        .map((r) => r.text)
        .join('')
        // The typesetter ties "SKHCN‑VP" and "KT. GIÁM ĐỐC" together; the reader sees plain text.
        .replaceAll('\u2011', '-')
        .replaceAll('\u00a0', ' '),
    );
const body = (doc: ExchangeDocument) => layoutDocument(doc, catalog).sections[0]!.blocks;
const header = (doc: ExchangeDocument) =>
  body(doc).find((b): b is ColumnsBlock => b.type === 'columns' && b.role === 'header')!;
const closing = (doc: ExchangeDocument) =>
  body(doc).find((b): b is ColumnsBlock => b.type === 'columns' && b.role === 'closing')!;

describe('công văn đôn đốc: the draft BaoCao fills in', () => {
  it('addresses the departments not sent, sent late or returned, in Vietnamese order, and names the duty and its deadline', () => {
    const c = content();
    expect(c.addressees).toEqual([
      'Báo và Phát thanh, Truyền hình Bắc Ninh',
      'Sở Tài chính',
      'Ủy ban nhân dân xã Phật Tích',
    ]);
    expect(c.summary).toBe(
      `đôn đốc gửi báo cáo 6 tháng đầu năm 2026 thực hiện Kế hoạch số ${catalog.number}`,
    );
    expect(duty.deadline).toBe('2026-06-15');
    expect(c.body).toContain('ngày 15 tháng 6 năm 2026');
    expect(c.body).toContain('Đến ngày 20 tháng 6 năm 2026');
    expect(c.body).toContain('1 cơ quan, đơn vị chưa gửi báo cáo');
    expect(c.body).toContain('1 cơ quan, đơn vị gửi báo cáo chậm');
    expect(c.body).toContain('1 cơ quan, đơn vị có báo cáo bị trả lại');
    expect(c.body).not.toMatch(/Sở Nội vụ|Sở Xây dựng/);
    expect(c.draftingUnit).toBe('VP');
    expect(c.subject).toEqual({
      kind: 'dondoc',
      periodKey: 'semiannual-2026',
      dutyTitle: duty.title,
      deadline: '2026-06-15',
    });
    // A unit that is not an abbreviation is not put into the number.
    expect(
      dondocLetterContent({
        ...{ catalog, duty, rows, senderName: 'Sở KH&CN', today: '2026-06-20' },
        archiveUnit: 'Văn phòng',
      }).draftingUnit,
    ).toBe('');
  });
});

describe('công văn layout (Nghị định 30/2020, Phụ lục I, III)', () => {
  it('numbers it without a type code, the drafting unit after the agency, and puts the V/v under the number', () => {
    const [, [left]] = header(letter(content())).rows as [unknown, [CellBlock[], CellBlock[]]];
    const lines = texts(left);
    expect(lines[0]).toMatch(/^Số:\s+\/SKHCN-VP$/u);
    expect(lines[1]).toBe(
      `V/v đôn đốc gửi báo cáo 6 tháng đầu năm 2026 thực hiện Kế hoạch số ${catalog.number}`,
    );
    const vv = left.filter((b): b is ParagraphBlock => b.type === 'paragraph')[1]!;
    expect(vv).toMatchObject({ size: LETTER_SUMMARY_SIZE, align: 'center' });
    expect(vv.runs.every((r) => !r.bold && !r.italics)).toBe(true);

    const issued = letter(content(), { number: '01/SKHCN-VP', issuedOn: '2026-06-20' });
    expect(texts((header(issued).rows[1] as [CellBlock[], CellBlock[]])[0])[0]).toBe('Số: 01/SKHCN-VP');
    expect(texts((header(issued).rows[1] as [CellBlock[], CellBlock[]])[1])[0]).toBe(
      'Bắc Ninh, ngày 20 tháng 6 năm 2026',
    );
    const noUnit = letter(content({ draftingUnit: '' }), { number: '02/SKHCN', issuedOn: '2026-06-20' });
    expect(texts((header(noUnit).rows[1] as [CellBlock[], CellBlock[]])[0])[0]).toBe('Số: 02/SKHCN');
    // No tên loại: a công văn has no "CÔNG VĂN" title line.
    expect(body(issued).some((b) => b.type === 'paragraph' && b.kind === 'title')).toBe(false);
  });

  it('refuses a type code in a công văn number, and a number without the drafting unit it names', () => {
    const base = letter(content());
    const withNumber = (number: string) => ({
      ...base,
      meta: { ...base.meta, status: 'issued', number, issuedOn: '2026-06-20' },
    });
    expect(parseExchange(withNumber('01/SKHCN-VP')).success).toBe(true);
    for (const wrong of ['01/CV-SKHCN', '01/BC-SKHCN', '01/SKHCN', '1/SKHCN-VP']) {
      expect(parseExchange(withNumber(wrong)).success, wrong).toBe(false);
    }
  });

  it('writes Kính gửi on one line for one addressee, else one "- …;" per line, the last with "."', () => {
    expect(addresseeLines(['Sở Tài chính'])).toEqual(['Kính gửi: Sở Tài chính.']);
    expect(addresseeLines(['Sở Tài chính;', 'Sở Nội vụ', 'Sở Xây dựng'])).toEqual([
      'Kính gửi:',
      '- Sở Tài chính;',
      '- Sở Nội vụ;',
      '- Sở Xây dựng.',
    ]);
    const lines = texts(body(letter(content())));
    const at = lines.indexOf('Kính gửi:');
    expect(lines.slice(at, at + 4)).toEqual([
      'Kính gửi:',
      '- Báo và Phát thanh, Truyền hình Bắc Ninh;',
      '- Sở Tài chính;',
      '- Ủy ban nhân dân xã Phật Tích.',
    ]);
    expect(lines.filter(Boolean).at(-1)).toBe('Trân trọng./.');
  });

  it('opens Nơi nhận with "- Như trên;" and ends it with "- Lưu: VT, VP."', () => {
    const [left, right] = closing(letter(content({ recipients: ['Giám đốc Sở (để báo cáo)'] }))).rows[0]!;
    expect(texts(left)).toEqual([
      'Nơi nhận:',
      '- Như trên;',
      '- Giám đốc Sở (để báo cáo);',
      '- Lưu: VT, VP.',
    ]);
    expect(texts(right)).toEqual(['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC', 'Nguyễn Đức Thắng']);
  });

  it('renders a .docx whose text carries the number, the V/v and every addressee', async () => {
    const docx = await openDocx(
      await renderDocx(letter(content(), { number: '01/SKHCN-VP', issuedOn: '2026-06-20' }), catalog),
    );
    const plain = docx.document.replaceAll('<w:noBreakHyphen/>', '-').replace(/<[^>]+>/g, '');
    for (const s of [
      'Số: 01/SKHCN-VP',
      'V/v đôn đốc gửi báo cáo 6 tháng',
      'Kính gửi:',
      '- Sở Tài chính;',
      'Như trên',
    ]) {
      expect(plain).toContain(s);
    }
    expect(plain).not.toContain('CÔNG VĂN');
  });
});
