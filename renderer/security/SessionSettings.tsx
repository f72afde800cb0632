import { useState } from 'react';
import { ErrorBanner, SuccessBanner, TextField } from '../components/Field.tsx';
import { useApiMutation, useApiQuery } from '../queries.ts';

/** How long an unused session stays signed in; the maximum age is fixed. */
export function SessionSettings() {
  const current = useApiQuery('sessions.settings', {});
  if (!current.data) return <ErrorBanner error={current.error} />;
  return <SessionForm idleMinutes={current.data.idleMinutes} maxAgeHours={current.data.maxAgeHours} />;
}

function SessionForm({ idleMinutes, maxAgeHours }: { idleMinutes: number; maxAgeHours: number }) {
  const save = useApiMutation('sessions.updateSettings');
  const [minutes, setMinutes] = useState(String(idleMinutes));
  return (
    <section className="panel settings-panel" aria-labelledby="sessions-heading">
      <h2 id="sessions-heading">Phiên làm việc</h2>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate({ idleMinutes: Number(minutes) });
        }}
      >
        <TextField
          label="Tự đăng xuất sau (phút không sử dụng)"
          value={minutes}
          onChange={(v) => {
            setMinutes(v);
            save.reset();
          }}
          hint={`Từ 15 phút đến 24 giờ (1440 phút). Dù đang dùng, phiên luôn kết thúc sau ${maxAgeHours} giờ.`}
        />
        <ErrorBanner error={save.error} />
        {save.isSuccess && <SuccessBanner>Đã lưu thời gian tự đăng xuất.</SuccessBanner>}
        <div className="actions">
          <button type="submit" disabled={save.isPending}>
            Lưu thời gian tự đăng xuất
          </button>
        </div>
      </form>
    </section>
  );
}
