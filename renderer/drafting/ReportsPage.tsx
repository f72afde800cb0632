import { printedRef } from '../../shared/domain/catalog/applicability.ts';
import { useId, useState } from 'react';
import type { MethodInput, MethodOutput } from '../../shared/api.ts';
import { documentStatusLabels } from '../../shared/domain/documents/documentMeta.ts';
import { type ReportPeriod } from '../../shared/domain/periods/reportPeriods.ts';
import { ErrorBanner } from '../components/Field.tsx';
import { useApiMutation, useApiQuery } from '../queries.ts';
import { periodRange, safeDate, timelinessText } from './format.ts';
import { InputField } from './fields.tsx';
import { navigate } from './useDocumentQuery.ts';
import { DateField } from '../components/DateField.tsx';
import { checkInput, focusFirstOnPage, FormProblems, type FormProblem } from '../components/formCheck.tsx';
import { InvalidInputsProvider, useInvalidScope } from './invalidInputs.tsx';

type ListItem = MethodOutput<'reports.list'>[number];
type Proposal = MethodOutput<'reports.propose'>[number];

function TimelinessBadge({ status }: { status: ListItem['status'] }) {
  return (
    <span className={`badge timeliness-${status.timeliness}`} data-testid="timeliness">
      {timelinessText(status)}
    </span>
  );
}

/** "Báo cáo 6 tháng đầu năm 2026", "Báo cáo tháng 3 năm 2026", or the ad hoc report's own title. */
function periodTitle(p: ReportPeriod) {
  return p.kind === 'adhoc' ? p.title : `Báo cáo ${p.title}`;
}

