import { useId, useState } from 'react';
import { DiffTable } from '../documents/DiffTable.tsx';
import { ErrorBanner } from '../components/Field.tsx';
import { useApiMutation, useApiQuery } from '../queries.ts';
import { vietnamDateTime } from './format.ts';

export function VersionsPage({ id }: { id: string }) {
  const fieldId = useId();
  const versions = useApiQuery('documents.versions', { id });
  const [choice, setChoice] = useState<{ from: number | null; to: number | null }>({ from: null, to: null });
  const restore = useApiMutation('documents.restoreVersion');
  const [restored, setRestored] = useState<string | null>(null);

  if (versions.isPending) return <p className="muted">Đang tải…</p>;
  if (versions.isError) return <ErrorBanner error={versions.error} />;
  const list = [...versions.data].sort((a, b) => b.versionNo - a.versionNo);
  // By default: what changed since the version before the latest one.
  const defaultFrom = list[1]?.versionNo ?? list[0]?.versionNo ?? null;
  const from = choice.from ?? defaultFrom;
  const to = choice.to;

  return (
    <div className="page">
      <header className="page-header">
        <h1>Lịch sử phiên bản</h1>
        <p>
          <button type="button" className="link" onClick={() => window.history.back()}>
            ← Quay lại
          </button>
        </p>
      </header>
      {list.length === 0 ? (
        <p className="muted">Chưa có phiên bản nào được lưu.</p>
      ) : (
        <>
          <table className="grid versions-table">
            <thead>
              <tr>
                <th>Phiên bản</th>
                <th>Bắt đầu sửa</th>
                <th>Lưu lần cuối</th>
                <th>Người sửa</th>
                <th></th>
              </tr>
            </thead>
            <tbody>
              {list.map((v) => (
                <tr key={v.versionNo} data-testid="version">
                  <td className="num">Bản {v.versionNo}</td>
                  <td>{vietnamDateTime(v.createdAt)}</td>
                  <td>{vietnamDateTime(v.updatedAt)}</td>
                  <td>{v.userName}</td>
                  <td className="row-actions">
                    <button
                      type="button"
                      className="secondary small"
                      onClick={() => setChoice({ from: v.versionNo, to: null })}
                    >
                      So với bản hiện tại
                    </button>
                    {v.versionNo !== list[0]!.versionNo && (
                      <button
                        type="button"
                        className="secondary small"
                        disabled={restore.isPending}
                        onClick={() => {
                          const ask = `Khôi phục nội dung của bản ${v.versionNo}? Nội dung hiện tại vẫn được giữ trong lịch sử phiên bản.`;
                          if (!window.confirm(ask)) return;
                          setRestored(null);
                          restore.mutate(
                            { id, versionNo: v.versionNo },
                            {
                              onSuccess: (r) =>
                                setRestored(
                                  `Đã khôi phục nội dung bản ${v.versionNo} thành bản ${r.versionNo}.`,
                                ),
                            },
                          );
                        }}
                      >
                        Khôi phục phiên bản này
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>

          <ErrorBanner error={restore.error} />
          {restored && (
            <div className="info-banner" role="status" data-testid="restored">
              {restored}
            </div>
          )}

          <h2>So sánh hai bản</h2>
          <div className="compare-row">
            <div className="field">
              <label htmlFor={`${fieldId}-from`}>Từ phiên bản</label>
              <select
                id={`${fieldId}-from`}
                value={from ?? ''}
                onChange={(e) => setChoice({ from: Number(e.target.value), to })}
              >
                {list.map((v) => (
                  <option key={v.versionNo} value={v.versionNo}>
                    Bản {v.versionNo} – {vietnamDateTime(v.updatedAt)} – {v.userName}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${fieldId}-to`}>Đến phiên bản</label>
              <select
                id={`${fieldId}-to`}
                value={to ?? ''}
                onChange={(e) => setChoice({ from, to: e.target.value ? Number(e.target.value) : null })}
              >
                <option value="">Bản hiện tại</option>
                {list.map((v) => (
                  <option key={v.versionNo} value={v.versionNo}>
                    Bản {v.versionNo} – {vietnamDateTime(v.updatedAt)} – {v.userName}
                  </option>
                ))}
              </select>
            </div>
          </div>
          {from !== null && <DiffTable id={id} from={from} to={to} />}
        </>
      )}
    </div>
  );
}
