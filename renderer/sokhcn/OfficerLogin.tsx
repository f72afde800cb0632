import { useState } from 'react';
import { ErrorBanner, TextField } from '../components/Field.tsx';
import { useApiMutation } from '../queries.ts';

/**
 * The officer signs in to the intake server with the account the Sở's administrator made
 * (`npm run server -- add-officer`). The server's session stays in BaoCao's memory only.
 */
export function OfficerLogin({ serverUrl }: { serverUrl: string | null }) {
  const [url, setUrl] = useState(serverUrl ?? '');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const login = useApiMutation('sokhcn.login');
  return (
    <form
      className="panel officer-login"
      onSubmit={(e) => {
        e.preventDefault();
        login.mutate({ serverUrl: url, username, password }, { onSuccess: () => setPassword('') });
      }}
    >
      <h2>Đăng nhập máy chủ tiếp nhận của Sở KH&amp;CN</h2>
      <p className="hint">
        Dùng tài khoản cán bộ do quản trị viên máy chủ cấp. Phiên làm việc chỉ giữ trong bộ nhớ của BaoCao,
        không lưu xuống máy.
      </p>
      <TextField label="Địa chỉ máy chủ" value={url} onChange={setUrl} required />
      <TextField label="Tên đăng nhập" value={username} onChange={setUsername} required />
      <TextField label="Mật khẩu" type="password" value={password} onChange={setPassword} required />
      <div className="actions">
        <button type="submit" disabled={login.isPending}>
          {login.isPending ? 'Đang đăng nhập…' : 'Đăng nhập'}
        </button>
      </div>
      <ErrorBanner error={login.error} />
    </form>
  );
}
