import { printedRef } from '../../shared/domain/catalog/applicability.ts';
import type { MethodOutput } from '../../shared/api.ts';
import { cadenceLabel } from '../../shared/domain/catalog/cadence.ts';
import {
  overdueReports,
  overdueText,
  planCard,
  urgencyOf,
  type OverdueReport,
} from '../../shared/domain/periods/homeCards.ts';
import { describeDaysLeft, formatShortDate } from '../../shared/domain/vietnameseDate.ts';
import { partHeading } from '../components/catalogText.ts';
import { ErrorBanner } from '../components/Field.tsx';
import { IndicatorsOverview } from './IndicatorsOverview.tsx';
import { useApiQuery } from '../queries.ts';
import { Inbox } from '../workflow/Inbox.tsx';

type Home = MethodOutput<'home.get'>;
type Duty = Home['duties'][number];
type Task = Home['tasks'][number];

const cadenceClass: Record<string, string> = {
  recurring: 'badge recurring',
  annual: 'badge recurring',
  monthly: 'badge recurring',
  twice_yearly: 'badge recurring',
  deadline: 'badge deadline',
  year: 'badge deadline',
  from_year: 'badge',
  unspecified: 'badge',
};

/** "Gửi Sở Khoa học và Công nghệ", "Gửi Ủy ban nhân dân tỉnh Bắc Ninh và Bộ Khoa học và Công nghệ". */
function sendText(d: Duty): string | null {
  if (d.sendTo.length === 0) return null;
  return `Gửi ${d.sendTo.join(' và ')}`;
}

/** The plan due once (V.8.a) or every year (V.7.d): "chưa gửi" until the plan is issued. */
function PlanDuty({ duty, home }: { duty: Duty; home: Home }) {
  const plan = useApiQuery('plans.get', {});
  const card = planCard(plan.data?.meta ?? null, duty.due, home.today);
  const send = sendText(duty);
  return (
    <div className={`card deadline-${card.state}`} data-testid="duty" data-kind={duty.kind}>
      <div className="card-title">
        <a href="#/plan">{duty.title}</a>
      </div>
      <div>{duty.when}</div>
      {send && <div>{send}</div>}
      <div className="days-left">{card.text}</div>
      <div className="muted small">Mục {printedRef(duty.ref)} của Kế hoạch</div>
    </div>
  );
}

/** Reports whose day has passed unsent, on the card of their duty. */
function OverdueList({ reports }: { reports: OverdueReport[] }) {
  if (!reports.length) return null;
  return (
    <ul className="overdue-reports" data-testid="overdue-reports">
      {reports.map((r) => (
        <li key={r.title}>
          <a href="#/reports">{overdueText(r)}</a>
        </li>
      ))}
    </ul>
  );
}

function ReportDuty({ duty, overdue }: { duty: Duty; overdue: OverdueReport[] }) {
  const next = duty.next;
  const send = sendText(duty);
  const state = overdue.length ? 'late' : next ? urgencyOf(next.daysLeft) : 'ok';
  return (
    <div className={`card deadline-${state}`} data-testid="duty" data-kind={duty.kind}>
      <div className="card-title">
        <a href="#/reports">{next ? next.title : duty.title}</a>
      </div>
      <div>{next ? `Hạn gửi: ${next.dueText}` : duty.when}</div>
      {send && <div>{send}</div>}
      <div className="days-left">
        {next ? describeDaysLeft(next.daysLeft) : 'Không còn kỳ nào trong thời gian thực hiện Kế hoạch'}
      </div>
      <OverdueList reports={overdue} />
      <div className="muted small">
        {duty.title} · mục {printedRef(duty.ref)} của Kế hoạch
      </div>
    </div>
  );
}

/** Which duty's card an overdue report goes on. */
const dutyOfReport: Record<OverdueReport['kind'], Duty['kind'] | null> = {
  semiannual: 'periodic',
  annual: 'periodic',
  monthly: 'monthly',
  adhoc: null,
};

