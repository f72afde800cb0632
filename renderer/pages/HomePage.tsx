import type { MethodOutput } from '../../shared/api.ts';
import { partHeading } from '../components/catalogText.ts';
import { daysBetween } from '../../shared/domain/calendarDate.ts';
import { documentStatusLabels } from '../../shared/domain/documents/documentMeta.ts';
import { describeDaysLeft, formatShortDate } from '../../shared/domain/vietnameseDate.ts';
import { ErrorBanner } from '../components/Field.tsx';
import { useApiQuery } from '../queries.ts';
import { Inbox } from '../workflow/Inbox.tsx';

type Home = MethodOutput<'home.get'>;

const cadenceClass: Record<string, string> = {
  recurring: 'badge recurring',
  annual: 'badge recurring',
  deadline: 'badge deadline',
  year: 'badge deadline',
  from_year: 'badge',
  unspecified: 'badge',
};

function urgency(daysLeft: number) {
  if (daysLeft < 0) return 'late';
  if (daysLeft <= 15) return 'soon';
  return 'ok';
}

function PlanCard({ home }: { home: Home }) {
  const plan = useApiQuery('plans.get', {});
  const planDays = daysBetween(home.today, home.plan.planDue);
  const meta = plan.data?.meta;
  const state = meta ? (meta.status === 'issued' ? 'ok' : 'soon') : urgency(planDays);
  return (
    <div className={`card deadline-${state}`} data-testid="plan-card">
      <div className="card-title">
        <a href="#/plan">Kế hoạch triển khai</a>
      </div>
      <div>Hoàn thành và gửi trước ngày {formatShortDate(home.plan.planDue)}</div>
      <div className="days-left">
        {meta ? `Đã tạo: ${documentStatusLabels[meta.status]}` : `Chưa tạo – ${describeDaysLeft(planDays)}`}
      </div>
    </div>
  );
}

function Deadlines({ home }: { home: Home }) {
  return (
    <section aria-labelledby="deadlines-h">
      <h2 id="deadlines-h">Hạn gửi sắp tới</h2>
      <div className="cards">
        {home.deadlines.map((d) => (
          <div key={d.kind + d.due} className={`card deadline-${urgency(d.daysLeft)}`} data-testid="deadline">
            <div className="card-title">
              <a href="#/reports">{d.title}</a>
            </div>
            <div>
              Gửi {home.plan.recipient} {d.dueText}
            </div>
            <div className="days-left">{describeDaysLeft(d.daysLeft)}</div>
          </div>
        ))}
        <PlanCard home={home} />
      </div>
    </section>
  );
}

function Tasks({ home }: { home: Home }) {
  return (
    <section aria-labelledby="tasks-h">
      <h2 id="tasks-h">Nhiệm vụ được giao ({home.tasks.length})</h2>
      {home.parts.map((part) => (
        <div key={part.code} className="part">
          <h3>{partHeading(part)}</h3>
          <ol className="tasks">
            {home.tasks
              .filter((t) => t.part === part.code)
              .map((t) => (
                <li key={t.id} data-testid="task">
                  <div className="task-text">
                    <span className="task-label">{t.label}</span> {t.text}
                  </div>
                  <div className="task-meta">
                    <span className="muted">Chủ trì: {t.lead}</span>
                    {t.cadence.text && <span className={cadenceClass[t.cadence.kind]}>{t.cadence.text}</span>}
                  </div>
                </li>
              ))}
          </ol>
        </div>
      ))}
    </section>
  );
}

function Indicators({ home }: { home: Home }) {
  const years = [...new Set(home.indicators.flatMap((i) => i.targets.map((t) => t.year)))].sort();
  return (
    <section aria-labelledby="indicators-h">
      <h2 id="indicators-h">Chỉ tiêu phải báo cáo ({home.indicators.length})</h2>
      {home.indicators.length === 0 ? (
        <p className="muted">Kế hoạch không giao chỉ tiêu nào cho loại cơ quan này.</p>
      ) : (
        <table className="grid">
          <thead>
            <tr>
              <th>STT</th>
              <th>Chỉ tiêu</th>
              {years.map((y) => (
                <th key={y}>Năm {y}</th>
              ))}
              <th>Chủ trì</th>
              <th>Tổng hợp, theo dõi</th>
            </tr>
          </thead>
          <tbody>
            {home.indicators.map((ind) => (
              <tr key={ind.code} data-testid="indicator">
                <td>{ind.no}</td>
                <td>
                  {ind.text}
                  {ind.measures.length > 1 && (
                    <div className="muted">Đo: {ind.measures.map((m) => m.label).join('; ')}</div>
                  )}
                </td>
                {years.map((y) => (
                  <td key={y} className="num">
                    {ind.targets.find((t) => t.year === y)?.text || '—'}
                  </td>
                ))}
                <td>{ind.lead}</td>
                <td>{ind.monitor}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function HomePage() {
  const home = useApiQuery('home.get', {});
  if (home.isPending) return <p className="muted">Đang tải…</p>;
  if (home.isError) return <ErrorBanner error={home.error} />;
  const h = home.data;
  return (
    <div className="page">
      <header className="page-header">
        <h1>Nhiệm vụ của cơ quan</h1>
        <p className="muted">
          Theo Kế hoạch số {h.plan.number} ngày {formatShortDate(h.plan.issuedOn)} của {h.plan.issuer} · Loại
          cơ quan: <strong>{h.agencyType.name}</strong> · Hôm nay {formatShortDate(h.today)}
        </p>
      </header>
      <Inbox />
      <Deadlines home={h} />
      <Indicators home={h} />
      <Tasks home={h} />
    </div>
  );
}
