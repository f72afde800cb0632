import { useState } from 'react';
import { ErrorBanner } from '../components/Field.tsx';
import { useApiMutation, useApiQuery } from '../queries.ts';
import { ConsolidationTab } from './ConsolidationTab.tsx';
import { OfficerLogin } from './OfficerLogin.tsx';
import { PlansTab } from './PlansTab.tsx';
import { SubmissionsTab } from './SubmissionsTab.tsx';

type Tab = 'submissions' | 'consolidation' | 'plans';
const tabs: { tab: Tab; label: string }[] = [
  { tab: 'submissions', label: 'Tình hình gửi báo cáo' },
  { tab: 'consolidation', label: 'Tổng hợp toàn tỉnh' },
  { tab: 'plans', label: 'Kế hoạch của các đơn vị' },
];

/** Sở KH&CN's side: who has reported, opening and deciding on packages, the province's figures. */
export function SokhcnPage({ canEdit }: { canEdit: boolean }) {
  const status = useApiQuery('sokhcn.status', {});
  const logout = useApiMutation('sokhcn.logout');
  const [tab, setTab] = useState<Tab>('submissions');
  const [periodKey, setPeriodKey] = useState<string | null>(null);
  const duties = useApiQuery('sokhcn.duties', {}, { enabled: status.data?.signedIn === true });
  if (status.isPending) return <p className="muted">Đang tải…</p>;
  if (status.isError) return <ErrorBanner error={status.error} />;
  const s = status.data;
  if (!s.available) return <p className="muted">Chức năng này chỉ dành cho Sở Khoa học và Công nghệ.</p>;
  const header = (
    <header className="page-header row">
      <h1>Tiếp nhận và tổng hợp báo cáo</h1>
      {s.signedIn && (
        <div className="document-actions">
          <span className="muted">
            {s.officer?.fullName} — {s.serverUrl}
          </span>
          <button type="button" className="secondary" onClick={() => logout.mutate({})}>
            Đăng xuất máy chủ
          </button>
        </div>
      )}
    </header>
  );
  if (!s.signedIn)
    return (
      <div className="page">
        {header}
        <OfficerLogin serverUrl={s.serverUrl} />
      </div>
    );
  if (duties.isPending)
    return (
      <div className="page">
        {header}
        <p className="muted">Đang tải…</p>
      </div>
    );
  if (duties.isError)
    return (
      <div className="page">
        {header}
        <ErrorBanner error={duties.error} />
      </div>
    );
  const list = duties.data;
  const reports = list.filter((d) => d.kind === 'report');
  // The default: the latest half-year or year report whose last day has passed, else the nearest.
  const today = new Date().toISOString().slice(0, 10);
  const periodic = reports.filter((d) => d.period?.kind !== 'monthly');
  const key =
    periodKey ?? (periodic.find((d) => d.lastDay < today) ?? periodic[0] ?? reports[0])?.periodKey ?? 'plan';
  const choices = tab === 'consolidation' ? reports : list;
  const shownKey = tab === 'consolidation' && key === 'plan' ? (reports[0]?.periodKey ?? key) : key;
  return (
    <div className="page">
      {header}
      <div className="segmented" role="tablist">
        {tabs.map((t) => (
          <button
            key={t.tab}
            type="button"
            role="tab"
            aria-selected={tab === t.tab}
            className={tab === t.tab ? 'active' : ''}
            onClick={() => setTab(t.tab)}
          >
            {t.label}
          </button>
        ))}
      </div>
      {tab !== 'plans' && (
        <label className="inline-field duty-select">
          Kỳ báo cáo{' '}
          <select value={shownKey} onChange={(e) => setPeriodKey(e.target.value)}>
            {choices.map((d) => (
              <option key={d.periodKey} value={d.periodKey}>
                {d.title} (hạn {d.dueText})
              </option>
            ))}
          </select>
        </label>
      )}
      {tab === 'submissions' && <SubmissionsTab key={shownKey} periodKey={shownKey} canEdit={canEdit} />}
      {tab === 'consolidation' && <ConsolidationTab key={shownKey} periodKey={shownKey} canEdit={canEdit} />}
      {tab === 'plans' && <PlansTab />}
    </div>
  );
}
