import { useRef, useState } from 'react';
import { achievementLabels } from '../../shared/domain/indicators/indicatorMath.ts';
import { consolidationMethodLabels } from '../../shared/domain/sokhcn/consolidation.ts';
import { figureText } from '../../shared/domain/sokhcn/consolidatedReport.ts';
import { call, type ApiError } from '../api.ts';
import { ErrorBanner, SuccessBanner } from '../components/Field.tsx';
import { saveFile } from '../components/files.ts';
import { useApiMutation, useApiQuery } from '../queries.ts';
import { AchievementChart, DepartmentChart, svgToPng } from './Charts.tsx';

/** "Tổng hợp toàn tỉnh": the province's figure per indicator, the charts, the exports, the report. */
export function ConsolidationTab({ periodKey, canEdit }: { periodKey: string; canEdit: boolean }) {
  const [acceptedOnly, setAcceptedOnly] = useState(false);
  const [chosen, setChosen] = useState('CT02');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const achievementRef = useRef<HTMLDivElement>(null);
  const departmentsRef = useRef<HTMLDivElement>(null);
  const q = useApiQuery('sokhcn.consolidation', { periodKey, acceptedOnly });
  const create = useApiMutation('sokhcn.createConsolidatedReport');
  if (q.isPending) return <p className="muted">Đang tổng hợp…</p>;
  if (q.isError) return <ErrorBanner error={q.error} />;
  const c = q.data;
  const typeName = new Map(c.agencyTypes.map((a) => [a.code, a.name]));
  const ind = c.indicators.find((i) => i.code === chosen) ?? c.indicators[0]!;
  const exportXlsx = async () => {
    setError(null);
    setBusy(true);
    try {
      const charts = [];
      const a = await svgToPng(achievementRef.current);
      if (a) charts.push({ title: `Kết quả toàn tỉnh so với chỉ tiêu năm ${c.year}`, pngBase64: a });
      const d = await svgToPng(departmentsRef.current);
      if (d) charts.push({ title: `${ind.code} theo đơn vị`, pngBase64: d });
      saveFile(await call('sokhcn.consolidationXlsx', { periodKey, acceptedOnly, charts }));
    } catch (e) {
      setError(e as ApiError);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section>
      <div className="filters">
        <label className="checkbox">
          <input type="checkbox" checked={acceptedOnly} onChange={(e) => setAcceptedOnly(e.target.checked)} />{' '}
          Chỉ tính báo cáo đã tiếp nhận
        </label>
        <button type="button" className="secondary" disabled={busy} onClick={() => void exportXlsx()}>
          Xuất bảng tổng hợp (.xlsx)
        </button>
        {canEdit && (
          <button
            type="button"
            disabled={create.isPending}
            onClick={() =>
              create.mutate(
                { periodKey, acceptedOnly },
                { onSuccess: (r) => (window.location.hash = `/reports/${encodeURIComponent(r.id)}`) },
              )
            }
          >
            Lập báo cáo tổng hợp
          </button>
        )}
      </div>
      <p className="muted" data-testid="counted-note">
        Tính từ {c.counted.accepted} báo cáo đã tiếp nhận
        {acceptedOnly ? '' : ` và ${c.counted.received} báo cáo đã nhận (chữ ký số hợp lệ, chưa tiếp nhận)`};
        báo cáo bị trả lại không được tính cho đến khi có bản sửa đổi. Đã gửi {c.summary.sent}/
        {c.summary.expected} đơn vị.
      </p>
      {c.press.length > 0 && (
        <div className="muted press-months" data-testid="press-months">
          Cơ quan báo chí gửi báo cáo tháng (không phải báo cáo 6 tháng, năm): số liệu kỳ này gộp từ các báo
          cáo tháng đã nhận theo quy tắc của từng chỉ tiêu.
          <ul>
            {c.press.map((p) => (
              <li key={p.code} data-testid="press-agency" data-code={p.code}>
                {p.text}
              </li>
            ))}
          </ul>
        </div>
      )}
      {c.unreadable.length > 0 && (
        <ErrorBanner
          error={{
            message: `Không đọc được số liệu của: ${c.unreadable.map((u) => `${u.code} (${u.problem})`).join('; ')}`,
          }}
        />
      )}
      <ErrorBanner error={error ?? create.error} />
      {create.isSuccess && <SuccessBanner>Đã lập báo cáo tổng hợp.</SuccessBanner>}
      <table className="grid consolidation-table" data-testid="consolidation">
        <thead>
          <tr>
            <th>Mã</th>
            <th>Chỉ tiêu</th>
            <th>Số liệu toàn tỉnh</th>
            <th>Chỉ tiêu năm {c.year}</th>
            <th>Đánh giá</th>
            <th>Đơn vị có số liệu</th>
            <th>Cách tổng hợp</th>
          </tr>
        </thead>
        <tbody>
          {c.indicators.map((i) => (
            <tr key={i.code} data-testid="indicator-row" data-code={i.code}>
              <td>{i.code}</td>
              <td className="indicator-text" title={i.text}>
                <div>{i.text}</div>
              </td>
              <td>
                {i.method === 'not_consolidated'
                  ? 'Không tổng hợp'
                  : i.measures.map((m) => <div key={m.measure}>{figureText(m, i.method)}</div>)}
                {i.overlap && (
                  <div className="overlap-note">
                    {i.overlap.byType.map((t) => (
                      <div key={t.agencyType}>
                        {typeName.get(t.agencyType)}:{' '}
                        {t.measures.map((m) => figureText(m, i.method)).join('; ')}
                      </div>
                    ))}
                    <strong>Có thể trùng: </strong>
                    {i.overlap.note}
                  </div>
                )}
              </td>
              <td>{i.targetText || '—'}</td>
              <td>{achievementLabels[i.achievement]}</td>
              <td className="num" title={i.missing.map((m) => m.name).join('; ')}>
                {i.contributed}/{i.expected}
              </td>
              <td className="muted">{consolidationMethodLabels[i.method]}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <AchievementChart ref={achievementRef} c={c} />
      <label className="inline-field">
        Chỉ tiêu theo đơn vị{' '}
        <select value={ind.code} onChange={(e) => setChosen(e.target.value)}>
          {c.indicators
            .filter((i) => i.method !== 'not_consolidated')
            .map((i) => (
              <option key={i.code} value={i.code}>
                {i.code}
              </option>
            ))}
        </select>
      </label>
      <DepartmentChart ref={departmentsRef} ind={ind} />
      {ind.missing.length > 0 && (
        <p className="muted">
          Chưa có số liệu {ind.code}: {ind.missing.map((m) => m.name).join('; ')}
        </p>
      )}
    </section>
  );
}
