import { useState } from 'react';
import { call, type ApiError } from '../api.ts';
import { ErrorBanner } from '../components/Field.tsx';
import { saveFile } from '../components/files.ts';
import { useApiQuery } from '../queries.ts';

/** Departments with a plan received (not returned), and their activities gathered by task. */
export function PlansTab() {
  const q = useApiQuery('sokhcn.plans', {});
  const [error, setError] = useState<ApiError | null>(null);
  if (q.isPending) return <p className="muted">Đang tải…</p>;
  if (q.isError) return <ErrorBanner error={q.error} />;
  const p = q.data;
  return (
    <section>
      <div className="filters">
        <span>
          {p.departments.length} đơn vị đã gửi kế hoạch triển khai (hạn {p.duty.dueText}).
        </span>
        <button
          type="button"
          className="secondary"
          onClick={() => void call('sokhcn.plansXlsx', {}).then(saveFile, (e: ApiError) => setError(e))}
        >
          Xuất tổng hợp hoạt động (.xlsx)
        </button>
      </div>
      <ErrorBanner error={error} />
      <table className="grid" data-testid="plans">
        <thead>
          <tr>
            <th>Cơ quan, đơn vị</th>
            <th>Trạng thái</th>
            <th>Số hoạt động</th>
          </tr>
        </thead>
        <tbody>
          {p.departments.map((d) => (
            <tr key={d.code}>
              <td>{d.name}</td>
              <td>{d.status === 'accepted' ? 'Đã tiếp nhận' : 'Đã nhận'}</td>
              <td className="num">{d.activities}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {p.tasks.map((t) => (
        <details key={t.taskId} className="part">
          <summary>
            {t.taskId}. {t.text} ({t.activities.length} hoạt động)
          </summary>
          <ul>
            {t.activities.map((a, i) => (
              <li key={i}>
                <strong>{a.organization}:</strong> {a.content}
              </li>
            ))}
          </ul>
        </details>
      ))}
    </section>
  );
}
