import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Session } from '../electron/services/context.ts';
import { createServices, defaultResourcesDir } from '../electron/services/index.ts';
import { vietnamToday } from '../shared/domain/calendarDate.ts';
import type { ReportContent } from '../shared/domain/reports/reportContent.ts';
import { call, median, mib, setUpDepartment } from './support.ts';

// BENCH_WORKFLOW_DOCUMENTS=n for a shorter run (each issue also stamps and signs the PDF now).
const DOCUMENTS = Number(process.env.BENCH_WORKFLOW_DOCUMENTS ?? 1000);

function filled(content: ReportContent, kinds: Map<string, string>): ReportContent {
  const c = structuredClone(content);
  for (const ind of c.indicators) {
    for (const v of ind.values) {
      const kind = kinds.get(`${ind.code}/${v.measure}`);
      if (kind === 'ratio') Object.assign(v, { numerator: 95, denominator: 100 });
      else if (kind === 'yes_no')
        Object.assign(v, { done: true, evidenceUrl: 'https://bacninh.gov.vn/nq57' });
      else v.count = 12;
    }
  }
  for (const t of c.tasks) Object.assign(t, { status: 'hoan_thanh', result: 'Đã triển khai theo kế hoạch.' });
  for (const s of Object.values(c.sections)) s.text = 'Nội dung đã được tổng hợp đầy đủ.';
  return c;
}

/**
 * Issuing 1,000 reports (BENCH_WORKFLOW_DOCUMENTS) in a row on a database on disk
 * (synchronous=FULL): each issue takes the register's next number, renders the PDF, .docx and
 * .xlsx, freezes them and lands in one transaction.
 */
export async function workflowBench(): Promise<string[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'baocao-bench-workflow-'));
  const services = createServices({ dataDir, resourcesDir: defaultResourcesDir() });
  try {
    const admin = await setUpDepartment(services);
    const people: Record<string, Session> = {};
    for (const [username, fields] of [
      ['chuyenvien', { fullName: 'Nguyễn Văn A', roles: ['chuyen_vien'] }],
      [
        'lanhdao',
        {
          fullName: 'Lê Văn Phó',
          roles: ['lanh_dao'],
          title: 'Phó Giám đốc',
          signingAuthority: 'KT. Giám đốc',
        },
      ],
      ['vanthu', { fullName: 'Phạm Thị Thư', roles: ['van_thu'] }],
    ] as const) {
      await call(services, admin, 'users.create', { username, password: 'mật-khẩu-đủ-dài', ...fields });
      people[username] = { userId: null };
      await call(services, people[username], 'auth.login', { username, password: 'mật-khẩu-đủ-dài' });
    }
    const home = await call(services, people.chuyenvien!, 'home.get', {});
    const kinds = new Map(
      home.indicators.flatMap((i) => i.measures.map((m) => [`${i.code}/${m.code}`, m.kind])),
    );
    const ready: { id: string; revision: number }[] = [];
    for (let i = 0; i < DOCUMENTS; i++) {
      const r = await call(services, people.chuyenvien!, 'reports.create', {
        kind: 'adhoc',
        title: `Báo cáo nhanh số ${i + 1} về kết quả truyền thông Nghị quyết 57`,
        deadline: '2026-06-30',
        from: '2026-01-01',
        to: '2026-06-09',
        fromPrevious: false,
      });
      const { revision } = await call(services, people.chuyenvien!, 'reports.save', {
        id: r.meta.id,
        baseRevision: r.meta.revision,
        editSession: `bench-${String(i).padStart(6, '0')}`,
        content: filled(r.content, kinds),
      });
      await call(services, people.chuyenvien!, 'workflow.submit', { id: r.meta.id, baseRevision: revision });
      await call(services, people.lanhdao!, 'workflow.approve', { id: r.meta.id, baseRevision: revision });
      ready.push({ id: r.meta.id, revision });
    }
    const today = vietnamToday(new Date());
    const rssBefore = process.memoryUsage().rss;
    const ms: number[] = [];
    const started = performance.now();
    for (const d of ready) {
      const t = performance.now();
      await call(services, people.vanthu!, 'workflow.issue', {
        id: d.id,
        baseRevision: d.revision,
        issuedOn: today,
        recipients: ['Ủy ban nhân dân tỉnh', 'Lãnh đạo Sở'],
      });
      ms.push(performance.now() - t);
    }
    const total = performance.now() - started;
    const last = services.db.prepare('SELECT MAX(seq) AS n FROM register_entries').get() as { n: number };
    const issued = fs.readdirSync(path.join(dataDir, 'issued'), { recursive: true }).length;
    return [
      `${DOCUMENTS} lần ban hành liên tiếp (cấp số + tạo PDF, .docx, .xlsx, JSON + đóng băng + giao dịch): trung vị ${median(ms).toFixed(1)} ms/lần, p95 ${[...ms].sort((a, b) => a - b)[Math.floor(ms.length * 0.95)]!.toFixed(1)} ms, tổng ${(total / 1000).toFixed(1)} s`,
      `Số cuối cùng trong sổ: ${last.n}; ${issued} mục trong thư mục issued/; RSS ${mib(rssBefore)} → ${mib(process.memoryUsage().rss)}`,
    ];
  } finally {
    services.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
