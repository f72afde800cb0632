import { describe, expect, it } from 'vitest';
import { foldName } from '../../shared/domain/catalog/fields.ts';
import { sendToFor, tasksFor } from '../../shared/domain/catalog/applicability.ts';
import { cadencesOf } from '../../shared/domain/catalog/cadence.ts';
import type { Cadence } from '../../shared/domain/catalog/schema.ts';
import { lastOnTimeDay } from '../../shared/domain/periods/deadlineRule.ts';
import {
  PRESS,
  SO,
  XA,
  catalog,
  inPlan,
  indicator,
  norm,
  planLines,
  task,
  timesInPlan,
} from './helpers/planText.ts';

/**
 * Every rule of the catalog beside the words of Kế hoạch 34/KH-UBND it comes from. Each test
 * either reads the rule back out of the plan's text, or quotes the sentence it rests on; any drift
 * of the catalog from the text fails here.
 */

const typesNamedIn = (words: string | undefined): string[] => {
  const said = foldName(words ?? '');
  return catalog.agencyTypes
    .filter((a) => a.aliases.some((n) => said.includes(foldName(n))))
    .map((a) => a.code);
};
const sorted = (list: readonly string[]) => [...list].sort();

describe('agency types: each body the plan names by name', () => {
  it('spells every name as the plan prints it', () => {
    const missing = catalog.agencyTypes.flatMap((a) =>
      a.aliases.filter((n) => !inPlan(n)).map((n) => `${a.code}: ${n}`),
    );
    expect(missing).toEqual([]);
  });

  it('Ban Tuyên giáo và Dân vận Tỉnh ủy owes V.1 ("1. Đề nghị Ban Tuyên giáo và Dân vận Tỉnh uỷ"), not the MTTQ', () => {
    expect(inPlan('1. Đề nghị Ban Tuyên giáo và Dân vận Tỉnh uỷ')).toBe(true);
    for (const id of ['V.1.1', 'V.1.2']) expect(task(id).appliesTo).toEqual(['ban_tuyen_giao']);
    expect(tasksFor(catalog, 'mttq_doan_the').map((t) => t.id)).toEqual(['V.9.a']);
  });

  it('a partner named by name sees the item as one it takes part in: exactly the bodies its partners name', () => {
    for (const t of catalog.tasks)
      expect(sorted(t.partnerTypes), t.id).toEqual(sorted(typesNamedIn(t.partners)));
    // "phối hợp với Ban Tuyên giáo và Dân vận Tỉnh ủy" in V.4.a, V.5.a, V.6.a, V.7.a; "do … phát động" in V.7.đ.
    expect(catalog.tasks.filter((t) => t.partnerTypes.includes('ban_tuyen_giao')).map((t) => t.id)).toEqual([
      'V.4.a',
      'V.5.a',
      'V.6.a',
      'V.7.a',
      'V.7.dd',
    ]);
    expect(inPlan(task('V.7.dd').partners!)).toBe(true);
  });

  it('Báo và Phát thanh, Truyền hình tỉnh alone sees what names it: III.1.a.9, CT03, CT14, the broadcast sentence', () => {
    expect(inPlan('Báo và Phát thanh, Truyền hình tỉnh dda dạng các thể loại báo chí')).toBe(true);
    expect(task('III.1.a.9').appliesTo).toEqual(['bao_ptth_tinh']);
    for (const code of ['CT03', 'CT14']) {
      expect(typesNamedIn(indicator(code).lead), code).toEqual(['bao_ptth_tinh']);
      expect(indicator(code).appliesTo, code).toEqual(['bao_ptth_tinh']);
    }
    const broadcast =
      'Sản xuất các tin, bài, chương trình, phim, phóng sự, tọa đàm, chuyên đề chuyên sâu trên hệ thống truyền hình, phát thanh của tỉnh.';
    expect(inPlan(broadcast)).toBe(true);
    expect(tasksFor(catalog, 'bao_ptth_tinh').find((t) => t.id === 'III.1.a.7')!.text).toContain(broadcast);
    for (const other of [...SO, ...XA, 'co_quan_bao_chi'])
      expect(tasksFor(catalog, other).find((t) => t.id === 'III.1.a.7')!.text, other).not.toContain(
        'phát thanh của tỉnh',
      );
  });

  it('"Các sở, ban, ngành xây dựng video clip…" (III.1.a.1) is shown to the sở, ban, ngành only', () => {
    const clip = 'Các sở, ban, ngành xây dựng video clip bảo đảm thống nhất về nội dung';
    expect(inPlan(clip)).toBe(true);
    for (const so of SO)
      expect(tasksFor(catalog, so).find((t) => t.id === 'III.1.a.1')!.text, so).toContain(clip);
    for (const other of [...XA, ...PRESS])
      expect(tasksFor(catalog, other).find((t) => t.id === 'III.1.a.1')!.text, other).not.toContain(
        'video clip',
      );
    // Every sentence is the plan's own.
    for (const t of catalog.tasks.filter((x) => x.sentences))
      for (const s of t.sentences!) expect(inPlan(s.text), `${t.id}: ${s.text.slice(0, 40)}`).toBe(true);
  });

  it('each group of section V goes to the bodies its heading names', () => {
    const heading = (code: string) => catalog.parts.find((p) => p.code === code)!.title;
    expect(heading('V.7')).toBe('Các cơ quan báo chí, truyền thông địa phương');
    for (const t of catalog.tasks.filter((x) => x.part === 'V.7')) expect(t.appliesTo, t.id).toEqual(PRESS);
    expect(heading('V.8')).toBe('Các sở, ban, ngành thuộc UBND tỉnh, UBND các xã, phường');
    for (const t of catalog.tasks.filter((x) => x.part === 'V.8'))
      expect(t.appliesTo, t.id).toEqual([...SO, ...XA]);
    // "Các sở, cơ quan thuộc UBND tỉnh, UBND các xã, phường:" heads III.3 and III.4; no press body there.
    for (const t of catalog.tasks.filter((x) => x.part === 'III.3' || x.part === 'III.4'))
      expect(t.appliesTo, t.id).toEqual([...SO, ...XA]);
  });

  it('an indicator led by named bodies is reported by exactly them; its monitor is "Cơ quan tổng hợp, theo dõi"', () => {
    for (const i of catalog.indicators) {
      expect(sorted(i.monitorTypes), `${i.code} monitor "${i.monitor}"`).toEqual(
        sorted(typesNamedIn(i.monitor)),
      );
      const named = typesNamedIn(i.lead);
      if (i.lead !== 'Các cơ quan, đơn vị, địa phương')
        expect(sorted(i.appliesTo), `${i.code} lead "${i.lead}"`).toEqual(sorted(named));
    }
    // CT12 "Sở KHCN, Sở Nội vụ, Tỉnh đoàn": Sở Nội vụ has its own type, every other sở is not asked.
    expect(indicator('CT12').appliesTo).toEqual(['so_khcn', 'so_noi_vu', 'tinh_doan']);
    expect(indicator('CT12').monitorTypes).toEqual(['tinh_doan']);
  });

  it('"Các cơ quan, đơn vị, địa phương" reports an indicator for the bodies its words count', () => {
    // "100% các sở, cơ quan thuộc UBND tỉnh và UBND cấp xã …", "100% sở, ban, ngành, địa phương …"
    expect(indicator('CT01').text).toMatch(/^100% các sở, cơ quan thuộc UBND tỉnh và UBND cấp xã/);
    expect(indicator('CT06').text).toMatch(/^100% sở, ban, ngành, địa phương/);
    expect(indicator('CT07').text).toMatch(/^100% sở, ban, ngành, địa phương/);
    for (const code of ['CT01', 'CT06', 'CT07'])
      expect(indicator(code).appliesTo, code).toEqual([...SO, ...XA]);
    // Staff indicators count every body's people: "trong hệ thống chính trị", "viên chức, người lao động".
    expect(indicator('CT02').text).toContain('trong hệ thống chính trị của tỉnh');
    expect(indicator('CT05').text).toContain('viên chức, người lao động');
    for (const code of ['CT02', 'CT05'])
      expect(indicator(code).appliesTo, code).toEqual([...SO, ...XA, ...PRESS]);
  });
});

