import type { MethodOutput } from '../../shared/api.ts';
import { ErrorBanner } from '../components/Field.tsx';
import { useApiQuery } from '../queries.ts';

type Change = MethodOutput<'documents.diff'>[number];

const areaLabels: Record<Change['area'], string> = {
  indicator: 'Chỉ tiêu',
  task: 'Nhiệm vụ',
  section: 'Nội dung',
  activity: 'Hoạt động',
  period: 'Kỳ báo cáo',
};

/** A word-level diff: removed words struck through in red, added ones in green. */
export function Pieces({
  pieces,
  side,
}: {
  pieces: NonNullable<Change['pieces']>;
  side: 'before' | 'after';
}) {
  return (
    <>
      {pieces.map((p, i) =>
        p.op === 'same' ? (
          <span key={i}>{p.text}</span>
        ) : p.op === 'removed' ? (
          side === 'before' && (
            <del key={i} className="diff-removed">
              {p.text}
            </del>
          )
        ) : (
          side === 'after' && (
            <ins key={i} className="diff-added">
              {p.text}
            </ins>
          )
        ),
      )}
    </>
  );
}

/** One side of a change: word-level pieces for long texts, otherwise the whole old or new value. */
function DiffCell({ change, side }: { change: Change; side: 'before' | 'after' }) {
  const value = side === 'before' ? change.before : change.after;
  const Mark = side === 'before' ? 'del' : 'ins';
  return (
    <td className={`diff-${side}`}>
      {change.pieces ? (
        <Pieces pieces={change.pieces} side={side} />
      ) : value ? (
        <Mark className={side === 'before' ? 'diff-removed' : 'diff-added'}>{value}</Mark>
      ) : (
        <span className="muted">(trống)</span>
      )}
    </td>
  );
}

/** What changed between two versions of a document (`to` null: as it is now), field by field. */
export function DiffTable({ id, from, to }: { id: string; from: number; to: number | null }) {
  const diff = useApiQuery('documents.diff', { id, from, to });
  if (diff.isPending) return <p className="muted">Đang so sánh…</p>;
  if (diff.isError) return <ErrorBanner error={diff.error} />;
  if (!diff.data.length) return <p className="muted">Hai bản giống nhau: không có thay đổi.</p>;
  return (
    <table className="grid diff-table" data-testid="diff">
      <thead>
        <tr>
          <th className="col-item">Mục</th>
          <th>Trước</th>
          <th>Sau</th>
        </tr>
      </thead>
      <tbody>
        {diff.data.map((c, i) => (
          <tr key={i} data-testid="change">
            <td>
              <div className="muted small">{areaLabels[c.area]}</div>
              {c.label}
            </td>
            <DiffCell change={c} side="before" />
            <DiffCell change={c} side="after" />
          </tr>
        ))}
      </tbody>
    </table>
  );
}
