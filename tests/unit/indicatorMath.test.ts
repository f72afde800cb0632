import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import { catalogSchema, type CatalogIndicator } from '../../shared/domain/catalog/schema.ts';
import {
  evaluateIndicator,
  formatPercent,
  measureValue,
} from '../../shared/domain/indicators/indicatorMath.ts';
import type { MeasureValue } from '../../shared/domain/reports/reportContent.ts';

const catalog = catalogSchema.parse(
  JSON.parse(fs.readFileSync(new URL('../../resources/plans/34-KH-UBND-2025.json', import.meta.url), 'utf8')),
);
const indicator = (code: string): CatalogIndicator => catalog.indicators.find((i) => i.code === code)!;

const blank = (measure: string): MeasureValue => ({
  measure,
  numerator: null,
  denominator: null,
  count: null,
  done: null,
  evidenceUrl: '',
});
const ratio = (measure: string, numerator: number | null, denominator: number | null) => ({
  ...blank(measure),
  numerator,
  denominator,
});
const count = (measure: string, n: number | null) => ({ ...blank(measure), count: n });

describe('measure values', () => {
  it('a ratio is numerator / denominator × 100, nothing without both numbers or with a zero denominator', () => {
    expect(measureValue('ratio', ratio('x', 45, 60))).toBe(75);
    expect(measureValue('ratio', ratio('x', 1, 3))).toBeCloseTo(33.3333333, 6);
    expect(measureValue('ratio', ratio('x', 45, null))).toBeNull();
    expect(measureValue('ratio', ratio('x', null, 60))).toBeNull();
    expect(measureValue('ratio', ratio('x', 0, 0))).toBeNull();
    expect(measureValue('ratio', ratio('x', 0, 10))).toBe(0);
  });

  it('counts and programmes are the count; yes/no is 100 or 0', () => {
    expect(measureValue('count', count('x', 12))).toBe(12);
    expect(measureValue('programmes', count('x', 3))).toBe(3);
    expect(measureValue('count', count('x', null))).toBeNull();
    expect(measureValue('yes_no', { ...blank('x'), done: true })).toBe(100);
    expect(measureValue('yes_no', { ...blank('x'), done: false })).toBe(0);
    expect(measureValue('yes_no', blank('x'))).toBeNull();
  });
});