describe('duties: who owes which document, to whom, by when (section V)', () => {
  const duty = (kind: string) => catalog.reporting.duties.find((d) => d.kind === kind)!;

  it('each duty quotes its item of section V and binds the bodies that item addresses', () => {
    for (const d of catalog.reporting.duties) {
      expect(inPlan(d.quote), d.kind).toBe(true);
      expect(norm(task(d.ref).text), d.kind).toContain(norm(d.quote));
      expect(d.appliesTo, d.kind).toEqual(task(d.ref).appliesTo);
    }
    expect(catalog.reporting.duties.map((d) => [d.kind, d.ref])).toEqual([
      ['plan', 'V.8.a'],
      ['periodic', 'V.8.dd'],
      ['monthly', 'V.7.dd'],
      ['annual_plan', 'V.7.d'],
    ]);
  });

  it('the plan is due "trước ngày 10/9/2025": 9/9/2025 is the last day, like every "trước ngày"', () => {
    const plan = duty('plan');
    expect(plan.quote).toContain('hoàn thành trước ngày 10/9/2025 và gửi 01 bản về Sở Khoa học và Công nghệ');
    expect(plan.due).toBe('2025-09-10');
    expect(lastOnTimeDay(plan.due!, plan.quote)).toBe('2025-09-09');
    expect(lastOnTimeDay('2026-06-15', duty('periodic').quote)).toBe('2026-06-14');
    expect(lastOnTimeDay('2026-03-20', duty('monthly').quote)).toBe('2026-03-20');
    // The task with the same words follows the same rule.
    expect(lastOnTimeDay(task('III.2.a').cadence.dueDate!, task('III.2.a').cadence.text)).toBe('2025-09-09');
  });

  it('the half-year and year reports (V.8.đ) are owed by the sở, ban, ngành and UBND cấp xã, not the press', () => {
    const periodic = duty('periodic');
    expect(periodic.quote).toMatch(
      /^Trước ngày 15\/6 và trước ngày 15\/12 hằng năm hoặc đột xuất khi có yêu cầu/,
    );
    expect(periodic.deadlines).toEqual([
      { month: 6, day: 15 },
      { month: 12, day: 15 },
    ]);
    expect(periodic.appliesTo).toEqual([...SO, ...XA]);
    expect(duty('plan').appliesTo).toEqual([...SO, ...XA]);
  });

  it('the press owes the monthly report "Định kỳ ngày 20 hằng tháng" (V.7.đ) and a plan "Hằng năm" (V.7.d)', () => {
    expect(duty('monthly').quote).toMatch(/^Định kỳ ngày 20 hằng tháng hoặc khi có yêu cầu gửi báo cáo/);
    expect(duty('monthly')).toMatchObject({ day: 20, appliesTo: PRESS });
    expect(duty('annual_plan').quote).toMatch(/^Hằng năm xây dựng kế hoạch và dự toán ngân sách/);
    expect(duty('annual_plan').appliesTo).toEqual(PRESS);
  });

  it('Tỉnh đoàn, the MTTQ and đoàn thể, and Ban Tuyên giáo ("Đề nghị …") owe no periodic document', () => {
    expect(inPlan('9. Đề nghị Ủy ban Mặt trận Tổ quốc và các tổ chức chính trị - xã hội')).toBe(true);
    for (const body of ['tinh_doan', 'mttq_doan_the', 'ban_tuyen_giao'])
      expect(
        catalog.reporting.duties.filter((d) => d.appliesTo.includes(body)),
        body,
      ).toEqual([]);
  });

  it('documents go "về Sở Khoa học và Công nghệ"; its own go to UBND tỉnh and Bộ KH&CN, never to itself', () => {
    const spelled = (name: string) => name.replace('Ủy ban nhân dân tỉnh Bắc Ninh', 'UBND tỉnh');
    for (const d of catalog.reporting.duties)
      for (const to of [...d.sendTo, ...d.recipientSendsTo])
        expect(norm(d.quote), `${d.kind} → ${to}`).toContain(spelled(to));
    expect(duty('periodic').quote).toContain('để tổng hợp báo cáo UBND tỉnh, Bộ Khoa học và Công nghệ');
    expect(catalog.reporting.recipientType).toBe('so_khcn');
    for (const d of catalog.reporting.duties.filter((x) => x.appliesTo.includes('so_khcn')))
      expect(sendToFor(catalog, d, 'so_khcn'), d.kind).not.toContain('Sở Khoa học và Công nghệ');
    expect(sendToFor(catalog, duty('periodic'), 'so_khcn')).toEqual([
      'Ủy ban nhân dân tỉnh Bắc Ninh',
      'Bộ Khoa học và Công nghệ',
    ]);
  });

  it('the plan runs from its date, 20/8/2025, through "giai đoạn 2025-2030"', () => {
    expect(inPlan('Bắc Ninh, ngày 20 tháng 8 năm 2025')).toBe(true);
    expect(catalog.reporting.term.from).toBe(catalog.issuedOn);
    expect(catalog.reporting.term.source).toBe('giai đoạn 2025-2030');
    expect(inPlan(`trên địa bàn tỉnh Bắc Ninh ${catalog.reporting.term.source}`)).toBe(true);
    expect(catalog.reporting.term.lastYear).toBe(2030);
  });
});

