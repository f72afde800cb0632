import { useState } from 'react';
import { roleLabels, type Role } from '../../shared/domain/organization/roles.ts';
import type { User } from '../../shared/domain/organization/schemas.ts';
import { ErrorBanner, TextField } from '../components/Field.tsx';
import { FormProblems, useFormCheck } from '../components/formCheck.tsx';
import { useApiMutation, useApiQuery } from '../queries.ts';

interface Draft {
  id?: string;
  username: string;
  fullName: string;
  roles: Role[];
  title: string;
  signingAuthority: string;
  active: boolean;
  password: string;
}

const blank: Draft = {
  username: '',
  fullName: '',
  roles: ['chuyen_vien'],
  title: '',
  signingAuthority: '',
  active: true,
  password: '',
};

function UserForm({ initial, onDone }: { initial: Draft; onDone: () => void }) {
  const [d, setD] = useState(initial);
  const create = useApiMutation('users.create');
  const update = useApiMutation('users.update');
  const editing = Boolean(d.id);
  const pending = create.isPending || update.isPending;
  const toggleRole = (r: Role) =>
    setD({ ...d, roles: d.roles.includes(r) ? d.roles.filter((x) => x !== r) : [...d.roles, r] });

  const fields = {
    fullName: d.fullName,
    roles: d.roles,
    title: d.title,
    signingAuthority: d.signingAuthority,
  };
  const input = d.id
    ? { id: d.id, ...fields, active: d.active, ...(d.password ? { newPassword: d.password } : {}) }
    : { ...fields, username: d.username, password: d.password };
  const form = useFormCheck(d.id ? 'users.update' : 'users.create', input);
  const errorOf = (key: string) => ({ error: form.errorOf(key), fieldPath: [key] });
  const submit = () => {
    if (!form.check(input)) return;
    if ('id' in input) update.mutate(input, { onSuccess: onDone });
    else create.mutate(input, { onSuccess: onDone });
  };

  return (
    <form
      noValidate
      className="panel"
      aria-label={editing ? 'Sửa người dùng' : 'Thêm người dùng'}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <h2>{editing ? `Sửa người dùng ${d.username}` : 'Thêm người dùng'}</h2>
      <div className="form-grid">
        <TextField
          label="Họ và tên"
          value={d.fullName}
          onChange={(v) => setD({ ...d, fullName: v })}
          {...errorOf('fullName')}
          required
        />
        <TextField
          label="Tên đăng nhập"
          value={d.username}
          onChange={(v) => setD({ ...d, username: v })}
          {...errorOf('username')}
          required
          disabled={editing}
        />
        <fieldset
          className="roles"
          data-issue-keys="roles"
          aria-invalid={form.errorOf('roles') ? true : undefined}
        >
          <legend>Vai trò</legend>
          {(Object.keys(roleLabels) as Role[]).map((r) => (
            <label key={r} className="checkbox">
              <input type="checkbox" checked={d.roles.includes(r)} onChange={() => toggleRole(r)} />
              {roleLabels[r]}
            </label>
          ))}
          {form.errorOf('roles') && <div className="field-error">{form.errorOf('roles')}</div>}
        </fieldset>
        {d.roles.includes('lanh_dao') && (
          <>
            <TextField
              label="Chức vụ"
              value={d.title}
              onChange={(v) => setD({ ...d, title: v })}
              {...errorOf('title')}
              required
              placeholder="Phó Giám đốc"
            />
            <TextField
              label="Thẩm quyền ký"
              value={d.signingAuthority}
              onChange={(v) => setD({ ...d, signingAuthority: v })}
              {...errorOf('signingAuthority')}
              placeholder="KT. GIÁM ĐỐC"
              hint="TM., KT., Q., TL., TUQ. hoặc để trống nếu ký trực tiếp: ghi như ở khối chữ ký"
            />
          </>
        )}
        <TextField
          label={editing ? 'Đặt lại mật khẩu' : 'Mật khẩu'}
          type="password"
          value={d.password}
          onChange={(v) => setD({ ...d, password: v })}
          {...errorOf(editing ? 'newPassword' : 'password')}
          required={!editing}
          autoComplete="new-password"
          hint={editing ? 'Để trống nếu không đổi' : 'Ít nhất 8 ký tự'}
        />
        {editing && (
          <label className="checkbox">
            <input
              type="checkbox"
              checked={d.active}
              onChange={(e) => setD({ ...d, active: e.target.checked })}
            />
            Đang hoạt động
          </label>
        )}
      </div>
      <FormProblems problems={form.problems} />
      <ErrorBanner error={create.error ?? update.error} />
      <div className="actions">
        <button type="button" className="secondary" onClick={onDone}>
          Hủy
        </button>
        <button type="submit" disabled={pending}>
          {editing ? 'Lưu' : 'Thêm người dùng'}
        </button>
      </div>
    </form>
  );
}

export function UsersPage() {
  const users = useApiQuery('users.list', {});
  const [editing, setEditing] = useState<Draft | null>(null);
  const edit = (u: User) => setEditing({ ...u, password: '' });
  return (
    <div className="page">
      <div className="page-header row">
        <h1>Người dùng</h1>
        {!editing && <button onClick={() => setEditing(blank)}>Thêm người dùng</button>}
      </div>
      {editing && <UserForm key={editing.id ?? 'new'} initial={editing} onDone={() => setEditing(null)} />}
      <ErrorBanner error={users.error} />
      <table className="grid">
        <thead>
          <tr>
            <th>Họ và tên</th>
            <th>Tên đăng nhập</th>
            <th>Vai trò</th>
            <th>Chức vụ / thẩm quyền ký</th>
            <th>Trạng thái</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {users.data?.map((u) => (
            <tr key={u.id}>
              <td>{u.fullName}</td>
              <td>{u.username}</td>
              <td>{u.roles.map((r) => roleLabels[r]).join(', ')}</td>
              <td>{[u.signingAuthority, u.title].filter(Boolean).join(' – ')}</td>
              <td>{u.active ? 'Hoạt động' : 'Đã khóa'}</td>
              <td>
                <button className="link" onClick={() => edit(u)}>
                  Sửa
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
