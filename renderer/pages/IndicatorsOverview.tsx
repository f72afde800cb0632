import type { CatalogIndicator, CatalogMeasure } from '../../shared/domain/catalog/schema.ts';
import { resolveTarget, targetNotes, targetTextFor } from '../../shared/domain/indicators/targets.ts';

/** How a department answers one measure, and what its figure covers, in the form's own words. */
export function measureHow(m: CatalogMeasure): string {
  const how =
    m.kind === 'yes_no'
      ? 'trả lời đã / chưa thực hiện, kèm đường dẫn minh chứng'
      : m.kind === 'ratio'
        ? 'số đạt được trên tổng số'
        : `số lượng (${m.unit})`;
  const span =
    m.accumulation === 'year'
      ? 'lũy kế từ đầu năm đến hết kỳ báo cáo'
      : m.accumulation === 'plan'
        ? 'lũy kế từ khi ban hành Kế hoạch đến hết kỳ báo cáo'
        : 'tình hình tại thời điểm cuối kỳ báo cáo';
  return `${m.label}: ${how}; ${span}`;
}

const methodLabels: Record<CatalogIndicator['consolidation']['method'], string> = {
  sum: 'cộng số lượng của các cơ quan',
  ratio_of_sums: 'tổng số đạt / tổng của các tổng số',
  units_reached: 'số đơn vị đã thực hiện / số đơn vị phải thực hiện',
  lead_only: 'số liệu cấp tỉnh do cơ quan chủ trì báo cáo',
  not_consolidated: 'không cộng gộp',
};

interface Props {
  title: string;
  testId: string;
  indicators: readonly CatalogIndicator[];
  years: readonly number[];
  empty: string;
  intro?: string;
}

/** The indicators with their targets for every year of the plan, how each is answered and added up. */
export function IndicatorsOverview({ title, testId, indicators, years, empty, intro }: Props) {
  return (
    <section aria-label={title} data-testid={testId}>
      <h2>
        {title} ({indicators.length})
      </h2>
      {intro && <p className="muted">{intro}</p>}
      {indicators.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <table className="grid indicators-overview">
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
            {indicators.map((ind) => {
              const notes = ind.targets.flatMap((t) => (t.discrepancy ? [t.discrepancy.note] : []));
              return (
                <tr key={ind.code} data-testid="indicator" data-code={ind.code}>
                  <td>{ind.no}</td>
                  <td>
                    <div>{ind.text}</div>
                    <ul className="indicator-details muted">
                      {ind.measures.map((m) => (
                        <li key={m.code}>Báo cáo: {measureHow(m)}</li>
                      ))}
                      <li>
                        Tổng hợp toàn tỉnh: {methodLabels[ind.consolidation.method]}. {ind.consolidation.note}
                      </li>
                      {ind.consolidation.overlap && (
                        <li>Lưu ý trùng lặp: {ind.consolidation.overlap.note}</li>
                      )}
                    </ul>
                    {notes.map((n) => (
                      <div key={n} className="info-banner" data-testid="target-discrepancy">
                        {n}
                      </div>
                    ))}
                  </td>
                  {years.map((y) => {
                    const sources = ind.measures.map((_, i) => resolveTarget(ind, i, y).source);
                    // A target still ahead (lũy kế "đến năm 2027") is shown in its own year only.
                    const shown = sources.includes('upcoming') ? '' : targetTextFor(ind, y);
                    return (
                      <td key={y} className="num" title={targetNotes(ind, y).join(' ')}>
                        {shown || '—'}
                        {sources.includes('carried') && <span className="muted">*</span>}
                      </td>
                    );
                  })}
                  <td>{ind.lead}</td>
                  <td>{ind.monitor}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {indicators.some((ind) => ind.carryForward) && (
        <p className="muted small">
          * Phụ lục không có cột năm này; chỉ tiêu ghi “hằng năm” hoặc “duy trì” nên giữ chỉ tiêu năm gần nhất
          trước đó. “—”: Kế hoạch không đặt chỉ tiêu cho năm đó.
        </p>
      )}
    </section>
  );
}
