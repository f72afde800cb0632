import { useState } from 'react';
import type { AgencyType } from '../../shared/domain/catalog/schema.ts';
import { ErrorBanner, TextField } from '../components/Field.tsx';
import {
  OrganizationForm,
  emptyOrganization,
  type OrganizationDraft,
} from '../components/OrganizationForm.tsx';
import { useApiMutation } from '../queries.ts';

interface Props {
  agencyTypes: AgencyType[];
}

/** First run: the department, then its first administrator. Nothing is stored until the last step. */
export function SetupWizard({ agencyTypes }: Props) {
  const [step, setStep] = useState<1 | 2>(1);
  const [org, setOrg] = useState<OrganizationDraft>(emptyOrganization);
  const [admin, setAdmin] = useState({
    fullName: '',
    username: '',
    password: '',
    confirm: '',
    alsoClerk: true,
  });
  const [localError, setLocalError] = useState<string | null>(null);
  const setup = useApiMutation('setup.complete');

  const next = () => {
    const missing = [
      [org.name, 'Tên cơ quan'],
      [org.agencyType, 'Loại cơ quan'],
      [org.abbreviation, 'Chữ viết tắt'],
      [org.place, 'Địa danh'],
    ].filter(([v]) => !v?.trim());
    if (missing.length) {
      setLocalError(`Chưa nhập: ${missing.map(([, l]) => l).join(', ')}`);
      return;
    }
    setLocalError(null);
    setStep(2);
  };

  const finish = () => {
    if (admin.password !== admin.confirm) {
      setLocalError('Mật khẩu nhập lại không khớp');
      return;
    }
    setLocalError(null);
    setup.mutate({
      organization: org,
      admin: {
        fullName: admin.fullName,
        username: admin.username,
        password: admin.password,
        roles: admin.alsoClerk ? ['quan_tri', 'chuyen_vien'] : ['quan_tri'],
        title: '',
        signingAuthority: '',
      },
    });
  };

  return (
    <div className="centered-card wide">
      <h1>Thiết lập BaoCao</h1>
      <p className="muted">
        Bước {step}/2: {step === 1 ? 'Thông tin cơ quan' : 'Tài khoản quản trị đầu tiên'}
      </p>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (step === 1) next();
          else finish();
        }}
      >
        {step === 1 ? (
          <OrganizationForm value={org} onChange={setOrg} agencyTypes={agencyTypes} />
        ) : (
          <div className="form-grid">
            <TextField
              label="Họ và tên"
              value={admin.fullName}
              onChange={(v) => setAdmin({ ...admin, fullName: v })}
              required
            />
            <TextField
              label="Tên đăng nhập"
              value={admin.username}
              onChange={(v) => setAdmin({ ...admin, username: v })}
              required
              autoComplete="username"
              hint="Chữ không dấu, số, dấu chấm hoặc gạch, ví dụ nguyenvana"
            />
            <TextField
              label="Mật khẩu"
              type="password"
              value={admin.password}
              onChange={(v) => setAdmin({ ...admin, password: v })}
              required
              autoComplete="new-password"
              hint="Ít nhất 8 ký tự"
            />
            <TextField
              label="Nhập lại mật khẩu"
              type="password"
              value={admin.confirm}
              onChange={(v) => setAdmin({ ...admin, confirm: v })}
              required
              autoComplete="new-password"
            />
            <label className="checkbox">
              <input
                type="checkbox"
                checked={admin.alsoClerk}
                onChange={(e) => setAdmin({ ...admin, alsoClerk: e.target.checked })}
              />
              Tài khoản này cũng soạn kế hoạch, báo cáo (vai trò Chuyên viên)
            </label>
          </div>
        )}
        <ErrorBanner error={localError ? { message: localError } : setup.error} />
        <div className="actions">
          {step === 2 && (
            <button type="button" className="secondary" onClick={() => setStep(1)}>
              Quay lại
            </button>
          )}
          <button type="submit" disabled={setup.isPending}>
            {step === 1 ? 'Tiếp tục' : setup.isPending ? 'Đang lưu…' : 'Hoàn tất thiết lập'}
          </button>
        </div>
      </form>
    </div>
  );
}
