import { useId, useState } from 'react';
import type { MethodInput } from '../../shared/api.ts';
import { auditGroupKeys, auditGroups, type AuditGroup } from '../../shared/domain/audit/auditLabels.ts';
import { DateField } from '../components/DateField.tsx';
import { ErrorBanner } from '../components/Field.tsx';
import { screenDateTime } from '../maintenance/format.ts';
import { useApiQuery } from '../queries.ts';
import { AuditChainStatus } from './AuditIntegrity.tsx';

type Filters = Omit<MethodInput<'audit.list'>, 'before' | 'limit'>;

const PAGE_SIZE = 50;
const collator = new Intl.Collator('vi');

/** One page of entries as rows; the last page shown offers "Xem thêm" while there are more. */
function AuditRows({
  filters,
  before,
  last,
  onMore,
}: {
  filters: Filters;
  before: number | undefined;
  last: boolean;
  onMore: (cursor: number) => void;
}) {
  const page = useApiQuery('audit.list', { ...filters, limit: PAGE_SIZE, ...(before ? { before } : {}) });
  if (page.isPending) {
    return (
      <tbody>
        <tr>
          <td colSpan={4} className="muted">
            Đang tải…
          </td>
        </tr>
      </tbody>
    );
  }
  if (page.isError) {
    return (
      <tbody>
        <tr>
          <td colSpan={4}>
            <ErrorBanner error={page.error} />
          </td>
        </tr>
      </tbody>
    );
  }
  const { entries, nextCursor } = page.data;
  return (
    <tbody>
      {entries.length === 0 && before === undefined && (
        <tr>
          <td colSpan={4} className="muted">
            Không có thao tác nào khớp với điều kiện lọc.
          </td>
        </tr>
      )}
      {entries.map((e) => (
        <tr key={e.seq} data-testid="audit-entry">
          <td className="audit-time">{screenDateTime(e.at, { seconds: true })}</td>
          <td className="audit-person">
            {e.userFullName ?? <span className="muted">Không rõ</span>}
            {e.username && <div className="muted">{e.username}</div>}
          </td>
          <td>{e.label}</td>
          <td>{e.summary}</td>
        </tr>
      ))}
      {last && nextCursor !== null && (
        <tr>
          <td colSpan={4} className="audit-more">
            <button type="button" className="secondary" onClick={() => onMore(nextCursor)}>
              Xem thêm
            </button>
          </td>
        </tr>
      )}
    </tbody>
  );
}

/**
 * "Nhật ký hoạt động": who did what and when, newest first, for the administrator. The chain's
 * last check is shown above; the check itself ("Kiểm tra toàn vẹn") stays on "Thông tin cơ quan".
 */
export function AuditLogPage() {
  const status = useApiQuery('audit.status', {});
  const users = useApiQuery('users.list', {});
  const [filters, setFilters] = useState<Filters>({});
  // The cursors of the pages shown after the first, in order; any change of filter starts over.
  const [cursors, setCursors] = useState<number[]>([]);
  const groupId = useId();
  const userId = useId();
  const change = (next: Filters) => {
    setFilters(next);
    setCursors([]);
  };
  const set = <K extends keyof Filters>(key: K, value: Filters[K] | '') => {
    const next = { ...filters };
    if (value === '' || value === undefined) delete next[key];
    else next[key] = value as Filters[K];
    change(next);
  };
  const people = [...(users.data ?? [])].sort((a, b) => collator.compare(a.fullName, b.fullName));
  const reversed = Boolean(filters.from && filters.to && filters.from > filters.to);
  const pages = [undefined, ...cursors];

  return (
    <div className="page">
      <header className="page-header">
        <h1>Nhật ký hoạt động</h1>
      </header>
      {status.data && <AuditChainStatus check={status.data} />}
      <p className="muted">
        Mọi thao tác trong ứng dụng đều được ghi lại và không thể sửa hay xóa. Kiểm tra toàn vẹn, đối chiếu
        với bản sao lưu hoặc gói đã gửi ở trang <a href="#/settings">Thông tin cơ quan</a>.
      </p>
      <div className="filters audit-filters">
        <div className="field">
          <label htmlFor={groupId}>Thao tác</label>
          <select
            id={groupId}
            value={filters.group ?? ''}
            onChange={(e) => set('group', e.target.value as AuditGroup | '')}
          >
            <option value="">Tất cả thao tác</option>
            {auditGroupKeys.map((g) => (
              <option key={g} value={g}>
                {auditGroups[g]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={userId}>Người thực hiện</label>
          <select id={userId} value={filters.userId ?? ''} onChange={(e) => set('userId', e.target.value)}>
            <option value="">Tất cả mọi người</option>
            {people.map((u) => (
              <option key={u.id} value={u.id}>
                {u.fullName} ({u.username}){u.active ? '' : ', đã khóa'}
              </option>
            ))}
          </select>
        </div>
        <DateField label="Từ ngày" value={filters.from ?? ''} onChange={(v) => set('from', v)} />
        <DateField
          label="Đến ngày"
          value={filters.to ?? ''}
          onChange={(v) => set('to', v)}
          error={reversed ? 'Từ ngày phải trước hoặc cùng ngày với Đến ngày' : undefined}
        />
      </div>
      <ErrorBanner error={users.error} />
      <table className="grid audit-table" data-testid="audit-log">
        <thead>
          <tr>
            <th>Thời gian</th>
            <th>Người thực hiện</th>
            <th>Thao tác</th>
            <th>Nội dung</th>
          </tr>
        </thead>
        {!reversed &&
          pages.map((before, i) => (
            <AuditRows
              key={before ?? 'first'}
              filters={filters}
              before={before}
              last={i === pages.length - 1}
              onMore={(cursor) => setCursors((c) => [...c, cursor])}
            />
          ))}
      </table>
    </div>
  );
}
