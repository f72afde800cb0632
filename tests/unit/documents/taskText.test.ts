import { describe, expect, it } from 'vitest';
import { PLAN_EXAMPLE, REPORT_EXAMPLE, loadExample, paragraphs, render, variant } from './docxXml.ts';

/** How the Word documents word a task: the department's own sentences, the cadence once, its timing. */

const texts = async (file: Parameters<typeof loadExample>[0] | ReturnType<typeof loadExample>) => {
  const d = await render(typeof file === 'string' ? loadExample(file) : file);
  return paragraphs(d.document).map((p) => p.text);
};
const count = (list: string[], words: string) => list.join('\n').split(words).length - 1;

describe('the implementation plan prints each cadence once', () => {
  it('after a text that says nothing of time, "(Nhiệm vụ thường xuyên)"; never after one that says it', async () => {
    const t = await texts(PLAN_EXAMPLE);
    // V.8.a: "…hoàn thành trước ngày 10/9/2025 và gửi 01 bản…" carries its own date.
    expect(count(t, 'hoàn thành trước ngày 10/9/2025')).toBe(1);
    expect(t.join('\n')).not.toContain('(hoàn thành trước ngày 10/9/2025)');
    // V.8.đ: "Trước ngày 15/6 và trước ngày 15/12 hằng năm…" likewise.
    expect(count(t, 'Trước ngày 15/6 và trước ngày 15/12 hằng năm')).toBe(1);
    // V.2.b "Tổ chức đánh giá, sơ kết hằng năm…": "hằng năm" once.
    const v2b = t.find((p) => p.includes('Tổ chức đánh giá, sơ kết hằng năm'))!;
    expect(count([v2b], 'hằng năm')).toBe(1);
    expect(t.find((p) => p.includes('Triển khai nền tảng truyền thông số quốc gia'))).toMatch(
      /\(Hoàn thành năm 2026\)\.$/,
    );
  });
});

describe('the report words each task for its department and says where it stands', () => {
  it('Sở KH&CN does not get the sentence addressed to the provincial radio and television', async () => {
    const t = await texts(REPORT_EXAMPLE);
    expect(t.join('\n')).not.toContain('trên hệ thống truyền hình, phát thanh của tỉnh');
    const broadcaster = variant(REPORT_EXAMPLE, (raw) => {
      raw.organization.agencyType = 'bao_ptth_tinh';
    });
    expect((await texts(broadcaster)).join('\n')).toContain('trên hệ thống truyền hình, phát thanh của tỉnh');
  });

  it('flags a completion task past its date and not reported done; a task done is not flagged', async () => {
    const t = await texts(REPORT_EXAMPLE);
    const statusAfter = (words: string) => t[t.findIndex((p) => p.includes(words)) + 1];
    // III.1.a.6 "Hoàn thành trong năm 2025", still in progress in the half-year report of 2026.
    expect(statusAfter('Thiết lập và phát triển các trang (tài khoản, kênh)')).toBe(
      'Tình trạng: Đang thực hiện (quá hạn hoàn thành, hạn 31/12/2025).',
    );
    // III.1.b.4 "Hoàn thành năm 2026": still ahead.
    expect(statusAfter('Triển khai nền tảng truyền thông số quốc gia')).toBe(
      'Tình trạng: Đang thực hiện (hạn hoàn thành: 31/12/2026).',
    );
    // III.2.a-like deadline reported done: nothing to flag.
    expect(statusAfter('Căn cứ Kế hoạch này, các Sở, ban, ngành')).toBe('Tình trạng: Hoàn thành.');
  });
});

describe("Sở KH&CN's own report goes to UBND tỉnh and Bộ KH&CN, never to itself", () => {
  it('with the default Nơi nhận ("Sở Khoa học và Công nghệ", …) it lists Bộ KH&CN and leaves itself out', async () => {
    const defaults = variant(REPORT_EXAMPLE, (raw) => {
      raw.organization.letterhead.recipients = ['Sở Khoa học và Công nghệ', 'Lãnh đạo cơ quan'];
    });
    const t = await texts(defaults);
    expect(t).toContain('Kính gửi: Ủy ban nhân dân tỉnh Bắc Ninh');
    const from = t.indexOf('Nơi nhận:');
    expect(t.slice(from + 1, from + 4)).toEqual([
      '- Như trên;',
      '- Bộ Khoa học và Công nghệ;',
      '- Lãnh đạo cơ quan;',
    ]);
    // Another department's report goes to Sở KH&CN: "Như trên" is it.
    const other = variant(REPORT_EXAMPLE, (raw) => {
      raw.organization.agencyType = 'so_tai_chinh';
      raw.organization.letterhead.recipients = ['Sở Khoa học và Công nghệ', 'Lãnh đạo cơ quan'];
    });
    const o = await texts(other);
    expect(o).toContain('Kính gửi: Sở Khoa học và Công nghệ');
    expect(o.slice(o.indexOf('Nơi nhận:') + 1, o.indexOf('Nơi nhận:') + 3)).toEqual([
      '- Như trên;',
      '- Lãnh đạo cơ quan;',
    ]);
  });
});
