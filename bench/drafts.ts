import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createServices, defaultResourcesDir } from '../electron/services/index.ts';
import type { Session } from '../electron/services/context.ts';
import type { Activity, PlanContent } from '../shared/domain/plans/planContent.ts';
import type { ReportContent } from '../shared/domain/reports/reportContent.ts';
import { call, median, setUpDepartment } from './support.ts';

const RUNS = 21;
const ACTIVITIES = 300;

const kib = (s: string) => `${(Buffer.byteLength(s) / 1024).toFixed(0)} KiB`;
const fileKib = (file: string) => `${(fs.statSync(file).size / 1024).toFixed(0)} KiB`;

async function timed<T>(runs: number, fn: (i: number) => Promise<T>) {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn(i);
    ms.push(performance.now() - t);
  }
  return median(ms);
}

const verbs = [
  'Tổ chức',
  'Xây dựng',
  'Triển khai',
  'Rà soát',
  'Tuyên truyền',
  'Đánh giá',
  'Hướng dẫn',
  'Kiểm tra',
];
const objects = [
  'hội nghị quán triệt Kế hoạch số 34/KH-UBND tới toàn thể cán bộ, công chức, viên chức của Sở',
  'chuyên mục “Chuyển đổi số” trên Cổng thông tin điện tử, cập nhật tin bài hằng tháng',
  'lớp tập huấn kỹ năng số, an toàn thông tin cho công chức các phòng chuyên môn',
  'việc số hóa hồ sơ, kết quả giải quyết thủ tục hành chính theo Nghị định 45/2020/NĐ-CP',
  'bộ chỉ số đánh giá mức độ chuyển đổi số của cơ quan, đơn vị năm 2026',
  'cơ sở dữ liệu chuyên ngành về khoa học, công nghệ và đổi mới sáng tạo của tỉnh',
];
const units = [
  'Văn phòng Sở',
  'Phòng Quản lý khoa học',
  'Trung tâm Thông tin và Thống kê KH&CN',
  'Thanh tra Sở',
];

export function activity(i: number): Activity {
  return {
    id: `hd-${i}`,
    content: `${verbs[i % verbs.length]} ${objects[i % objects.length]} (đợt ${1 + (i % 4)})`,
    unitInCharge: units[i % units.length]!,
    partners: 'Các phòng, đơn vị thuộc Sở; UBND các xã, phường',
    timeline: i % 3 === 0 ? { kind: 'recurring' } : { kind: 'quarter', quarter: 1 + (i % 4), year: 2026 },
    expectedOutput: 'Báo cáo kết quả thực hiện; tài liệu tuyên truyền được đăng tải',
    budgetSource: 'Ngân sách nhà nước giao trong dự toán năm 2026 và nguồn hợp pháp khác',
  };
}

/**
 * The editors on a large document: a plan with 300 activities and a report with every indicator of
 * a Sở KH&CN filled, loaded and saved through dispatch (input and output checks included), on disk.
 */
export async function draftsBench(): Promise<string[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baocao-bench-drafts-'));
  const services = createServices({ dataDir: dir, resourcesDir: defaultResourcesDir() });
  try {
    const admin = await setUpDepartment(services);
    await call(services, admin, 'users.create', {
      username: 'chuyenvien',
      fullName: 'Nguyễn Thị Hồng Nhung',
      password: 'mật-khẩu-đủ-dài',
      roles: ['chuyen_vien'],
    });
    const s: Session = { userId: null };
    await call(services, s, 'auth.login', { username: 'chuyenvien', password: 'mật-khẩu-đủ-dài' });

    const plan = await call(services, s, 'plans.create', {});
    const content: PlanContent = structuredClone(plan.content);
    for (let i = 0; i < ACTIVITIES; i++)
      content.tasks[i % content.tasks.length]!.activities.push(activity(i));
    let planRev = (
      await call(services, s, 'plans.save', {
        id: plan.meta.id,
        baseRevision: 1,
        editSession: 'bench-plan-0',
        content,
      })
    ).revision;

    const report = await call(services, s, 'reports.create', {
      kind: 'semiannual',
      year: 2026,
      month: null,
      fromPrevious: false,
    });
    const rc: ReportContent = structuredClone(report.content);
    rc.indicators.forEach((ind, k) =>
      ind.values.forEach((v) => Object.assign(v, { numerator: 80 + k, denominator: 120, count: 10 + k })),
    );
    for (const t of rc.tasks)
      Object.assign(t, { status: 'dang_thuc_hien', result: objects[0], figures: '12 hội nghị' });
    for (const sec of Object.values(rc.sections)) sec.text = objects.join('. ');
    let reportRev = (
      await call(services, s, 'reports.save', {
        id: report.meta.id,
        baseRevision: 1,
        editSession: 'bench-rep-0',
        content: rc,
      })
    ).revision;

    const planGet = await timed(RUNS, () => call(services, s, 'plans.get', {}));
    const planSave = await timed(RUNS, async (i) => {
      content.tasks[0]!.activities[0]!.content = `Tổ chức hội nghị quán triệt lần ${i}`;
      planRev = (
        await call(services, s, 'plans.save', {
          id: plan.meta.id,
          baseRevision: planRev,
          editSession: 'bench-plan-1',
          content,
        })
      ).revision;
    });
    const reportGet = await timed(RUNS, () => call(services, s, 'reports.get', { id: report.meta.id }));
    const reportSave = await timed(RUNS, async (i) => {
      rc.indicators[0]!.values[0]!.numerator = 60 + i;
      reportRev = (
        await call(services, s, 'reports.save', {
          id: report.meta.id,
          baseRevision: reportRev,
          editSession: 'bench-rep-1',
          content: rc,
        })
      ).revision;
    });

    const planJson = JSON.stringify(content);
    const reportJson = JSON.stringify(rc);
    return [
      `kế hoạch ${ACTIVITIES} hoạt động trên ${content.tasks.length} nhiệm vụ: JSON ${kib(planJson)}`,
      `  plans.get trung vị ${planGet.toFixed(1)} ms; plans.save (sửa 1 trường) ${planSave.toFixed(1)} ms (${RUNS} lần)`,
      `báo cáo ${rc.indicators.length} chỉ tiêu, ${rc.tasks.length} nhiệm vụ: JSON ${kib(reportJson)}`,
      `  reports.get trung vị ${reportGet.toFixed(1)} ms; reports.save (sửa 1 trường) ${reportSave.toFixed(1)} ms`,
      `CSDL sau ${2 * RUNS + 2} lần lưu: ${fileKib(path.join(dir, 'baocao.sqlite'))} + WAL ${fileKib(path.join(dir, 'baocao.sqlite-wal'))}`,
    ];
  } finally {
    services.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