/** The cadence the plan's words describe, read back from the words alone. */
function kindFromWords(text: string): Cadence['kind'] {
  if (/trước ngày \d+\/\d+ và trước ngày \d+\/\d+ hằng năm/i.test(text)) return 'twice_yearly';
  if (/ngày \d+ hằng tháng/i.test(text)) return 'monthly';
  if (/bắt đầu từ năm \d{4}/i.test(text)) return 'from_year';
  if (/trước ngày \d+\/\d+\/\d{4}/i.test(text)) return 'deadline';
  if (/hoàn thành (trong )?năm \d{4}/i.test(text)) return 'year';
  if (/thường xuyên/i.test(text)) return 'recurring';
  if (/^hằng năm$/i.test(text.trim())) return 'annual';
  return 'unspecified';
}

describe('cadences are rules read from the words', () => {
  const all = catalog.tasks.flatMap((t) => cadencesOf(t).map((c) => ({ t, c })));

  it('each rule is what its words say, with the year or date they name', () => {
    for (const { t, c } of all) {
      expect(c.kind, `${t.id}: "${c.text}"`).toBe(kindFromWords(c.text));
      const year = /năm (\d{4})/.exec(c.text)?.[1];
      if (c.kind === 'year' || c.kind === 'from_year') expect(String(c.year), t.id).toBe(year);
    }
  });

  it("each rule stands in the plan beside its item (section III: at the end of the item's line)", () => {
    for (const { t, c } of all) {
      const line = planLines.find((l) => l.includes(norm(t.text).slice(0, 60)));
      expect(line, t.id).toBeDefined();
      expect(foldName(line!), `${t.id}: "${c.text}"`).toContain(foldName(c.text));
    }
  });

  it('V.8.đ is twice a year, V.7.đ monthly, V.7.b both a completion in 2025 and "thường xuyên"', () => {
    expect(task('V.8.dd').cadence).toMatchObject({
      kind: 'twice_yearly',
      dates: [
        { month: 6, day: 15 },
        { month: 12, day: 15 },
      ],
    });
    expect(task('V.7.dd').cadence).toMatchObject({ kind: 'monthly', day: 20 });
    expect(cadencesOf(task('V.7.b')).map((c) => [c.kind, c.text])).toEqual([
      ['year', 'hoàn thành trong năm 2025'],
      ['recurring', 'thường xuyên truyền thông'],
    ]);
  });
});

