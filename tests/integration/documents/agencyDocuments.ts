import { indicatorsFor, tasksFor } from '../../../shared/domain/catalog/applicability.ts';
import { exchangeSchema, type ExchangeDocument } from '../../../shared/domain/documents/exchange.ts';
import { newPlanContent } from '../../../shared/domain/plans/newPlan.ts';
import { catalog } from '../../unit/documents/docxXml.ts';

/**
 * The documents a Văn phòng reviewer was given to check: one or more per agency family (a
 * commune, an agency with a very long name, a press agency, Sở KH&CN, others), with the awkward
 * cases (empty sections, 60 activities, long signer titles, many recipients, sub-headings typed in
 * a text field, document symbols, dates typed loosely). Built from the plan template, so every
 * task and indicator applies to the agency.
 */

interface Agency {
  /** Other letterhead settings: margins, font pair, the admin's own line breaks. */
  letterhead?: Record<string, unknown>;
  name: string;
  parentName: string;
  agencyType: string;
  abbreviation: string;
  place: string;
  recipients: string[];
  archiveUnit: string;
  signer: { authority: string; title: string; name: string };
}

function organization(a: Agency) {
  return {
    name: a.name,
    parentName: a.parentName,
    agencyType: a.agencyType,
    abbreviation: a.abbreviation,
    place: a.place,
    planId: catalog.id,
    letterhead: { ...a.letterhead, recipients: a.recipients, archiveUnit: a.archiveUnit, signer: a.signer },
  };
}

const meta = (title: string, number: string | null, issuedOn: string | null) => ({
  title,
  status: number ? 'issued' : 'draft',
  number,
  issuedOn,
});

type PeriodInput = {
  kind: 'semiannual' | 'annual' | 'monthly' | 'adhoc';
  year: number;
  month: number | null;
  title: string;
  from: string;
  to: string;
  deadline: string;
  lastDay: string;
};

const SEMIANNUAL_2026: PeriodInput = {
  kind: 'semiannual',
  year: 2026,
  month: null,
  title: '6 tháng đầu năm 2026',
  from: '2025-12-15',
  to: '2026-06-14',
  deadline: '2026-06-15',
  lastDay: '2026-06-14',
};

const SECTIONS = {
  direction:
    'Ngay sau khi UBND tỉnh ban hành Kế hoạch số 34/KH-UBND, đơn vị đã ban hành kế hoạch triển khai ngày 5/9/2025, phân công nhiệm vụ cụ thể cho từng bộ phận.\nLãnh đạo đơn vị thường xuyên chỉ đạo, đôn đốc việc thực hiện Nghị quyết số 57-NQ/TW tại các cuộc giao ban.',
  results:
    'Các chỉ tiêu về truyền thông, phổ biến Nghị quyết số 57-NQ/TW và dịch vụ công trực tuyến cơ bản đạt yêu cầu đề ra.',
  shortcomings:
    '1. Tồn tại, hạn chế\nMột số hoạt động truyền thông chưa đa dạng về hình thức, chưa thu hút nhiều lượt tương tác.\n2. Nguyên nhân\nNhân lực làm công tác truyền thông còn mỏng, kiêm nhiệm nhiều việc.',
  nextTasks:
    'Tiếp tục tuyên truyền sâu rộng Nghị quyết số 57-NQ/TW và Kế hoạch số 34/KH-UBND.\nHoàn thành các nhiệm vụ còn lại trước ngày 30/11/2026.',
  proposals: 'Đề nghị Sở Khoa học và Công nghệ tổ chức tập huấn nghiệp vụ truyền thông cho cán bộ phụ trách.',
};

interface ReportOptions {
  period?: PeriodInput;
  number?: string | null;
  issuedOn?: string | null;
  sections?: Partial<Record<keyof typeof SECTIONS, string>>;
  /** Leave the task results and the indicator values as a fresh report has them. */
  blank?: boolean;
  indicators?: boolean;
}

