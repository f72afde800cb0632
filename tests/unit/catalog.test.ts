import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import { catalogSchema } from '../../shared/domain/catalog/schema.ts';
import {
  PLAN_TEXT_URL,
  PRESS,
  SO,
  XA,
  catalog,
  indicator,
  norm,
  planLines,
  planNorm,
  planText,
  rawCatalog as raw,
  task,
} from './helpers/planText.ts';

/**
 * The catalog of Kế hoạch 34/KH-UBND (20/8/2025, UBND tỉnh Bắc Ninh), checked against the plan's own text.
 * Expected figures below were read off the plan, not copied from the JSON. The rules derived from
 * the text (who owes what, when) are checked in catalogRules.test.ts.
 */

const parsed = catalogSchema.safeParse(raw);
const SPECIFIC_SO = SO.filter((c) => c !== 'so_ban_nganh');

/** Tasks per part, counted in the plan: bullets under III.1 a)–c) (9 + 8 + 5), lettered items elsewhere. */
const EXPECTED_TASKS_PER_PART: Record<string, number> = {
  'III.1': 22,
  'III.2': 11,
  'III.3': 7,
  'III.4': 5,
  'III.5': 3,
  'V.1': 2,
  'V.2': 3,
  'V.3': 2,
  'V.4': 2,
  'V.5': 2,
  'V.6': 2,
  'V.7': 5,
  'V.8': 5,
  'V.9': 2,
};

