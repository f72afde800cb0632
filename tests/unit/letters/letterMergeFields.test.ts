import { describe, expect, it } from 'vitest';
import {
  fieldConflicts,
  letterMergeFields,
  mergedSave,
} from '../../../shared/domain/documents/fieldMerge.ts';
import { letterContentSchema, type LetterContent } from '../../../shared/domain/letters/letterContent.ts';

/**
 * Two windows edit one công văn: the conflict panel lists, in Vietnamese, only the fields this
 * window changed that the other saved differently, and the merge keeps the other window's edits
 * of every other field.
 */

const base: LetterContent = letterContentSchema.parse({
  summary: 'đôn đốc gửi báo cáo 6 tháng đầu năm 2026',
  draftingUnit: '',
  addressees: ['Sở Nội vụ', 'UBND phường Từ Sơn'],
  body: 'Đề nghị các cơ quan gửi báo cáo.',
  recipients: ['Lãnh đạo Sở'],
  subject: {
    kind: 'dondoc',
    periodKey: 'semiannual-2026',
    dutyTitle: 'Báo cáo 6 tháng',
    deadline: '2026-06-15',
  },
});

describe('letterMergeFields', () => {
  it('lists only the fields both sides changed differently, with the editor’s Vietnamese labels', () => {
    const mine = {
      ...base,
      body: 'Đề nghị gửi trước ngày 10/7.',
      addressees: ['Sở Nội vụ'],
      draftingUnit: 'VP',
    };
    // The other window changed the body and Kính gửi too, and Nơi nhận (which this one left alone);
    // it set the same drafting unit as this one.
    const saved = {
      ...base,
      body: 'Đề nghị gửi ngay.',
      addressees: ['UBND phường Từ Sơn', 'Sở Tài chính'],
      draftingUnit: 'VP',
      recipients: ['Lãnh đạo Sở', 'Phòng QLKH'],
    };
    const fields = letterMergeFields();
    const conflicts = fieldConflicts(fields, base, mine, saved);
    expect(conflicts).toEqual([
      {
        key: 'letter:addressees',
        label: 'Kính gửi',
        mine: 'Sở Nội vụ',
        saved: 'UBND phường Từ Sơn; Sở Tài chính',
      },
      {
        key: 'letter:body',
        label: 'Nội dung công văn',
        mine: 'Đề nghị gửi trước ngày 10/7.',
        saved: 'Đề nghị gửi ngay.',
      },
    ]);
    expect(conflicts.every((c) => c.label.normalize('NFC') === c.label)).toBe(true);

    const merged = mergedSave(fields, mine, { content: saved, revision: 7 }, new Set(['letter:body']));
    expect(merged.baseRevision).toBe(7);
    expect(merged.content).toEqual({ ...saved, body: 'Đề nghị gửi trước ngày 10/7.' });
  });

  it('names every editable field, and shows an emptied one as “(để trống)”', () => {
    const fields = letterMergeFields();
    expect(fields.map((f) => f.label)).toEqual([
      'Trích yếu (V/v)',
      'Đơn vị soạn thảo',
      'Kính gửi',
      'Nội dung công văn',
      'Nơi nhận',
    ]);
    const mine = { ...base, summary: '', recipients: [] };
    const saved = { ...base, summary: 'đôn đốc lần hai', recipients: ['Giám đốc Sở'] };
    expect(fieldConflicts(fields, base, mine, saved).map((c) => [c.label, c.mine, c.saved])).toEqual([
      ['Trích yếu (V/v)', '(để trống)', 'đôn đốc lần hai'],
      ['Nơi nhận', '(để trống)', 'Giám đốc Sở'],
    ]);
  });

  it('does not list a field only the other window changed: it takes the saved value', () => {
    const mine = { ...base, body: 'Nội dung mới.' };
    const saved = { ...base, summary: 'đôn đốc lần hai' };
    const fields = letterMergeFields();
    expect(fieldConflicts(fields, base, mine, saved).map((c) => c.label)).toEqual(['Nội dung công văn']);
    const merged = mergedSave(fields, mine, { content: saved, revision: 3 }, new Set(['letter:body']));
    expect(merged.content).toEqual({ ...saved, body: 'Nội dung mới.' });
  });
});