describe('indicators: what a department answers, and how the province adds it up', () => {
  it('every measure quotes the words its kind and running total rest on', () => {
    for (const i of catalog.indicators)
      for (const m of i.measures) {
        expect(m.basis, `${i.code}.${m.code}`).not.toBe('');
        expect(inPlan(m.basis), `${i.code}.${m.code}: ${m.basis.slice(0, 50)}`).toBe(true);
      }
  });

  it('indicators counting units a body answers for itself are yes/no with evidence, one per requirement', () => {
    // Worded "100% <units> <do something>" with the units themselves as lead: CT01, CT06, CT07.
    const selfAnswered = catalog.indicators.filter(
      (i) => i.lead === 'Các cơ quan, đơn vị, địa phương' && /^100% (các )?sở,/.test(i.text),
    );
    expect(selfAnswered.map((i) => i.code)).toEqual(['CT01', 'CT06', 'CT07']);
    for (const i of selfAnswered) {
      expect(
        i.measures.every((m) => m.kind === 'yes_no'),
        i.code,
      ).toBe(true);
      expect(i.consolidation.method, i.code).toBe('units_reached');
    }
    // CT01 joins two requirements with "Đồng thời": the plan issued, and the section kept.
    const [plan, section] = indicator('CT01').measures;
    expect(plan!.basis).toContain('xây dựng, ban hành kế hoạch truyền thông');
    expect(section!.basis).toMatch(/^Đồng thời xây dựng và duy trì chuyên mục/);
    // No indicator is a share of units typed as a ratio by the unit itself.
    for (const i of catalog.indicators.filter((x) => x.lead === 'Các cơ quan, đơn vị, địa phương'))
      if (i.measures.some((m) => m.kind === 'ratio')) expect(i.text, i.code).toMatch(/lãnh đạo, cán bộ/);
  });

  it('each consolidation quotes its basis; the province-level ones are reported by their named lead', () => {
    const methods = Object.fromEntries(catalog.indicators.map((i) => [i.code, i.consolidation.method]));
    expect(methods).toEqual({
      CT01: 'units_reached',
      CT02: 'ratio_of_sums',
      CT03: 'lead_only',
      CT04: 'lead_only',
      CT05: 'ratio_of_sums',
      CT06: 'units_reached',
      CT07: 'units_reached',
      CT08: 'lead_only',
      CT09: 'ratio_of_sums',
      CT10: 'ratio_of_sums',
      CT11: 'lead_only',
      CT12: 'sum',
      CT13: 'lead_only',
      CT14: 'lead_only',
      CT15: 'lead_only',
    });
    for (const i of catalog.indicators) {
      expect(inPlan(i.consolidation.basis), i.code).toBe(true);
      expect(i.consolidation.note, i.code).not.toBe('');
      if (i.consolidation.method === 'lead_only') {
        // The sole lead, or of several the lead that is also "Cơ quan tổng hợp, theo dõi".
        const leads = typesNamedIn(i.lead);
        const expected = leads.length === 1 ? leads : leads.filter((l) => i.monitorTypes.includes(l));
        expect(i.consolidation.reportedBy, i.code).toEqual(expected);
      }
    }
  });

  it('CT09 and CT10 flag the two kinds of unit that can count the same people', () => {
    for (const code of ['CT09', 'CT10']) {
      const i = indicator(code);
      expect(sorted(i.consolidation.overlap!.agencyTypes), code).toEqual(sorted(typesNamedIn(i.lead)));
      expect(i.consolidation.overlap!.agencyTypes, code).toContain('ubnd_xa_phuong');
    }
    expect(catalog.indicators.filter((i) => i.consolidation.overlap).map((i) => i.code)).toEqual([
      'CT09',
      'CT10',
    ]);
  });

  it('CT04 in 2025: the text says 100 applied articles twice, the table 150; the text is used and the gap shown', () => {
    const t = indicator('CT04').targets.find((x) => x.year === 2025)!;
    expect(planLines).toContain('50; 150');
    expect(timesInPlan('có ít nhất 100 bài báo khoa học ứng dụng liên quan đổi mới sáng tạo')).toBe(2);
    expect(timesInPlan('150 bài báo khoa học ứng dụng')).toBe(0);
    expect(t.text).toBe('50; 150');
    expect(t.values).toEqual([50, 100]);
    expect(t.discrepancy).toMatchObject({ measure: 'bai_bao_ung_dung', table: 150, used: 100 });
    for (const q of t.discrepancy!.quotes) expect(inPlan(q), q).toBe(true);
    expect(t.discrepancy!.quotes.length).toBe(2);
  });

  it('indicators worded "hằng năm" or "duy trì" keep their target in 2028–2029; the others do not', () => {
    for (const i of catalog.indicators) {
      expect(Boolean(i.carryForward), i.code).toBe(/hằng năm|duy trì/i.test(i.text));
      if (i.carryForward) expect(i.text, i.code).toContain(i.carryForward.quote);
    }
    expect(catalog.indicators.filter((i) => i.carryForward).map((i) => i.code)).toEqual([
      'CT01',
      'CT05',
      'CT06',
      'CT09',
    ]);
  });

  it('running totals: "Hoàn thành năm 2027" makes CT12 cumulative since the plan; "hằng năm", "Trong năm" count within the year', () => {
    const ct12 = indicator('CT12').measures[0]!;
    expect(ct12.accumulation).toBe('plan');
    expect(ct12.basis).toContain('Triển khai được ít nhất 03 chương trình');
    expect(ct12.basis).toContain('Hoàn thành năm 2027');
    expect(task('III.1.b.7').cadence).toMatchObject({ kind: 'year', year: 2027 });
    for (const i of catalog.indicators)
      for (const m of i.measures) {
        if (i.code === 'CT12') continue;
        const yearly = /hằng năm|Trong năm 20\d\d/.test(i.text);
        expect(m.accumulation, `${i.code}.${m.code}`).toBe(yearly ? 'year' : 'state');
      }
  });
});