describe('indicators against the targets of Kế hoạch 34/KH-UBND', () => {
  const ct02 = indicator('CT02');
  const m02 = ct02.measures[0]!.code;

  it('CT02 in 2026 (target 100%): 100/100 is đạt, 99/100 is chưa đạt', () => {
    const full = evaluateIndicator(ct02, [ratio(m02, 100, 100)], 2026);
    expect(full).toMatchObject({ code: 'CT02', year: 2026, achievement: 'dat', targetText: '100%' });
    expect(full.measures).toEqual([
      { measure: m02, value: 100, target: 100, achievement: 'dat', targetSource: 'table' },
    ]);
    const short = evaluateIndicator(ct02, [ratio(m02, 99, 100)], 2026);
    expect(short.achievement).toBe('chua_dat');
    expect(short.measures[0]).toMatchObject({ value: 99, achievement: 'chua_dat' });
  });

  it('100% can only be reached, not exceeded: a full ratio of any size is đạt', () => {
    expect(evaluateIndicator(ct02, [ratio(m02, 49, 49)], 2026).achievement).toBe('dat');
    expect(evaluateIndicator(ct02, [ratio(m02, 333, 333)], 2026).achievement).toBe('dat');
  });

  it('a value crossing the target changes the status', () => {
    const ct10 = indicator('CT10'); // 80% in 2025
    const m = ct10.measures[0]!.code;
    expect(evaluateIndicator(ct10, [ratio(m, 79, 100)], 2025).achievement).toBe('chua_dat');
    expect(evaluateIndicator(ct10, [ratio(m, 80, 100)], 2025).achievement).toBe('dat');
    expect(evaluateIndicator(ct10, [ratio(m, 81, 100)], 2025).achievement).toBe('vuot');
  });

  it('CT04 in 2025 uses the text\'s "ít nhất 100" applied articles, not the table\'s 150, and says so', () => {
    const ct04 = indicator('CT04');
    const [scopus, applied] = ct04.measures.map((m) => m.code) as [string, string];
    const r = evaluateIndicator(ct04, [count(scopus, 60), count(applied, 100)], 2025);
    expect(r.measures.map((m) => [m.value, m.target, m.achievement])).toEqual([
      [60, 50, 'vuot'],
      [100, 100, 'dat'],
    ]);
    expect(r.achievement).toBe('dat');
    expect(r.targetText).toBe('50; 100');
    expect(r.targetNotes).toEqual([
      expect.stringContaining('Bảng phụ lục ghi chỉ tiêu năm 2025 là “50; 150”'),
    ]);
    expect(evaluateIndicator(ct04, [count(scopus, 60), count(applied, 150)], 2025).achievement).toBe('vuot');
    expect(evaluateIndicator(ct04, [count(scopus, 60), count(applied, 99)], 2025).achievement).toBe(
      'chua_dat',
    );
    expect(evaluateIndicator(ct04, [count(scopus, 60), count(applied, null)], 2025).achievement).toBe(
      'chua_nhap',
    );
  });

  it('CT12 counts toward "ít nhất 03" by 2027: before then a lower running total is not yet due', () => {
    const ct12 = indicator('CT12');
    const m = ct12.measures[0]!.code;
    const r = evaluateIndicator(ct12, [count(m, 2)], 2026);
    expect(r).toMatchObject({ achievement: 'chua_den_han', targetText: '03 (đến năm 2027)' });
    expect(r.measures[0]).toMatchObject({ value: 2, target: 3, targetSource: 'upcoming' });
    expect(r.targetNotes).toEqual([expect.stringContaining('lũy kế phải đạt đến năm 2027')]);
    expect(evaluateIndicator(ct12, [count(m, 3)], 2026).achievement).toBe('dat');
    expect(evaluateIndicator(ct12, [count(m, 1)], 2025).achievement).toBe('chua_den_han');
    const r27 = evaluateIndicator(ct12, [count(m, 2)], 2027);
    expect(r27).toMatchObject({ achievement: 'chua_dat', targetText: '03' });
    expect(evaluateIndicator(ct12, [count(m, 3)], 2027).achievement).toBe('dat');
    // Not worded "hằng năm" or "duy trì": nothing after 2027.
    expect(evaluateIndicator(ct12, [count(m, 3)], 2028).achievement).toBe('chua_co_chi_tieu');
  });

  it('2028 and 2029: "hằng năm"/"duy trì" indicators keep the 2027 target, the others honestly have none', () => {
    const r = evaluateIndicator(ct02, [ratio(m02, 50, 100)], 2028);
    expect(r).toMatchObject({ achievement: 'chua_co_chi_tieu', targetText: '' });
    expect(r.targetNotes).toEqual(['Kế hoạch không đặt chỉ tiêu cho năm 2028 (chỉ tiêu năm 2030: 100%).']);
    expect(evaluateIndicator(ct02, [ratio(m02, 50, 100)], 2029).measures[0]!.target).toBeNull();
    const ct05 = indicator('CT05'); // "… hằng năm được truyền thông …"
    const m05 = ct05.measures[0]!.code;
    const kept = evaluateIndicator(ct05, [ratio(m05, 50, 100)], 2029);
    expect(kept).toMatchObject({ achievement: 'chua_dat', targetText: '100%' });
    expect(kept.measures[0]).toMatchObject({ target: 100, targetSource: 'carried' });
    expect(kept.targetNotes[0]).toContain('giữ chỉ tiêu năm 2027');
    // A blank cell of a year the table has (CT10 in 2026) is not filled in either.
    const ct10 = indicator('CT10');
    expect(evaluateIndicator(ct10, [ratio(ct10.measures[0]!.code, 9, 10)], 2026).achievement).toBe(
      'chua_co_chi_tieu',
    );
  });

  it('nothing entered yet is chưa nhập, also when the value entry is missing', () => {
    expect(evaluateIndicator(ct02, [blank(m02)], 2026).achievement).toBe('chua_nhap');
    expect(evaluateIndicator(ct02, [], 2026).achievement).toBe('chua_nhap');
    expect(evaluateIndicator(ct02, [ratio(m02, 5, null)], 2026).achievement).toBe('chua_nhap');
  });

  it('a yes/no indicator is đạt when done and chưa đạt when not (target 1 means "yes")', () => {
    const yesNo: CatalogIndicator = {
      ...ct02,
      code: 'CT99',
      measures: [
        {
          code: 'chuyen_muc',
          label: 'Có chuyên mục trên cổng thông tin',
          kind: 'yes_no',
          unit: 'có/không',
          accumulation: 'state',
          basis: '',
        },
      ],
      targets: [{ year: 2026, text: 'Có', values: [1] }],
    };
    const done = evaluateIndicator(yesNo, [{ ...blank('chuyen_muc'), done: true }], 2026);
    expect(done.measures[0]).toMatchObject({ value: 100, target: 100, achievement: 'dat' });
    expect(done.achievement).toBe('dat');
    expect(evaluateIndicator(yesNo, [{ ...blank('chuyen_muc'), done: false }], 2026).achievement).toBe(
      'chua_dat',
    );
  });
});

describe('displayed percentages never contradict the status', () => {
  it('99,999 % beside "Chưa đạt" shows 99,9, not 100; above a target never shows the target itself', () => {
    expect(formatPercent((99_999 / 100_000) * 100, 100)).toBe('99,9');
    expect(formatPercent((1999 / 2000) * 100, 100)).toBe('99,9');
    expect(formatPercent(80.04, 80)).toBe('80,1');
    expect(formatPercent(79.96, 80)).toBe('79,9');
    expect(formatPercent(100, 100)).toBe('100');
    expect(formatPercent(87.5, 100)).toBe('87,5');
    expect(formatPercent(33.333333)).toBe('33,3');
    const ct02 = indicator('CT02');
    const r = evaluateIndicator(ct02, [ratio(ct02.measures[0]!.code, 99_999, 100_000)], 2026);
    expect([r.achievement, formatPercent(r.measures[0]!.value!, r.measures[0]!.target)]).toEqual([
      'chua_dat',
      '99,9',
    ]);
  });
});

describe('a ratio above 100%', () => {
  it('is not shown as exceeding the target while validation refuses it', () => {
    const v = { measure: 'm', numerator: 130, denominator: 120, count: null, done: null, evidenceUrl: '' };
    expect(measureValue('ratio', v)).toBeNull();
    expect(measureValue('ratio', { ...v, numerator: 120 })).toBe(100);
  });
});
