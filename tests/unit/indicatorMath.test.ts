import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import { catalogSchema, type CatalogIndicator } from '../../shared/domain/catalog/schema.ts';
import { evaluateIndicator, measureValue } from '../../shared/domain/indicators/indicatorMath.ts';
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
    expect(full.measures).toEqual([{ measure: m02, value: 100, target: 100, achievement: 'dat' }]);
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

  it('CT04 in 2025 (50; 150): 60 and 150 articles are vượt and đạt, so the indicator is đạt', () => {
    const ct04 = indicator('CT04');
    const [scopus, applied] = ct04.measures.map((m) => m.code) as [string, string];
    const r = evaluateIndicator(ct04, [count(scopus, 60), count(applied, 150)], 2025);
    expect(r.measures.map((m) => [m.value, m.target, m.achievement])).toEqual([
      [60, 50, 'vuot'],
      [150, 150, 'dat'],
    ]);
    expect(r.achievement).toBe('dat');
    expect(r.targetText).toBe('50; 150');
    expect(evaluateIndicator(ct04, [count(scopus, 60), count(applied, 151)], 2025).achievement).toBe('vuot');
    expect(evaluateIndicator(ct04, [count(scopus, 60), count(applied, 149)], 2025).achievement).toBe(
      'chua_dat',
    );
    expect(evaluateIndicator(ct04, [count(scopus, 60), count(applied, null)], 2025).achievement).toBe(
      'chua_nhap',
    );
  });

  it('CT12 in 2026 has no target: chưa có chỉ tiêu, with the value still shown; 2027 has 03 programmes', () => {
    const ct12 = indicator('CT12');
    const m = ct12.measures[0]!.code;
    const r = evaluateIndicator(ct12, [count(m, 2)], 2026);
    expect(r).toMatchObject({ achievement: 'chua_co_chi_tieu', targetText: '' });
    expect(r.measures[0]).toEqual({ measure: m, value: 2, target: null, achievement: 'chua_co_chi_tieu' });
    const r27 = evaluateIndicator(ct12, [count(m, 2)], 2027);
    expect(r27).toMatchObject({ achievement: 'chua_dat', targetText: '03' });
    expect(evaluateIndicator(ct12, [count(m, 3)], 2027).achievement).toBe('dat');
  });

  it('years the plan gives no targets for (2028, 2029) have no target', () => {
    const r = evaluateIndicator(ct02, [ratio(m02, 50, 100)], 2028);
    expect(r).toMatchObject({ achievement: 'chua_co_chi_tieu', targetText: '' });
    expect(evaluateIndicator(ct02, [ratio(m02, 50, 100)], 2029).measures[0]!.target).toBeNull();
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
        { code: 'chuyen_muc', label: 'Có chuyên mục trên cổng thông tin', kind: 'yes_no', unit: 'có/không' },
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

describe('a ratio above 100%', () => {
  it('is not shown as exceeding the target while validation refuses it', () => {
    const v = { measure: 'm', numerator: 130, denominator: 120, count: null, done: null, evidenceUrl: '' };
    expect(measureValue('ratio', v)).toBeNull();
    expect(measureValue('ratio', { ...v, numerator: 120 })).toBe(100);
  });
});
