import { useState } from 'react';
import { ErrorBanner, TextField } from '../components/Field.tsx';
import { useApiMutation } from '../queries.ts';

export function LoginPage({ organizationName }: { organizationName: string }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const login = useApiMutation('auth.login');
  return (
    <div className="centered-card">
      <h1>Đăng nhập</h1>
      <p className="muted">{organizationName}</p>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          login.mutate({ username, password }, { onError: () => setPassword('') });
        }}
      >
        <TextField
          label="Tên đăng nhập"
          value={username}
          onChange={setUsername}
          required
          autoComplete="username"
        />
        <TextField
          label="Mật khẩu"
          type="password"
          value={password}
          onChange={setPassword}
          required
          autoComplete="current-password"
        />
        <ErrorBanner error={login.error} />
        <div className="actions">
          <button type="submit" disabled={login.isPending}>
            {login.isPending ? 'Đang kiểm tra…' : 'Đăng nhập'}
          </button>
        </div>
      </form>
    </div>
  );
}