describe('catalog 34-KH-UBND-2025', () => {
  it('is valid against catalogSchema', () => {
    expect(parsed.error?.issues ?? []).toEqual([]);
    expect(parsed.success).toBe(true);
  });

  it('identifies the plan', () => {
    expect(catalog.id).toBe('34-KH-UBND-2025');
    expect(catalog.number).toBe('34/KH-UBND');
    expect(catalog.issuedOn).toBe('2025-08-20');
    expect(catalog.issuer).toBe('UBND tỉnh Bắc Ninh');
    expect(catalog.place).toBe('Bắc Ninh');
    expect(catalog.title.startsWith('Truyền thông thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024')).toBe(
      true,
    );
    expect(catalog.targetYears).toEqual([2025, 2026, 2027, 2030]);
  });

  it('has the agency types of the plan, only the press reporting monthly', () => {
    expect(catalog.agencyTypes.map((a) => a.code).sort()).toEqual(
      [
        'so_ban_nganh',
        'so_noi_vu',
        'ubnd_xa_phuong',
        'bao_ptth_tinh',
        'co_quan_bao_chi',
        'van_phong_ubnd_tinh',
        'so_khcn',
        'so_gddt',
        'so_vhttdl',
        'ban_tuyen_giao',
        'tinh_doan',
        'mttq_doan_the',
        'so_tai_chinh',
      ].sort(),
    );
    expect(catalog.agencyTypes.filter((a) => a.monthlyReport).map((a) => a.code)).toEqual(PRESS);
    // The codes departments already hold in their profile keep their meaning.
    expect(catalog.agencyTypes.find((a) => a.code === 'co_quan_bao_chi')?.name).toBe(
      'Cơ quan báo chí, truyền thông khác',
    );
    expect(catalog.agencyTypes.find((a) => a.code === 'bao_ptth_tinh')?.name).toBe(
      'Báo và Phát thanh, Truyền hình tỉnh',
    );
  });

  it('has the five parts of section III and the nine items of section V', () => {
    expect(catalog.parts.map((p) => p.code)).toEqual([
      'III.1',
      'III.2',
      'III.3',
      'III.4',
      'III.5',
      'V.1',
      'V.2',
      'V.3',
      'V.4',
      'V.5',
      'V.6',
      'V.7',
      'V.8',
      'V.9',
    ]);
    expect(catalog.parts.find((p) => p.code === 'III.5')?.title).toBe(
      'Tăng cường thông tin đối ngoại và hợp tác quốc tế',
    );
    expect(catalog.parts.find((p) => p.code === 'V.2')?.title).toBe('Sở Khoa học và Công nghệ');
  });

  it('has every task of sections III and V', () => {
    const counts: Record<string, number> = {};
    for (const t of catalog.tasks) counts[t.part] = (counts[t.part] ?? 0) + 1;
    expect(counts).toEqual(EXPECTED_TASKS_PER_PART);
    expect(catalog.tasks).toHaveLength(73);
    expect(catalog.tasks.filter((t) => t.id.startsWith('III.'))).toHaveLength(48);
    expect(catalog.tasks.filter((t) => t.id.startsWith('V.'))).toHaveLength(25);
    // ids follow the plan's numbering; "đ)" is spelled "dd" in ids
    expect(catalog.tasks.filter((t) => t.part === 'III.2').map((t) => t.id)).toEqual(
      ['a', 'b', 'c', 'd', 'dd', 'e', 'g', 'h', 'i', 'k', 'l'].map((l) => `III.2.${l}`),
    );
    expect(task('III.2.dd').label).toBe('đ)');
    expect(task('III.1.a.9').label).toBe('-');
    for (const t of catalog.tasks) expect(t.id.startsWith(`${t.part}.`)).toBe(true);
  });

  it('has the exact cadences printed in the plan', () => {
    expect(task('III.2.a').cadence).toEqual({
      kind: 'deadline',
      text: 'Hoàn thành trước ngày 10/9/2025',
      dueDate: '2025-09-10',
    });
    expect(task('V.8.a').cadence).toEqual({
      kind: 'deadline',
      text: 'hoàn thành trước ngày 10/9/2025',
      dueDate: '2025-09-10',
    });
    expect(task('III.1.a.1').cadence).toEqual({ kind: 'recurring', text: 'Nhiệm vụ thường xuyên' });
    expect(task('III.1.a.6').cadence).toEqual({
      kind: 'year',
      text: 'Hoàn thành trong năm 2025',
      year: 2025,
    });
    expect(task('III.1.b.3').cadence).toEqual({
      kind: 'from_year',
      text: 'Nhiệm vụ thường xuyên, bắt đầu từ năm 2026',
      year: 2026,
    });
    expect(task('III.1.b.4').cadence).toEqual({ kind: 'year', text: 'Hoàn thành năm 2026', year: 2026 });
    expect(task('III.1.b.6').cadence).toEqual({ kind: 'year', text: 'Hoàn thành năm 2026', year: 2026 });
    expect(task('III.1.b.7').cadence).toEqual({ kind: 'year', text: 'Hoàn thành năm 2027', year: 2027 });
    expect(task('V.2.b').cadence.kind).toBe('annual');
    expect(task('V.7.b').cadence).toEqual({ kind: 'year', text: 'hoàn thành trong năm 2025', year: 2025 });
    // every section-III task carries a cadence; the ones with a date are exactly these
    expect(
      catalog.tasks.filter((t) => t.part.startsWith('III.') && t.cadence.kind === 'unspecified'),
    ).toEqual([]);
    expect(catalog.tasks.filter((t) => t.cadence.kind === 'deadline').map((t) => t.id)).toEqual([
      'III.2.a',
      'V.8.a',
    ]);
    expect(
      catalog.tasks
        .filter((t) => t.part.startsWith('III.') && t.cadence.kind !== 'recurring')
        .map((t) => t.id)
        .sort(),
    ).toEqual(['III.1.a.6', 'III.1.b.3', 'III.1.b.4', 'III.1.b.6', 'III.1.b.7', 'III.2.a']);
  });

  it('names the lead of each group as the plan does', () => {
    expect(task('III.1.a.1').lead).toBe(
      'Các Sở, cơ quan thuộc UBND tỉnh, UBND các xã, phường, các cơ quan báo chí trên địa bàn tỉnh',
    );
    expect(task('III.1.b.1').lead).toBe('Sở Khoa học và Công nghệ');
    expect(task('III.1.b.1').partners).toBe('các sở, ngành, địa phương và các cơ quan có liên quan');
    expect(task('III.1.c.1').lead).toBe('Văn phòng UBND tỉnh');
    expect(task('III.2.a').lead).toBe('Sở Giáo dục và Đào tạo');
    expect(task('III.3.a').lead).toBe('Các sở, cơ quan thuộc UBND tỉnh, UBND các xã, phường');
    expect(task('III.4.a').lead).toBe('Các sở, cơ quan thuộc UBND tỉnh, UBND các xã, phường');
    expect(task('III.5.a').lead).toBe('Sở Văn hóa, Thể thao và Du lịch');
    expect(task('V.3.a').lead).toBe('Sở Tài chính');
    expect(task('V.9.b').lead).toBe('Tỉnh đoàn Bắc Ninh');
  });

  it('assigns tasks to the agency types the plan addresses', () => {
    const ids = (code: string) => catalog.tasks.filter((t) => t.appliesTo.includes(code)).map((t) => t.id);
    const press = ids('co_quan_bao_chi');
    const v7 = ['V.7.a', 'V.7.b', 'V.7.c', 'V.7.d', 'V.7.dd'];
    expect(press).toEqual([...Array.from({ length: 8 }, (_, i) => `III.1.a.${i + 1}`), ...v7]);
    expect(ids('bao_ptth_tinh')).toEqual([...Array.from({ length: 9 }, (_, i) => `III.1.a.${i + 1}`), ...v7]);
    expect(ids('ban_tuyen_giao')).toEqual(['V.1.1', 'V.1.2']);
    expect(ids('mttq_doan_the')).toEqual(['V.9.a']);
    expect(ids('tinh_doan')).toEqual(['V.9.a', 'V.9.b']);
    expect(ids('so_noi_vu')).toEqual(ids('so_ban_nganh'));
    const gddt = ids('so_gddt');
    expect(gddt).toHaveLength(8 + 11 + 7 + 5 + 2 + 5);
    expect(gddt).toContain('III.2.a');
    expect(gddt).toContain('V.5.b');
    expect(gddt).toContain('V.8.dd');
    expect(gddt).not.toContain('III.1.a.9'); // addressed to Báo và Phát thanh, Truyền hình tỉnh only
    expect(gddt).not.toContain('V.7.a');
    expect(press).not.toContain('III.2.a');
    expect(task('III.1.a.9').appliesTo).toEqual(['bao_ptth_tinh']);
    expect(task('III.1.b.1').appliesTo).toEqual(['so_khcn']);
    expect(task('V.3.a').appliesTo).toEqual(['so_tai_chinh']);
    expect(task('V.9.b').appliesTo).toEqual(['tinh_doan']);
    expect(ids('mttq_doan_the')).toContain('V.9.a');
    // A task for "all sở, ban, ngành" also binds each specific sở.
    for (const t of catalog.tasks.filter((x) => x.appliesTo.includes('so_ban_nganh'))) {
      for (const so of SPECIFIC_SO) expect(t.appliesTo, `${t.id} → ${so}`).toContain(so);
    }
    // "Các cơ quan, đơn vị, địa phương": the bodies the indicator's words count (catalogRules.test.ts).
    for (const code of ['CT02', 'CT05'])
      expect(indicator(code).appliesTo, code).toEqual([...SO, ...XA, ...PRESS]);
    for (const code of ['CT01', 'CT06', 'CT07'])
      expect(indicator(code).appliesTo, code).toEqual([...SO, ...XA]);
  });

  it('has the 15 indicators of the appendix with their targets', () => {
    expect(catalog.indicators).toHaveLength(15);
    expect(catalog.indicators.map((i) => i.no)).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
    expect(catalog.indicators.map((i) => i.code)).toEqual(
      Array.from({ length: 15 }, (_, i) => `CT${String(i + 1).padStart(2, '0')}`),
    );
    for (const i of catalog.indicators)
      expect(
        i.targets.map((t) => t.year),
        i.code,
      ).toEqual([2025, 2026, 2027, 2030]);

    const ct1 = indicator('CT01');
    expect(ct1.targets.map((t) => t.text)).toEqual(['100%', '100%', '100%', '100%']);
    // Two requirements ("ban hành kế hoạch" and "Đồng thời … duy trì chuyên mục"), each a yes/no.
    expect(ct1.targets.map((t) => t.values)).toEqual([
      [100, 100],
      [100, 100],
      [100, 100],
      [100, 100],
    ]);
    expect(ct1.measures.map((m) => m.kind)).toEqual(['yes_no', 'yes_no']);
    expect(ct1.monitor).toBe('Sở KH&CN');
    expect(ct1.legalBasis).toBe('Quyết định số 1169/QĐ-TTg');

    const ct4 = indicator('CT04');
    expect(ct4.measures).toHaveLength(2);
    expect(ct4.measures.map((m) => m.kind)).toEqual(['count', 'count']);
    expect(ct4.measures[0]?.label).toContain('Scopus/ISI');
    expect(ct4.measures[1]?.label).toContain('ứng dụng');
    // The table prints "50; 150"; the row's text and section II.1 say 100 (catalogRules.test.ts).
    expect(ct4.targets.map((t) => [t.year, t.text, t.values])).toEqual([
      [2025, '50; 150', [50, 100]],
      [2026, '', [null, null]],
      [2027, '', [null, null]],
      [2030, '150; 300', [150, 300]],
    ]);
    expect(ct4.appliesTo).toEqual(['so_khcn']);

    const ct10 = indicator('CT10');
    expect(ct10.targets.map((t) => [t.text, t.values])).toEqual([
      ['80%', [80]],
      ['', [null]],
      ['', [null]],
      ['100%', [100]],
    ]);
    expect(ct10.monitor).toBe('Sở GD&ĐT');
    expect(indicator('CT11').targets.map((t) => t.text)).toEqual(['', '100%', '', '']);
    const ct12 = indicator('CT12');
    expect(ct12.measures.map((m) => m.kind)).toEqual(['programmes']);
    expect(ct12.targets.map((t) => [t.text, t.values])).toEqual([
      ['', [null]],
      ['', [null]],
      ['03', [3]],
      ['', [null]],
    ]);
    expect(ct12.monitor).toBe('Tỉnh đoàn');
    for (const code of ['CT13', 'CT14', 'CT15']) {
      expect(
        indicator(code)
          .targets.slice(0, 3)
          .map((t) => t.text),
        code,
      ).toEqual(['', '', '']);
    }
    expect(indicator('CT14').targets[3]?.text).toBe('80%');
    expect(indicator('CT15').targets[3]?.text).toBe('70%');
    expect(indicator('CT03').appliesTo).toEqual(['bao_ptth_tinh']);
    expect(indicator('CT10').appliesTo).toContain('so_gddt');
    expect(indicator('CT10').appliesTo).not.toContain('co_quan_bao_chi');
    // a ratio has a % value per year, blanks are null
    for (const i of catalog.indicators.filter((x) => x.measures[0]?.kind === 'ratio')) {
      for (const t of i.targets)
        expect(t.values, `${i.code} ${t.year}`).toEqual([
          t.text === '' ? null : Number(t.text.replace('%', '')),
        ]);
    }
  });

  it('has the reporting rules of section V', () => {
    expect(catalog.reporting.recipient).toBe('Sở Khoa học và Công nghệ');
    expect(catalog.reporting.planDue).toBe('2025-09-10');
    expect(catalog.reporting.periodicDeadlines).toEqual([
      { month: 6, day: 15 },
      { month: 12, day: 15 },
    ]);
    expect(catalog.reporting.monthly).toEqual({ day: 20, appliesTo: PRESS });
    expect(catalog.reporting.source).toContain('Trước ngày 15/6 và trước ngày 15/12 hằng năm');
    expect(catalog.reporting.source).toContain('Định kỳ ngày 20 hằng tháng');
    expect(catalog.reporting.source).toContain('trước ngày 10/9/2025');
  });

  it('writes every string in Unicode NFC, trimmed, without doubled spaces', () => {
    const bad: string[] = [];
    const walk = (v: unknown, path: string): void => {
      if (typeof v === 'string') {
        if (v !== v.normalize('NFC') || v !== v.trim() || /\s{2}/.test(v)) bad.push(path);
      } else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}[${i}]`));
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, `${path}.${k}`);
    };
    walk(raw, '$');
    expect(bad).toEqual([]);
  });

  describe('against the text of the plan', () => {
    const refNorm = planNorm;
    const refLines = planLines;

    it('reads the plan from the copy kept with the tests, the same text as the shared reference', () => {
      expect(planText).toContain('Số: 34/KH-UBND');
      const shared = new URL('../../../../shared/reference/ke-hoach-34-KH-UBND-2025.txt', PLAN_TEXT_URL);
      if (fs.existsSync(shared)) expect(fs.readFileSync(shared, 'utf8')).toBe(planText);
    });

    it('quotes every task, lead, partner list and cadence verbatim', () => {
      const missing: string[] = [];
      const check = (s: string | undefined, what: string) => {
        if (s && !refNorm.includes(norm(s))) missing.push(`${what}: ${s.slice(0, 60)}`);
      };
      for (const t of catalog.tasks) {
        check(t.text, `${t.id}.text`);
        check(t.lead, `${t.id}.lead`);
        check(t.partners, `${t.id}.partners`);
        check(t.cadence.text, `${t.id}.cadence`);
      }
      for (const p of catalog.parts) check(p.title, `${p.code}.title`);
      for (const i of catalog.indicators) check(i.text, `${i.code}.text`);
      for (const sentence of catalog.reporting.source.split(/(?<=\.) (?=[A-ZĐ])/))
        check(sentence, 'reporting.source');
      expect(missing).toEqual([]);
      expect(refNorm.toUpperCase()).toContain(catalog.title.toUpperCase());
    });

    it('has as many tasks per part as the plan has items', () => {
      // Section III runs from "III. NHIỆM VỤ" to "IV. KINH PHÍ"; section V from "V. TỔ CHỨC" to the closing paragraph.
      const start3 = refLines.findIndex((l) => l.startsWith('III. NHIỆM VỤ'));
      const start4 = refLines.findIndex((l) => l.startsWith('IV. KINH PHÍ'));
      const start5 = refLines.findIndex((l) => l.startsWith('V. TỔ CHỨC THỰC HIỆN'));
      const end5 = refLines.findIndex((l) => l.startsWith('Trên đây là Kế hoạch'));
      expect([start3, start4, start5, end5].every((n) => n > 0)).toBe(true);
      const counted: Record<string, number> = {};
      const count = (from: number, to: number, section: string) => {
        let part = '';
        const body = refLines.slice(from + 1, to);
        body.forEach((line, k) => {
          const heading = line.match(/^(\d+)\. /);
          if (heading) {
            part = `${section}.${heading[1]}`;
            counted[part] = 0;
            return;
          }
          const isBullet = line.startsWith('- ') && !line.endsWith(':');
          // a lettered item is a task unless its own bullets are the tasks
          const isLettered = /^[a-zđ]\) /.test(line) && !(body[k + 1] ?? '').startsWith('- ');
          if (part && (isBullet || isLettered)) counted[part] = (counted[part] ?? 0) + 1;
        });
      };
      count(start3, start4, 'III');
      count(start5, end5, 'V');
      expect(counted).toEqual(EXPECTED_TASKS_PER_PART);
    });

    it('reads each indicator row of the appendix cell by cell', () => {
      const appendix = refLines.findIndex((l) => l.startsWith('PHÂN CÔNG NHIỆM VỤ THỰC HIỆN CÁC CHỈ TIÊU'));
      expect(appendix).toBeGreaterThan(0);
      for (const i of catalog.indicators) {
        const at = refLines.findIndex((l, k) => k > appendix && l === String(i.no));
        expect(at, i.code).toBeGreaterThan(appendix);
        const printed = i.targets.map((t) => t.text).filter((t) => t !== '');
        const row = refLines.slice(at + 1, at + 2 + printed.length + 3);
        expect(row, i.code).toEqual([
          norm(i.text),
          ...printed,
          norm(i.lead),
          norm(i.monitor),
          norm(i.legalBasis),
        ]);
      }
    });
  });
});
