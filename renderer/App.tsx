import { useEffect, useState } from 'react';
import { hasPermission, roleLabels } from '../shared/domain/organization/roles.ts';
import { ErrorBanner } from './components/Field.tsx';
import { PageBoundary, ThrowingPage } from './components/PageBoundary.tsx';
import { testHooks } from './testHooks.ts';
import { PlanEditorPage } from './drafting/PlanEditorPage.tsx';
import { ReportEditorPage } from './drafting/ReportEditorPage.tsx';
import { ReportsPage } from './drafting/ReportsPage.tsx';
import { VersionsPage } from './drafting/VersionsPage.tsx';
import { PreviewPage } from './documents/PreviewPage.tsx';
import { ChangePasswordPage } from './pages/ChangePasswordPage.tsx';
import { HomePage } from './pages/HomePage.tsx';
import { LoginPage } from './pages/LoginPage.tsx';
import { SettingsPage } from './pages/SettingsPage.tsx';
import { SetupWizard } from './pages/SetupWizard.tsx';
import { UsersPage } from './pages/UsersPage.tsx';
import { AuditWarning } from './security/AuditIntegrity.tsx';
import { AuditLogPage } from './security/AuditLogPage.tsx';
import { OrganizationSigningPage } from './signing/OrganizationSigningPage.tsx';
import { SigningProfilePage } from './signing/SigningProfilePage.tsx';
import { VerifyPage } from './signing/VerifyPage.tsx';
import { UpdateBanner } from './maintenance/UpdateBanner.tsx';
import { confirmLeave } from './unsavedWork.ts';
import { useApiQuery } from './queries.ts';
import { useLogOut } from './session/useLogOut.ts';
import { IssuePage } from './workflow/IssuePage.tsx';
import { RegisterPage } from './workflow/RegisterPage.tsx';
import { OutboxPage } from './outbox/OutboxPage.tsx';
import { ReviewPage } from './workflow/ReviewPage.tsx';
import { SokhcnPage } from './sokhcn/SokhcnPage.tsx';
import { LetterEditorPage, LettersPage } from './letters/LetterEditorPage.tsx';

type Route =
  | 'home'
  | 'settings'
  | 'users'
  | 'audit'
  | 'password'
  | 'plan'
  | 'reports'
  | 'register'
  | 'outbox'
  | 'signing'
  | 'orgSigning'
  | 'verify'
  | 'sokhcn'
  | 'letters';
const routes: Route[] = [
  'home',
  'settings',
  'users',
  'audit',
  'password',
  'plan',
  'reports',
  'register',
  'outbox',
  'signing',
  'orgSigning',
  'verify',
  'sokhcn',
  'letters',
];

/** A page, and for the report editor and the versions page the document it shows. */
type Location =
  | { route: Route; id?: undefined }
  | { route: 'report'; id: string }
  | { route: 'letter'; id: string }
  | { route: 'versions'; id: string }
  | { route: 'preview'; id: string }
  | { route: 'review'; id: string }
  | { route: 'issue'; id: string }
  /** Test web host only (testHooks.ts): a page that throws. */
  | { route: 'thu-loi'; id?: undefined };