function ReportList({ items }: { items: ListItem[] }) {
  if (!items.length) return <p className="muted">Chưa có báo cáo nào.</p>;
  return (
    <table className="grid reports-table">
      <thead>
        <tr>
          <th>Báo cáo</th>
          <th>Kỳ báo cáo</th>
          <th>Hạn gửi</th>
          <th>Trạng thái</th>
          <th>Thời hạn</th>
          <th></th>
        </tr>
      </thead>
      <tbody>
        {items.map((r) => (
          <tr key={r.meta.id} data-testid="report-row">
            <td>
              <a href={`#/reports/${encodeURIComponent(r.meta.id)}`}>{r.meta.title}</a>
            </td>
            <td>Số liệu {periodRange(r.period)}</td>
            <td className="num">{safeDate(r.period.lastDay)}</td>
            <td>{documentStatusLabels[r.meta.status]}</td>
            <td>
              <TimelinessBadge status={r.status} />
            </td>
            <td>
              <a className="button-link" href={`#/reports/${encodeURIComponent(r.meta.id)}`}>
                Mở
              </a>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

type CreateInput = MethodInput<'reports.create'>;

/**
 * Creates the report and opens it. Not with mutate's own onSuccess: the refetch that follows a
 * creation removes the proposal card that asked for it, and a callback of an unmounted component
 * never runs, so the editor would sometimes not open. The promise resolves whatever unmounts.
 */
function createAndOpen(create: ReturnType<typeof useApiMutation<'reports.create'>>, input: CreateInput) {
  return create
    .mutateAsync(input)
    .then((d) => navigate(`/reports/${encodeURIComponent(d.meta.id)}`))
    .catch(() => undefined); // shown by the card's ErrorBanner (create.error)
}

function ProposalCard({ p, canEdit }: { p: Proposal; canEdit: boolean }) {
  const id = useId();
  const [fromPrevious, setFromPrevious] = useState(false);
  const create = useApiMutation('reports.create');
  const { period } = p;
  const kind = period.kind === 'adhoc' ? null : period.kind;
  return (
    <div className={`card proposal timeliness-card-${p.status.timeliness}`} data-testid="proposal">
      <div className="card-title">{periodTitle(period)}</div>
      <div>Số liệu {periodRange(period)}</div>
      <div>Gửi chậm nhất ngày {safeDate(period.lastDay)}</div>
      <div className="days-left">
        <TimelinessBadge status={p.status} />
      </div>
      {canEdit && kind && (
        <>
          <div className="checkbox">
            <input
              id={id}
              type="checkbox"
              checked={fromPrevious}
              onChange={(e) => setFromPrevious(e.target.checked)}
            />
            <label htmlFor={id}>Tạo từ kỳ trước</label>
          </div>
          <ErrorBanner error={create.error} />
          <button
            type="button"
            disabled={create.isPending}
            onClick={() =>
              void createAndOpen(create, { kind, year: period.year, month: period.month, fromPrevious })
            }
          >
            Tạo báo cáo
          </button>
        </>
      )}
    </div>
  );
}

const labels = { title: 'Tiêu đề', deadline: 'Hạn gửi', from: 'Từ ngày', to: 'Đến ngày' } as const;

function AdhocForm() {
  const id = useId();
  const [f, setF] = useState({ title: '', deadline: '', from: '', to: '', fromPrevious: false });
  const create = useApiMutation('reports.create');
  const [problems, setProblems] = useState<FormProblem[]>([]);
  const [checked, setChecked] = useState(false);
  const invalidDates = useInvalidScope();
  /** What is wrong with the form now, field by field, in the words the form uses. */
  const problemsOf = (v: typeof f): FormProblem[] => {
    const found: FormProblem[] = [];
    const add = (key: keyof typeof labels, message: string) =>
      found.push({ path: [key], label: labels[key], message });
    if (!v.title.trim()) add('title', 'chưa nhập');
    if (!v.deadline) add('deadline', 'chưa nhập');
    if (!v.from) add('from', 'chưa nhập');
    if (!v.to) add('to', 'chưa nhập');
    if (v.from && v.to && v.from > v.to) add('to', 'phải sau hoặc bằng Từ ngày');
    if (found.length) return found;
    // Then the very schema the service checks (length, characters…).
    return checkInput('reports.create', { kind: 'adhoc', ...v, title: v.title.trim() });
  };
  const edit = (next: typeof f) => {
    setF(next);
    if (checked) setProblems(problemsOf(next));
  };
  const errorOf = (key: string) => problems.find((p) => p.path[0] === key)?.message;
  const submit = () => {
    if (invalidDates.invalid) return;
    const found = problemsOf(f);
    setChecked(true);
    setProblems(found);
    if (focusFirstOnPage(found)) return;
    const input: CreateInput = { kind: 'adhoc', ...f, title: f.title.trim() };
    void createAndOpen(create, input);
  };
  return (
    <form
      className="panel"
      aria-label="Báo cáo đột xuất"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <h2>Báo cáo đột xuất</h2>
      <p className="muted">Khi có yêu cầu báo cáo riêng (văn bản đề nghị của cơ quan cấp trên).</p>
      <div className="form-grid">
        <InvalidInputsProvider value={invalidDates.report}>
          <InputField
            label="Tiêu đề"
            value={f.title}
            onChange={(title) => edit({ ...f, title })}
            issues={problems
              .filter((p) => p.path[0] === 'title')
              .map((p) => ({ severity: 'error', path: ['title'], message: p.message }))}
          />
          {(['deadline', 'from', 'to'] as const).map((key) => (
            <DateField
              key={key}
              label={labels[key]}
              value={f[key]}
              onChange={(v) => edit({ ...f, [key]: v })}
              error={errorOf(key)}
              fieldPath={[key]}
            />
          ))}
        </InvalidInputsProvider>
      </div>
      <div className="checkbox">
        <input
          id={id}
          type="checkbox"
          checked={f.fromPrevious}
          onChange={(e) => setF({ ...f, fromPrevious: e.target.checked })}
        />
        <label htmlFor={id}>Lấy nội dung từ báo cáo gần nhất</label>
      </div>
      <FormProblems problems={problems} />
      <ErrorBanner error={create.error} />
      <div className="actions">
        <button type="submit" disabled={create.isPending}>
          Tạo báo cáo đột xuất
        </button>
      </div>
    </form>
  );
}

type Home = MethodOutput<'home.get'>;

/** The report duties of the department, each in one line: when and to whom, from the plan's rules. */
function DutiesLine({ home }: { home: Home | undefined }) {
  if (!home) return null;
  const reports = home.duties.filter((d) => d.kind === 'periodic' || d.kind === 'monthly');
  if (reports.length === 0) {
    return (
      <p className="muted" data-testid="report-duties">
        Kế hoạch số {home.plan.number} không giao cho {home.agencyType.name} chế độ báo cáo định kỳ. Khi có
        yêu cầu, cơ quan lập báo cáo đột xuất ở cuối trang.
      </p>
    );
  }
  return (
    <ul className="muted duty-lines" data-testid="report-duties">
      {reports.map((d) => (
        <li key={d.kind}>
          {d.title}: {d.when.charAt(0).toLocaleLowerCase('vi')}
          {d.when.slice(1)}
          {d.sendTo.length > 0 && <> về {d.sendTo.join(' và ')}</>} (mục {printedRef(d.ref)} của Kế hoạch).
        </li>
      ))}
    </ul>
  );
}

export function ReportsPage({ canEdit }: { canEdit: boolean }) {
  const list = useApiQuery('reports.list', {});
  const proposals = useApiQuery('reports.propose', {});
  const home = useApiQuery('home.get', {});
  const owesReports = home.data?.duties.some((d) => d.kind === 'periodic' || d.kind === 'monthly') ?? true;
  return (
    <div className="page">
      <header className="page-header">
        <h1>Báo cáo</h1>
        <DutiesLine home={home.data} />
      </header>

      <section aria-labelledby="proposals-h">
        <h2 id="proposals-h">Báo cáo cần lập</h2>
        {proposals.isPending ? (
          <p className="muted">Đang tải…</p>
        ) : proposals.isError ? (
          <ErrorBanner error={proposals.error} />
        ) : proposals.data.length === 0 ? (
          <p className="muted" data-testid="no-proposals">
            {owesReports
              ? 'Không có báo cáo định kỳ nào cần lập lúc này.'
              : 'Cơ quan không có báo cáo định kỳ phải lập theo Kế hoạch.'}
          </p>
        ) : (
          <div className="cards">
            {proposals.data.map((p) => (
              <ProposalCard
                key={`${p.period.kind}-${p.period.year}-${p.period.month ?? ''}`}
                p={p}
                canEdit={canEdit}
              />
            ))}
          </div>
        )}
      </section>

      <section aria-labelledby="reports-h">
        <h2 id="reports-h">Các báo cáo</h2>
        {list.isPending ? (
          <p className="muted">Đang tải…</p>
        ) : list.isError ? (
          <ErrorBanner error={list.error} />
        ) : (
          <ReportList items={list.data} />
        )}
      </section>

      {canEdit && <AdhocForm />}
    </div>
  );
}
