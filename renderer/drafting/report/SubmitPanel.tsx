import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { MethodOutput } from '../../../shared/api.ts';
import { call } from '../../api.ts';
import type { Issue } from '../catalog.ts';

type SubmitResult = MethodOutput<'workflow.submit'>;

interface Options {
  documentId: string;
  /** Saves what is pending; false when it could not (errors in the form, conflict…). */
  flush: () => Promise<boolean>;
  getRevision: () => number;
  onSubmitted: (meta: SubmitResult['meta']) => void;
}

export type Outcome =
  { kind: 'sent' } | { kind: 'refused'; issues: Issue[] } | { kind: 'failed'; message: string };

/** "Gửi duyệt": saves first, then asks the server, which lists everything still missing. */
export function useSubmit({ documentId, flush, getRevision, onSubmitted }: Options) {
  const [pending, setPending] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const queryClient = useQueryClient();

  const submit = async () => {
    setPending(true);
    setOutcome(null);
    try {
      if (!(await flush())) {
        setOutcome({
          kind: 'failed',
          message: 'Chưa gửi được: các thay đổi chưa lưu được. Hãy sửa các lỗi được báo rồi thử lại.',
        });
        return;
      }
      const r = await call('workflow.submit', { id: documentId, baseRevision: getRevision() });
      onSubmitted(r.meta);
      if (r.submitted) setOutcome({ kind: 'sent' });
      else setOutcome({ kind: 'refused', issues: r.issues });
      await queryClient.invalidateQueries();
    } catch (e) {
      setOutcome({ kind: 'failed', message: e instanceof Error ? e.message : String(e) });
    } finally {
      setPending(false);
    }
  };

  return { submit, pending, outcome, clear: () => setOutcome(null) };
}

export function SubmitOutcome({ outcome, onClose }: { outcome: Outcome | null; onClose: () => void }) {
  if (!outcome) return null;
  return (
    <div className="submit-outcome" data-testid="submit-outcome">
      {outcome.kind === 'sent' && (
        <div className="success-banner" role="status">
          Đã gửi lãnh đạo duyệt
        </div>
      )}
      {outcome.kind === 'failed' && (
        <div className="error-banner" role="alert">
          {outcome.message}
        </div>
      )}
      {outcome.kind === 'refused' && (
        <div className="error-banner" role="alert">
          <strong>Chưa gửi được: còn {outcome.issues.length} mục cần hoàn thiện</strong>
          <ul>
            {outcome.issues.map((i, n) => (
              <li key={n}>{i.message}</li>
            ))}
          </ul>
        </div>
      )}
      <button type="button" className="link" onClick={onClose}>
        Đóng thông báo
      </button>
    </div>
  );
}
