import { useState } from 'react';
import type { MethodOutput } from '../../shared/api.ts';
import {
  submissionStateLabels,
  submissionStates,
  type SubmissionState,
} from '../../shared/domain/sokhcn/submissions.ts';
import { formatPaddedDate } from '../../shared/domain/vietnameseDate.ts';
import { call, type ApiError } from '../api.ts';
import { ErrorBanner } from '../components/Field.tsx';
import { saveFile } from '../components/files.ts';
import { navigate } from '../drafting/useDocumentQuery.ts';
import { useApiQuery } from '../queries.ts';
import { rate } from './format.ts';
import { PackageDetail } from './PackageDetail.tsx';

type Overview = MethodOutput<'sokhcn.overview'>;

const stateClass: Record<SubmissionState, string> = {
  chua_gui: 'state-missing',
  dung_han: 'state-ok',
  gui_muon: 'state-late',
  ban_sua_doi: 'state-corrected',
  tra_lai: 'state-returned',
  da_tiep_nhan: 'state-accepted',
};

function Summary({ o }: { o: Overview }) {
  const s = o.summary;
  return (
    <div className="cards summary-cards" data-testid="submission-summary">
      <div className="card">
        <div className="card-title">Phải gửi</div>
        <div className="big-number">{s.expected}</div>
      </div>
      <div className="card">
        <div className="card-title">Đã gửi</div>
        <div className="big-number">{s.sent}</div>
        <div className="muted">Tỷ lệ gửi: {rate(s.reportingRate)}</div>
      </div>
      <div className="card">
        <div className="card-title">Đúng hạn</div>
        <div className="big-number">{s.onTime}</div>
        <div className="muted">Tỷ lệ đúng hạn: {rate(s.onTimeRate)}</div>
      </div>
      <div className="card">
        <div className="card-title">Gửi muộn</div>
        <div className="big-number">{s.late}</div>
      </div>
      <div className="card">
        <div className="card-title">Chưa gửi</div>
        <div className="big-number">{s.notSent}</div>
        {s.overdue > 0 && <div className="muted">đã quá hạn</div>}
      </div>
    </div>
  );
}

/** "Tình hình gửi báo cáo": one duty, every department that owes it, with filters. */
export function SubmissionsTab({ periodKey, canEdit }: { periodKey: string; canEdit: boolean }) {
  const [agencyType, setAgencyType] = useState<string | null>(null);
  const [state, setState] = useState<SubmissionState | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const overview = useApiQuery('sokhcn.overview', { periodKey, agencyType, state });
  if (overview.isPending) return <p className="muted">Đang tải danh sách đơn vị…</p>;
  if (overview.isError) return <ErrorBanner error={overview.error} />;
  const o = overview.data;
  const typeName = new Map(o.agencyTypes.map((a) => [a.code, a.name]));
  const draftLetter = async () => {
    setError(null);
    try {
      const r = await call('letters.createDondoc', { periodKey, agencyType, state });
      navigate(`/letters/${encodeURIComponent(r.id)}`);
    } catch (e) {
      setError(e as ApiError);
    }
  };
  const download = async () => {
    setError(null);
    try {
      saveFile(await call('sokhcn.lateListXlsx', { periodKey }));
    } catch (e) {
      setError(e as ApiError);
    }
  };
  return (
    <section>
      <p className="muted">
        {o.duty.title}: hạn {o.duty.dueText}. Số liệu đến ngày {formatPaddedDate(o.today)}.
      </p>
      <Summary o={o} />
      <div className="filters">
        <label className="inline-field">
          Loại cơ quan{' '}
          <select value={agencyType ?? ''} onChange={(e) => setAgencyType(e.target.value || null)}>
            <option value="">Tất cả</option>
            {o.agencyTypes.map((a) => (
              <option key={a.code} value={a.code}>
                {a.name}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-field">
          Tình trạng{' '}
          <select
            value={state ?? ''}
            onChange={(e) => setState((e.target.value || null) as SubmissionState | null)}
          >
            <option value="">Tất cả</option>
            {submissionStates.map((s) => (
              <option key={s} value={s}>
                {submissionStateLabels[s]} ({o.summary.byState[s] ?? 0})
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="secondary" onClick={() => void download()}>
          Xuất danh sách chậm gửi (.xlsx)
        </button>
        {canEdit && (
          <button type="button" onClick={() => void draftLetter()}>
            Soạn công văn đôn đốc
          </button>
        )}
      </div>
      <ErrorBanner error={error} />
      <table className="grid submissions-table" data-testid="submissions">
        <thead>
          <tr>
            <th>Cơ quan, đơn vị</th>
            <th>Loại cơ quan</th>
            <th>Tình trạng</th>
            <th>Thời hạn</th>
            <th>Ngày Sở nhận</th>
            <th>Số, ký hiệu</th>
            <th></th>
          </tr>
        </thead>
        <tbody>
          {o.rows.map((r) => (
            <tr key={r.code} data-testid="submission-row" data-code={r.code}>
              <td>{r.name}</td>
              <td>{typeName.get(r.agencyType) ?? r.agencyType}</td>
              <td>
                <span className={`badge ${stateClass[r.state]}`}>{submissionStateLabels[r.state]}</span>
                {r.current?.status === 'returned' && r.current.statusReason && (
                  <div className="muted">Lý do: {r.current.statusReason}</div>
                )}
              </td>
              <td>{r.timeliness}</td>
              <td>{r.firstReceivedOn ? formatPaddedDate(r.firstReceivedOn) : ''}</td>
              <td>{r.current?.document.number ?? ''}</td>
              <td>
                {r.current && (
                  <button type="button" className="link" onClick={() => setOpen(r.current!.packageId)}>
                    Mở gói
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {o.rows.length === 0 && <p className="muted">Không có đơn vị nào khớp bộ lọc.</p>}
      {open && <PackageDetail packageId={open} onClose={() => setOpen(null)} />}
    </section>
  );
}