function report(a: Agency, o: ReportOptions = {}): ExchangeDocument {
  const period = o.period ?? SEMIANNUAL_2026;
  const tasks = tasksFor(catalog, a.agencyType).map((t, i) => ({
    taskId: t.id,
    status: o.blank ? null : i % 5 === 4 ? 'dang_thuc_hien' : 'hoan_thanh',
    result: o.blank
      ? ''
      : `Đã triển khai nhiệm vụ theo kế hoạch; đăng tải ${10 + i} tin, bài về Nghị quyết số 57-NQ/TW trên trang thông tin điện tử.`,
    figures: o.blank ? '' : `${10 + i} tin, bài`,
    evidence: '',
    carriedOver: false,
  }));
  const indicators =
    o.indicators === false
      ? []
      : indicatorsFor(catalog, a.agencyType).map((ind, i) => ({
          code: ind.code,
          values: ind.measures.map((m) => ({
            measure: m.code,
            numerator: !o.blank && m.kind === 'ratio' ? 90 + i : null,
            denominator: !o.blank && m.kind === 'ratio' ? 100 : null,
            count: !o.blank && m.kind !== 'ratio' && m.kind !== 'yes_no' ? 3 + i : null,
            done: null,
            evidenceUrl: '',
          })),
          note: '',
          carriedOver: false,
        }));
  const text = { ...SECTIONS, ...o.sections };
  const sections = Object.fromEntries(
    Object.entries(text).map(([k, v]) => [k, { text: v, carriedOver: false }]),
  );
  const number = o.number ?? null;
  return exchangeSchema.parse({
    format: 'baocao-exchange',
    version: 1,
    kind: 'report',
    organization: organization(a),
    catalogId: catalog.id,
    meta: meta(`Báo cáo ${period.title}`, number, number ? (o.issuedOn ?? null) : null),
    signer: a.signer,
    content: { period, indicators, tasks, sections },
  });
}

const ACTIVITY = [
  'Tổ chức hội nghị quán triệt Nghị quyết số 57-NQ/TW và Kế hoạch số 34/KH-UBND cho cán bộ, công chức, viên chức và người lao động',
  'Xây dựng chuyên mục về khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số trên trang thông tin điện tử',
  'Phối hợp với các cơ quan báo chí thực hiện phóng sự, bài viết về các mô hình, điển hình tiên tiến',
];

function plan(
  a: Agency,
  activities: number,
  o: { number?: string | null; issuedOn?: string | null; sections?: Record<string, string> } = {},
): ExchangeDocument {
  const content = newPlanContent(catalog, a.agencyType, a.name);
  content.tasks.forEach((t, i) => {
    const n = Math.floor(activities / content.tasks.length) + (i < activities % content.tasks.length ? 1 : 0);
    t.activities = Array.from({ length: n }, (_, k) => ({
      id: `${t.taskId}-${k + 1}`,
      content: `${ACTIVITY[(i + k) % ACTIVITY.length]} (nhiệm vụ ${t.taskId}, hoạt động ${k + 1})`,
      unitInCharge: 'Văn phòng',
      partners: 'Các phòng chuyên môn',
      timeline:
        k % 3 === 0
          ? { kind: 'recurring' }
          : k % 3 === 1
            ? { kind: 'quarter', quarter: 2, year: 2026 }
            : { kind: 'date', date: '2026-06-05' },
      expectedOutput: 'Báo cáo kết quả',
      budgetSource: 'Chi thường xuyên',
    }));
  });
  Object.assign(content.sections, o.sections);
  const number = o.number ?? null;
  return exchangeSchema.parse({
    format: 'baocao-exchange',
    version: 1,
    kind: 'plan',
    organization: organization(a),
    catalogId: catalog.id,
    meta: meta(
      'Kế hoạch triển khai thực hiện Kế hoạch số 34/KH-UBND',
      number,
      number ? (o.issuedOn ?? null) : null,
    ),
    signer: a.signer,
    content,
  });
}

export const COMMUNE: Agency = {
  name: 'UBND xã Phật Tích',
  parentName: '',
  agencyType: 'ubnd_xa_phuong',
  abbreviation: 'UBND',
  place: 'Phật Tích',
  recipients: [
    'Sở Khoa học và Công nghệ',
    'Thường trực Đảng ủy xã',
    'Thường trực HĐND xã',
    'Chủ tịch, các Phó Chủ tịch UBND xã',
  ],
  archiveUnit: 'VP',
  signer: { authority: 'TM. ỦY BAN NHÂN DÂN', title: 'CHỦ TỊCH', name: 'Nguyễn Văn Hùng' },
};

