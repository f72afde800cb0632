import type { CatalogIndicator } from '../../../shared/domain/catalog/schema.ts';
import type { ReportIndicator } from '../../../shared/domain/reports/reportContent.ts';
import { issuesUnder, type Issue } from '../catalog.ts';
import { IndicatorRow, type IndicatorEdit, type IndicatorPeriod } from './IndicatorRow.tsx';

interface Props {
  catalog: readonly CatalogIndicator[];
  items: readonly ReportIndicator[];
  period: IndicatorPeriod;
  planStart: string;
  onEdit: (code: string, edit: IndicatorEdit) => void;
  issues: readonly Issue[];
}

/** The indicators of the report beside the year's target, with the derived achievement. */
export function IndicatorsTable({ catalog, items, period, planStart, onEdit, issues }: Props) {
  const year = period.year;
  const byCode = new Map(catalog.map((c) => [c.code, c]));
  if (!items.length) return <p className="muted">Kế hoạch không giao chỉ tiêu nào cho cơ quan.</p>;
  return (
    <table className="grid indicators-table">
      <thead>
        <tr>
          <th className="col-no">STT</th>
          <th className="col-text">Chỉ tiêu</th>
          <th className="col-target">Chỉ tiêu năm {year}</th>
          <th>Kết quả thực hiện</th>
          <th className="col-status">Đánh giá</th>
        </tr>
      </thead>
      <tbody>
        {items.map((item, i) => {
          const indicator = byCode.get(item.code);
          if (!indicator) {
            return (
              <tr key={item.code}>
                <td className="num">—</td>
                <td colSpan={4} className="muted">
                  Chỉ tiêu {item.code} không giao cho loại cơ quan này theo kế hoạch của tỉnh.
                </td>
              </tr>
            );
          }
          return (
            <IndicatorRow
              key={item.code}
              indicator={indicator}
              item={item}
              period={period}
              planStart={planStart}
              onEdit={onEdit}
              issues={issuesUnder(issues, 'indicators', item.code, i)}
            />
          );
        })}
      </tbody>
    </table>
  );
}
