import { useState } from 'react';
import { ErrorBanner, SuccessBanner, TextField } from '../components/Field.tsx';
import { useApiMutation } from '../queries.ts';

export function ChangePasswordPage() {
  const [form, setForm] = useState({ currentPassword: '', newPassword: '', confirm: '' });
  const [mismatch, setMismatch] = useState(false);
  const change = useApiMutation('auth.changePassword');
  return (
    <div className="page narrow">
      <h1>Đổi mật khẩu</h1>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const bad = form.newPassword !== form.confirm;
          setMismatch(bad);
          if (!bad)
            change.mutate(
              { currentPassword: form.currentPassword, newPassword: form.newPassword },
              { onSuccess: () => setForm({ currentPassword: '', newPassword: '', confirm: '' }) },
            );
        }}
      >
        <TextField
          label="Mật khẩu hiện tại"
          type="password"
          value={form.currentPassword}
          onChange={(v) => setForm({ ...form, currentPassword: v })}
          required
          autoComplete="current-password"
        />
        <TextField
          label="Mật khẩu mới"
          type="password"
          value={form.newPassword}
          onChange={(v) => setForm({ ...form, newPassword: v })}
          required
          autoComplete="new-password"
          hint="Ít nhất 8 ký tự"
        />
        <TextField
          label="Nhập lại mật khẩu mới"
          type="password"
          value={form.confirm}
          onChange={(v) => setForm({ ...form, confirm: v })}
          required
          autoComplete="new-password"
        />
        <ErrorBanner error={mismatch ? { message: 'Mật khẩu nhập lại không khớp' } : change.error} />
        {change.isSuccess && <SuccessBanner>Đã đổi mật khẩu.</SuccessBanner>}
        <div className="actions">
          <button type="submit" disabled={change.isPending}>
            Đổi mật khẩu
          </button>
        </div>
      </form>
    </div>
  );
}