export const VHTTDL: Agency = {
  name: 'Sở Văn hóa, Thể thao và Du lịch',
  parentName: 'UBND tỉnh Bắc Ninh',
  agencyType: 'so_vhttdl',
  abbreviation: 'SVHTTDL',
  place: 'Bắc Ninh',
  recipients: [
    'Sở Khoa học và Công nghệ (để tổng hợp)',
    'UBND tỉnh (để báo cáo)',
    'Bộ Văn hóa, Thể thao và Du lịch (để báo cáo)',
    'Giám đốc, các Phó Giám đốc Sở',
    'Văn phòng Sở',
    'Phòng Quản lý văn hóa',
    'Phòng Quản lý thể dục thể thao',
    'Phòng Quản lý du lịch',
    'Phòng Xây dựng nếp sống văn hóa và Gia đình',
    'Thanh tra Sở',
    'Bảo tàng tỉnh',
    'Thư viện tỉnh',
    'Trung tâm Văn hóa, Điện ảnh và Triển lãm',
    'Cổng thông tin điện tử của Sở',
  ],
  archiveUnit: 'VP',
  signer: {
    authority: 'KT. GIÁM ĐỐC',
    title: 'PHÓ GIÁM ĐỐC PHỤ TRÁCH LĨNH VỰC DU LỊCH VÀ THỂ THAO QUẦN CHÚNG',
    name: 'Trần Thị Minh Nguyệt',
  },
};

export const LONG_NAME: Agency = {
  name: 'Trung tâm Chuyển đổi số, Đổi mới sáng tạo và Hỗ trợ khởi nghiệp tỉnh Bắc Ninh',
  parentName: 'UBND tỉnh Bắc Ninh',
  agencyType: 'so_ban_nganh',
  abbreviation: 'TTCĐS',
  place: 'Bắc Ninh',
  recipients: ['Sở Khoa học và Công nghệ', 'Lãnh đạo Trung tâm'],
  archiveUnit: 'HCTH',
  signer: { authority: '', title: 'GIÁM ĐỐC', name: 'Lê Quang Vinh' },
};

export const PRESS: Agency = {
  name: 'Báo và Phát thanh, Truyền hình Bắc Ninh',
  parentName: 'Tỉnh ủy Bắc Ninh',
  agencyType: 'co_quan_bao_chi',
  abbreviation: 'BPTTH',
  place: 'Bắc Ninh',
  recipients: ['Sở KH&CN', 'Ban Tuyên giáo và Dân vận Tỉnh ủy', 'Ban Biên tập'],
  archiveUnit: 'TKTS',
  signer: { authority: '', title: 'TỔNG BIÊN TẬP', name: 'Phạm Văn Tuấn' },
};

export const SKHCN: Agency = {
  name: 'Sở Khoa học và Công nghệ',
  parentName: 'UBND tỉnh Bắc Ninh',
  agencyType: 'so_khcn',
  abbreviation: 'SKHCN',
  place: 'Bắc Ninh',
  recipients: [
    'UBND tỉnh (để báo cáo)',
    'Bộ Khoa học và Công nghệ (để báo cáo)',
    'Lãnh đạo Sở',
    'Các phòng, đơn vị thuộc Sở',
  ],
  archiveUnit: 'VP',
  signer: { authority: 'KT. GIÁM ĐỐC', title: 'PHÓ GIÁM ĐỐC', name: 'Nguyễn Đức Thắng' },
};

export const GDDT: Agency = {
  name: 'Sở Giáo dục và Đào tạo',
  parentName: 'UBND tỉnh Bắc Ninh',
  agencyType: 'so_gddt',
  abbreviation: 'SGDĐT',
  place: 'Bắc Ninh',
  recipients: ['Sở Khoa học và Công nghệ', 'Giám đốc Sở'],
  archiveUnit: 'VP',
  signer: { authority: 'Q. GIÁM ĐỐC', title: '', name: 'Đỗ Thị Lan' },
};

export const FINANCE: Agency = {
  name: 'Sở Tài chính',
  parentName: 'UBND tỉnh Bắc Ninh',
  agencyType: 'so_tai_chinh',
  abbreviation: 'STC',
  place: 'Bắc Ninh',
  recipients: ['Sở Khoa học và Công nghệ', 'Lãnh đạo Sở'],
  archiveUnit: 'VP',
  signer: { authority: 'KT. GIÁM ĐỐC', title: 'PHÓ GIÁM ĐỐC', name: 'Hoàng Minh Đức' },
};

export interface ReviewCase {
  name: string;
  doc: ExchangeDocument;
  /** The left column of the letterhead as a reviewer expects it: parent line(s), then the name's. */
  heading: string[];
}

const VHTTDL_HEADING = ['UBND TỈNH BẮC NINH', 'SỞ VĂN HÓA, THỂ THAO', 'VÀ DU LỊCH'];

