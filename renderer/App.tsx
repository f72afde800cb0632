import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { hasPermission, roleLabels } from '../shared/domain/organization/roles.ts';
import { ErrorBanner } from './components/Field.tsx';
import { ChangePasswordPage } from './pages/ChangePasswordPage.tsx';
import { HomePage } from './pages/HomePage.tsx';
import { LoginPage } from './pages/LoginPage.tsx';
import { SettingsPage } from './pages/SettingsPage.tsx';
import { SetupWizard } from './pages/SetupWizard.tsx';
import { UsersPage } from './pages/UsersPage.tsx';
import { useApiMutation, useApiQuery } from './queries.ts';

type Route = 'home' | 'settings' | 'users' | 'password';
const routes: Route[] = ['home', 'settings', 'users', 'password'];

/** The page lives in the URL hash, so a reload (or a second window) opens the same page. */
function useHashRoute(): [Route, (r: Route) => void] {
  const read = () => {
    const h = window.location.hash.replace(/^#\/?/, '') as Route;
    return routes.includes(h) ? h : 'home';
  };
  const [route, setRoute] = useState<Route>(read);
  useEffect(() => {
    const onHash = () => setRoute(read());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  return [route, (r) => (window.location.hash = `/${r}`)];
}

export function App() {
  const status = useApiQuery('app.status', {});
  const logout = useApiMutation('auth.logout');
  const queryClient = useQueryClient();
  const [route, go] = useHashRoute();

  if (status.isPending) return <p className="muted centered">Đang khởi động BaoCao…</p>;
  if (status.isError) return <ErrorBanner error={status.error} />;
  const { setUp, user, organization, agencyTypes } = status.data;
  if (!setUp || !organization) return <SetupWizard agencyTypes={agencyTypes} />;
  if (!user) return <LoginPage organizationName={organization.name} />;

  const canSettings = hasPermission(user.roles, 'settings.manage');
  const canUsers = hasPermission(user.roles, 'users.manage');
  const nav: { route: Route; label: string; show: boolean }[] = [
    { route: 'home', label: 'Trang chủ', show: true },
    { route: 'settings', label: 'Thông tin cơ quan', show: canSettings },
    { route: 'users', label: 'Người dùng', show: canUsers },
    { route: 'password', label: 'Đổi mật khẩu', show: true },
  ];
  const page =
    route === 'settings' && canSettings ? (
      <SettingsPage organization={organization} agencyTypes={agencyTypes} />
    ) : route === 'users' && canUsers ? (
      <UsersPage />
    ) : route === 'password' ? (
      <ChangePasswordPage />
    ) : (
      <HomePage />
    );

  return (
    <div className="shell">
      <aside className="sidebar">
        <div className="brand">BaoCao</div>
        <div className="org-name">{organization.name}</div>
        <nav>
          {nav
            .filter((n) => n.show)
            .map((n) => (
              <a
                key={n.route}
                href={`#/${n.route}`}
                className={route === n.route ? 'active' : ''}
                onClick={() => go(n.route)}
              >
                {n.label}
              </a>
            ))}
        </nav>
        <div className="user-box">
          <div className="user-name">{user.fullName}</div>
          <div className="muted">{user.roles.map((r) => roleLabels[r]).join(', ')}</div>
          <button
            className="secondary"
            onClick={() => logout.mutate({}, { onSuccess: () => queryClient.clear() })}
            disabled={logout.isPending}
          >
            Đăng xuất
          </button>
        </div>
      </aside>
      <main className="content">{page}</main>
    </div>
  );
}