function readHash(): Location {
  const [first = '', second] = window.location.hash.replace(/^#\/?/, '').split('/');
  const id = second ? decodeURIComponent(second) : '';
  if (first === 'reports' && id) return { route: 'report', id };
  if (first === 'letters' && id) return { route: 'letter', id };
  if (first === 'versions' && id) return { route: 'versions', id };
  if (first === 'preview' && id) return { route: 'preview', id };
  if (first === 'review' && id) return { route: 'review', id };
  if (first === 'issue' && id) return { route: 'issue', id };
  if (first === 'thu-loi' && testHooks?.throwingPage) return { route: 'thu-loi' };
  return { route: routes.includes(first as Route) ? (first as Route) : 'home' };
}

/**
 * The page lives in the URL hash (#/plan, #/reports/<id>, #/versions/<id>), so a reload or a
 * second window opens the same page.
 */
function useHashRoute(): [Location, (r: Route) => void, () => void] {
  const [location, setLocation] = useState<Location>(readHash);
  useEffect(() => {
    const onHash = (e: HashChangeEvent) => {
      // An editor holds text that cannot be stored: stay unless the user accepts losing it.
      if (!confirmLeave()) {
        window.history.replaceState(null, '', e.oldURL);
        return;
      }
      setLocation(readHash());
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  // Back to the home page without a history entry (after logging out).
  const home = () => {
    window.history.replaceState(null, '', '#/home');
    setLocation(readHash());
  };
  return [location, (r) => (window.location.hash = `/${r}`), home];
}

export function App() {
  const status = useApiQuery('app.status', {});
  const sokhcn = useApiQuery('sokhcn.status', {}, { enabled: status.data?.user != null });
  const [location, go, goHome] = useHashRoute();
  // Whoever logs in next starts at the home page, not at this user's last page.
  const logout = useLogOut(goHome);
  const route = location.route;

  if (status.isPending) return <p className="muted centered">Đang khởi động BaoCao…</p>;
  if (status.isError) return <ErrorBanner error={status.error} />;
  const { setUp, user, organization, agencyTypes } = status.data;
  if (!setUp || !organization) return <SetupWizard agencyTypes={agencyTypes} />;
  if (!user) return <LoginPage organizationName={organization.name} />;

  const canSettings = hasPermission(user.roles, 'settings.manage');
  const canUsers = hasPermission(user.roles, 'users.manage');
  const canEdit = hasPermission(user.roles, 'drafts.edit');
  const nav: { route: Route; label: string; show: boolean }[] = [
    { route: 'home', label: 'Trang chủ', show: true },
    { route: 'plan', label: 'Kế hoạch triển khai', show: true },
    { route: 'reports', label: 'Báo cáo', show: true },
    { route: 'register', label: 'Sổ văn bản đi', show: true },
    { route: 'sokhcn', label: 'Tiếp nhận, tổng hợp', show: sokhcn.data?.available === true },
    { route: 'letters', label: 'Công văn', show: sokhcn.data?.available === true },
    { route: 'outbox', label: 'Gửi Sở KH&CN', show: true },
    { route: 'settings', label: 'Thông tin cơ quan', show: canSettings },
    { route: 'users', label: 'Người dùng', show: canUsers },
    { route: 'audit', label: 'Nhật ký hoạt động', show: canUsers },
    { route: 'orgSigning', label: 'Chữ ký số của cơ quan', show: canSettings },
    { route: 'signing', label: 'Chữ ký số', show: true },
    { route: 'verify', label: 'Kiểm tra chữ ký', show: true },
    { route: 'password', label: 'Đổi mật khẩu', show: true },
  ];
  const page =
    location.route === 'thu-loi' ? (
      <ThrowingPage />
    ) : location.route === 'report' ? (
      <ReportEditorPage key={location.id} id={location.id} canEdit={canEdit} />
    ) : location.route === 'letter' ? (
      <LetterEditorPage key={location.id} id={location.id} canEdit={canEdit} />
    ) : location.route === 'preview' ? (
      <PreviewPage key={location.id} id={location.id} />
    ) : location.route === 'review' ? (
      <ReviewPage key={location.id} id={location.id} />
    ) : location.route === 'issue' ? (
      <IssuePage key={location.id} id={location.id} place={organization.place} />
    ) : location.route === 'versions' ? (
      <VersionsPage key={location.id} id={location.id} />
    ) : route === 'plan' ? (
      <PlanEditorPage canEdit={canEdit} />
    ) : route === 'reports' ? (
      <ReportsPage canEdit={canEdit} />
    ) : route === 'letters' ? (
      <LettersPage />
    ) : route === 'sokhcn' ? (
      <SokhcnPage canEdit={canEdit} />
    ) : route === 'register' ? (
      <RegisterPage user={user} />
    ) : route === 'outbox' ? (
      <OutboxPage user={user} />
    ) : route === 'settings' && canSettings ? (
      <SettingsPage organization={organization} agencyTypes={agencyTypes} />
    ) : route === 'users' && canUsers ? (
      <UsersPage />
    ) : route === 'audit' && canUsers ? (
      <AuditLogPage />
    ) : route === 'signing' ? (
      <SigningProfilePage />
    ) : route === 'orgSigning' && canSettings ? (
      <OrganizationSigningPage />
    ) : route === 'verify' ? (
      <VerifyPage />
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
                className={
                  route === n.route ||
                  (route === 'report' && n.route === 'reports') ||
                  (route === 'letter' && n.route === 'letters')
                    ? 'active'
                    : ''
                }
                onClick={() => go(n.route)}
              >
                {n.label}
              </a>
            ))}
        </nav>
        <div className="user-box">
          <div className="user-name">{user.fullName}</div>
          <div className="muted">{user.roles.map((r) => roleLabels[r]).join(', ')}</div>
          <button className="secondary" onClick={() => logout.mutate()} disabled={logout.isPending}>
            Đăng xuất
          </button>
        </div>
      </aside>
      <main className="content">
        {canSettings && <AuditWarning />}
        <UpdateBanner />
        {/* Keyed by the page: going elsewhere from a failed page starts it afresh. */}
        <PageBoundary key={`${location.route}/${location.id ?? ''}`} page={location.route}>
          {page}
        </PageBoundary>
      </main>
    </div>
  );
}