/** The whole set, each with a file-friendly name. */
export function reviewerSet(): ReviewCase[] {
  return [
    {
      name: 'xa-phat-tich-bao-cao',
      doc: report(COMMUNE),
      heading: ['ỦY BAN NHÂN DÂN', 'XÃ PHẬT TÍCH'],
    },
    {
      name: 'xa-phat-tich-ke-hoach',
      doc: plan(COMMUNE, 30, { number: '05/KH-UBND', issuedOn: '2025-09-08' }),
      heading: ['ỦY BAN NHÂN DÂN', 'XÃ PHẬT TÍCH'],
    },
    {
      name: 'ten-rat-dai-bao-cao',
      doc: report(LONG_NAME, { number: '07/BC-TTCĐS', issuedOn: '2026-06-05' }),
      heading: [
        'UBND TỈNH BẮC NINH',
        'TRUNG TÂM CHUYỂN ĐỔI SỐ,',
        'ĐỔI MỚI SÁNG TẠO',
        'VÀ HỖ TRỢ KHỞI NGHIỆP',
        'TỈNH BẮC NINH',
      ],
    },
    {
      name: 'bao-chi-thang-3',
      doc: report(PRESS, {
        period: {
          kind: 'monthly',
          year: 2026,
          month: 3,
          title: 'tháng 3 năm 2026',
          from: '2026-02-20',
          to: '2026-03-19',
          deadline: '2026-03-20',
          lastDay: '2026-03-20',
        },
        number: '21/BC-BPTTH',
        issuedOn: '2026-03-19',
      }),
      heading: ['TỈNH ỦY BẮC NINH', 'BÁO VÀ PHÁT THANH,', 'TRUYỀN HÌNH BẮC NINH'],
    },
    {
      name: 'skhcn-nam-2026',
      doc: report(SKHCN, {
        period: {
          kind: 'annual',
          year: 2026,
          month: null,
          title: 'năm 2026',
          from: '2025-12-15',
          to: '2026-12-14',
          deadline: '2026-12-15',
          lastDay: '2026-12-14',
        },
        number: '48/BC-SKHCN',
        issuedOn: '2026-12-10',
      }),
      heading: ['UBND TỈNH BẮC NINH', 'SỞ KHOA HỌC VÀ CÔNG NGHỆ'],
    },
    {
      name: 'dot-xuat',
      doc: report(GDDT, {
        period: {
          kind: 'adhoc',
          year: 2026,
          month: null,
          title: 'Tình hình triển khai Tháng hành động chuyển đổi số trong các cơ sở giáo dục quý I năm 2026',
          from: '2026-01-01',
          to: '2026-03-31',
          deadline: '2026-04-05',
          lastDay: '2026-04-05',
        },
      }),
      heading: ['UBND TỈNH BẮC NINH', 'SỞ GIÁO DỤC VÀ ĐÀO TẠO'],
    },
    {
      name: 'muc-trong',
      doc: report(FINANCE, {
        blank: true,
        indicators: false,
        sections: { direction: '', results: '', shortcomings: '', nextTasks: '', proposals: '' },
      }),
      heading: ['UBND TỈNH BẮC NINH', 'SỞ TÀI CHÍNH'],
    },
    {
      name: 'ke-hoach-60-hoat-dong',
      doc: plan({ ...VHTTDL, letterhead: { margins: { top: 25, bottom: 25, left: 35, right: 20 } } }, 60, {
        number: '15/KH-SVHTTDL',
        issuedOn: '2025-09-09',
      }),
      heading: VHTTDL_HEADING,
    },
    {
      name: 'chuc-vu-dai',
      doc: report(
        { ...VHTTDL, letterhead: { fontPair: '12/13' } },
        { number: '09/BC-SVHTTDL', issuedOn: '2026-06-12' },
      ),
      heading: VHTTDL_HEADING,
    },
    {
      name: 'ke-hoach-muc-trong',
      doc: plan(FINANCE, 0, { sections: { budget: '', tasksIntro: '' } }),
      heading: ['UBND TỈNH BẮC NINH', 'SỞ TÀI CHÍNH'],
    },
    {
      name: 'xuong-dong-tu-chon',
      doc: report(
        { ...VHTTDL, letterhead: { agencyLines: ['Sở Văn hóa,', 'Thể thao và Du lịch'] } },
        { number: '10/BC-SVHTTDL', issuedOn: '2026-06-12' },
      ),
      heading: ['UBND TỈNH BẮC NINH', 'SỞ VĂN HÓA,', 'THỂ THAO VÀ DU LỊCH'],
    },
  ];
}