function Duties({ home }: { home: Home }) {
  const listed = useApiQuery('reports.list', {});
  const proposed = useApiQuery('reports.propose', {});
  const overdue = overdueReports(listed.data ?? [], proposed.data ?? []);
  const adhoc = overdue.filter((r) => dutyOfReport[r.kind] === null);
  return (
    <section aria-labelledby="duties-h">
      <h2 id="duties-h">Văn bản phải gửi</h2>
      {home.duties.length === 0 ? (
        <p className="muted" data-testid="no-duties">
          Kế hoạch số {home.plan.number} không giao cho {home.agencyType.name} chế độ gửi kế hoạch hay báo cáo
          định kỳ. Khi có yêu cầu, cơ quan lập báo cáo đột xuất ở mục Báo cáo.
        </p>
      ) : (
        <div className="cards">
          {home.duties.map((d) =>
            d.kind === 'plan' || d.kind === 'annual_plan' ? (
              <PlanDuty key={d.kind} duty={d} home={home} />
            ) : (
              <ReportDuty
                key={d.kind}
                duty={d}
                overdue={overdue.filter((r) => dutyOfReport[r.kind] === d.kind)}
              />
            ),
          )}
          {adhoc.length > 0 && (
            <div className="card deadline-late" data-testid="duty" data-kind="adhoc">
              <div className="card-title">
                <a href="#/reports">Báo cáo đột xuất</a>
              </div>
              <OverdueList reports={adhoc} />
            </div>
          )}
        </div>
      )}
    </section>
  );
}

function TaskItem({ t }: { t: Task }) {
  const cadence = cadenceLabel(t);
  return (
    <li data-testid="task" data-task-id={t.id}>
      <div className="task-text">
        <span className="task-label">{t.label}</span> {t.text}
      </div>
      <div className="task-meta">
        <span className="muted">Chủ trì: {t.lead}</span>
        {t.partners && <span className="muted">Phối hợp: {t.partners}</span>}
        {cadence && <span className={cadenceClass[t.cadence.kind]}>{cadence}</span>}
      </div>
    </li>
  );
}

function TaskList({ home, tasks, testId }: { home: Home; tasks: Task[]; testId: string }) {
  return (
    <div data-testid={testId}>
      {home.parts
        .filter((part) => tasks.some((t) => t.part === part.code))
        .map((part) => (
          <div key={part.code} className="part">
            <h3>{partHeading(part)}</h3>
            <ol className="tasks">
              {tasks
                .filter((t) => t.part === part.code)
                .map((t) => (
                  <TaskItem key={t.id} t={t} />
                ))}
            </ol>
          </div>
        ))}
    </div>
  );
}

function Tasks({ home }: { home: Home }) {
  return (
    <>
      <section aria-labelledby="tasks-h">
        <h2 id="tasks-h">Nhiệm vụ được giao ({home.tasks.length})</h2>
        <TaskList home={home} tasks={home.tasks} testId="own-tasks" />
      </section>
      {home.partnerTasks.length > 0 && (
        <section aria-labelledby="partner-tasks-h">
          <h2 id="partner-tasks-h">Nhiệm vụ phối hợp ({home.partnerTasks.length})</h2>
          <p className="muted">
            Kế hoạch nêu tên cơ quan là đơn vị phối hợp; cơ quan chủ trì báo cáo kết quả các nhiệm vụ này.
          </p>
          <TaskList home={home} tasks={home.partnerTasks} testId="partner-tasks" />
        </section>
      )}
    </>
  );
}

export function HomePage() {
  const home = useApiQuery('home.get', {});
  if (home.isPending) return <p className="muted">Đang tải…</p>;
  if (home.isError) return <ErrorBanner error={home.error} />;
  const h = home.data;
  const first = Number(h.plan.term.from.slice(0, 4));
  const years = Array.from({ length: h.plan.term.lastYear - first + 1 }, (_, i) => first + i);
  return (
    <div className="page">
      <header className="page-header">
        <h1>Nhiệm vụ của cơ quan</h1>
        <p className="muted">
          Theo Kế hoạch số {h.plan.number} ngày {formatShortDate(h.plan.issuedOn)} của {h.plan.issuer} (giai
          đoạn {first}–{h.plan.term.lastYear}) · Loại cơ quan:{' '}
          <strong data-testid="agency-type">{h.agencyType.name}</strong> · Hôm nay {formatShortDate(h.today)}
        </p>
        {h.agencyType.note && <div className="info-banner">{h.agencyType.note}</div>}
      </header>
      <Inbox />
      <Duties home={h} />
      <IndicatorsOverview
        title="Chỉ tiêu phải báo cáo"
        testId="indicators"
        indicators={h.indicators}
        years={years}
        empty="Kế hoạch không giao chỉ tiêu nào cho loại cơ quan này."
      />
      {h.monitored.length > 0 && (
        <IndicatorsOverview
          title="Chỉ tiêu cơ quan tổng hợp, theo dõi"
          testId="monitored"
          indicators={h.monitored}
          years={years}
          empty=""
          intro="Phụ lục của Kế hoạch giao cơ quan là “Cơ quan tổng hợp, theo dõi” các chỉ tiêu này: theo dõi, tổng hợp số liệu của các cơ quan báo cáo."
        />
      )}
      <Tasks home={h} />
    </div>
  );
}
