import { describe, expect, it } from 'vitest';
import {
  asPercentage,
  formatNumberVi,
  parseNumberText,
} from '../../../electron/services/spreadsheets/parseNumbers.ts';
import {
  readAmount,
  readDone,
  readRate,
  readStatus,
} from '../../../electron/services/spreadsheets/importCells.ts';
import { parseRowCode } from '../../../electron/services/spreadsheets/reportColumns.ts';
import { normalizeLabel } from '../../../electron/services/spreadsheets/readWorkbook.ts';

const num = (value: number, percent = false) => ({ kind: 'number', value, percent });

describe('Vietnamese numbers', () => {
  it.each([
    ['12', num(12)],
    ['  42  ', num(42)],
    ['1.234', num(1234)],
    ['1.234.567', num(1234567)],
    ['12,5', num(12.5)],
    ['1.234,5', num(1234.5)],
    ['1,234.5', num(1234.5)],
    ['1 234', num(1234)],
    ['1\u00a0234', num(1234)],
    ['0,8', num(0.8)],
    ['1.5', num(1.5)],
    ['-3', num(-3)],
    ['80%', num(80, true)],
    [' 95,8 % ', num(95.8, true)],
    ['', { kind: 'empty' }],
    ['   ', { kind: 'empty' }],
  ])('%j', (text, expected) => {
    expect(parseNumberText(text)).toEqual(expected);
  });

  it.each(['abc', '12a', '1..2', '1.23.4', '1,2,3', '%', '--1', '1e5', 'Infinity', '0x10'])(
    'not a number: %j',
    (text) => {
      expect(parseNumberText(text)).toEqual({ kind: 'invalid' });
    },
  );

  it('formats the Vietnamese way', () => {
    expect(formatNumberVi(1234)).toBe('1.234');
    expect(formatNumberVi(12.5)).toBe('12,5');
  });

  it('reads a rate typed as 80%, 0.8, 80, or held by a % cell as a fraction', () => {
    expect(asPercentage(80, true, false)).toBe(80);
    expect(asPercentage(0.8, false, true)).toBeCloseTo(80);
    expect(asPercentage(0.8, false, false)).toBeCloseTo(80);
    expect(asPercentage(1, false, false)).toBe(100);
    expect(asPercentage(80, false, false)).toBe(80);
    expect(readRate({ kind: 'text', text: '80%' })).toEqual({ ok: true, value: 80 });
    expect(readRate({ kind: 'number', value: 0.958, percentFormat: true })).toEqual({
      ok: true,
      value: expect.closeTo(95.8, 9),
    });
  });

  it('counts: whole, non-negative, not a percentage; float noise from formulas is tolerated', () => {
    expect(readAmount({ kind: 'text', text: '1.234' })).toEqual({ ok: true, value: 1234 });
    expect(readAmount({ kind: 'number', value: 11.999999999998, percentFormat: false })).toEqual({
      ok: true,
      value: 12,
    });
    expect(readAmount({ kind: 'text', text: '12,5' })).toEqual({ ok: false, reason: 'phải là số nguyên' });
    expect(readAmount({ kind: 'number', value: -1, percentFormat: false })).toEqual({
      ok: false,
      reason: 'không được âm',
    });
    expect(readAmount({ kind: 'boolean', value: true })).toEqual({ ok: false, reason: 'không phải là số' });
    expect(readAmount({ kind: 'date', value: new Date() })).toEqual({
      ok: false,
      reason: 'không phải là số',
    });
    expect(readAmount({ kind: 'empty' })).toEqual({ ok: true, value: null });
  });

  it('yes/no and statuses, without case or diacritics', () => {
    expect(readDone({ kind: 'text', text: ' có ' })).toEqual({ ok: true, value: true });
    expect(readDone({ kind: 'text', text: 'KHONG' })).toEqual({ ok: true, value: false });
    expect(readDone({ kind: 'boolean', value: true })).toEqual({ ok: true, value: true });
    expect(readDone({ kind: 'text', text: 'có lẽ' }).ok).toBe(false);
    expect(readStatus({ kind: 'text', text: 'HOÀN THÀNH' })).toEqual({ ok: true, value: 'hoan_thanh' });
    expect(readStatus({ kind: 'text', text: 'Dang  thuc hien' })).toEqual({
      ok: true,
      value: 'dang_thuc_hien',
    });
    expect(readStatus({ kind: 'text', text: 'Xong' }).ok).toBe(false);
  });

  it('headers and codes', () => {
    expect(normalizeLabel('  Số ĐẠT  được ')).toBe('so dat duoc');
    // NFD input (macOS) matches NFC
    expect(normalizeLabel('Tổng số'.normalize('NFD'))).toBe('tong so');
    expect(parseRowCode('ct 2')).toEqual({ code: 'CT02', measure: null });
    expect(parseRowCode('CT05-2')).toEqual({ code: 'CT05', measure: 2 });
    expect(parseRowCode('CT05.2')).toEqual({ code: 'CT05', measure: 2 });
    expect(parseRowCode('__proto__')).toBeNull();
  });
});
