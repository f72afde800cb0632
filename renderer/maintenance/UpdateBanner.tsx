import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { call } from '../api.ts';
import { hasUnsavedWork } from '../unsavedWork.ts';

/**
 * "Đã có phiên bản mới — Khởi động lại để cập nhật", once the new version is downloaded and
 * verified. The restart waits for edits still being saved; the main process also refuses while an
 * upload or a save is in flight and says why.
 */
export function UpdateBanner() {
  const status = useQuery({
    queryKey: ['updates.status', {}],
    queryFn: () => call('updates.status', {}),
    refetchInterval: 60_000,
  });
  const [answer, setAnswer] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const s = status.data;
  if (!s || (s.state !== 'ready' && s.state !== 'installing')) return null;
  return (
    <div className="update-banner" role="status">
      <span>{s.message}</span>
      {s.availableVersion && <span className="muted"> (phiên bản {s.availableVersion})</span>}
      <button
        disabled={busy || s.state === 'installing'}
        onClick={async () => {
          if (hasUnsavedWork()) {
            setAnswer('Đang lưu nội dung vừa soạn, hãy thử lại sau giây lát.');
            return;
          }
          setBusy(true);
          try {
            const r = await call('updates.install', {});
            setAnswer(r.started ? null : r.message);
          } catch (e) {
            setAnswer((e as Error).message);
          } finally {
            setBusy(false);
          }
        }}
      >
        Khởi động lại
      </button>
      {answer && <div className="update-answer">{answer}</div>}
    </div>
  );
}
