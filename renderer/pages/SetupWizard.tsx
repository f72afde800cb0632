import { useState } from 'react';
import type { AgencyType } from '../../shared/domain/catalog/schema.ts';
import type { Role } from '../../shared/domain/organization/roles.ts';
import { ErrorBanner, TextField } from '../components/Field.tsx';
import { inPageOrder, issueKey } from '../components/fieldFocus.ts';
import { checkInput, focusFirstOnPage, FormProblems, type FormProblem } from '../components/formCheck.tsx';
import {
  OrganizationForm,
  emptyOrganization,
  type FieldErrorOf,
  type OrganizationDraft,
} from '../components/OrganizationForm.tsx';
import { useApiMutation } from '../queries.ts';

interface Props {
  agencyTypes: AgencyType[];
}

/** The wizard's refused values, of the step being checked: each under its field and in the list. */
function problemsOf(input: unknown, step: 1 | 2, confirm: string, password: string): FormProblem[] {
  const found = checkInput('setup.complete', input).filter((p) => step === 2 || p.path[0] === 'organization');
  if (step === 2 && password !== confirm) {
    found.push({
      path: ['admin', 'confirm'],
      label: 'Nhập lại mật khẩu',
      message: 'Không khớp với mật khẩu ở trên',
    });
  }
  return found;
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
  // The step whose check failed: from then on its list follows each edit, so a fixed field loses
  // its mark at once (as useFormCheck does for one-step forms).
  const [checked, setChecked] = useState<1 | 2 | null>(null);
  const setup = useApiMutation('setup.complete');
  const roles: Role[] = admin.alsoClerk ? ['quan_tri', 'chuyen_vien'] : ['quan_tri'];
  const input = {
    organization: org,
    admin: {
      fullName: admin.fullName,
      username: admin.username,
      password: admin.password,
      roles,
      title: '',
      signingAuthority: '',
    },
  };
  const problems =
    checked === step ? inPageOrder(problemsOf(input, step, admin.confirm, admin.password)) : [];
  const errorOf = (...path: (string | number)[]) =>
    problems.find((p) => issueKey(p.path) === issueKey(path))?.message;
  const fieldError = (...path: string[]) => ({ error: errorOf(...path), fieldPath: path });
  const orgError: FieldErrorOf = (key) => fieldError('organization', key);

  /** True when the step may go on; otherwise marks its fields and goes to the first. */
  const passes = () => {
    const found = problemsOf(input, step, admin.confirm, admin.password);
    setChecked(found.length ? step : null);
    focusFirstOnPage(found);
    return found.length === 0;
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
          if (!passes()) return;
          if (step === 1) setStep(2);
          else setup.mutate(input);
        }}
      >
        {step === 1 ? (
          <OrganizationForm value={org} onChange={setOrg} agencyTypes={agencyTypes} errorOf={orgError} />
        ) : (
          <div className="form-grid">
            <TextField
              label="Họ và tên"
              value={admin.fullName}
              onChange={(v) => setAdmin({ ...admin, fullName: v })}
              required
              {...fieldError('admin', 'fullName')}
            />
            <TextField
              label="Tên đăng nhập"
              value={admin.username}
              onChange={(v) => setAdmin({ ...admin, username: v })}
              required
              autoComplete="username"
              hint="Chữ không dấu, số, dấu chấm hoặc gạch, ví dụ nguyenvana"
              {...fieldError('admin', 'username')}
            />
            <TextField
              label="Mật khẩu"
              type="password"
              value={admin.password}
              onChange={(v) => setAdmin({ ...admin, password: v })}
              required
              autoComplete="new-password"
              hint="Ít nhất 8 ký tự"
              {...fieldError('admin', 'password')}
            />
            <TextField
              label="Nhập lại mật khẩu"
              type="password"
              value={admin.confirm}
              onChange={(v) => setAdmin({ ...admin, confirm: v })}
              required
              autoComplete="new-password"
              {...fieldError('admin', 'confirm')}
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
        <FormProblems problems={problems} />
        <ErrorBanner error={setup.error} />
        <div className="actions">
          {step === 2 && (
            <button
              type="button"
              className="secondary"
              onClick={() => {
                setChecked(null);
                setStep(1);
              }}
            >
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
