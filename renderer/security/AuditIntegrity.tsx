import { useState } from 'react';
import type { AuditCheck } from '../../shared/api/audit.ts';
import { auditActionLabel } from '../../shared/domain/audit/auditLabels.ts';
import { ErrorBanner, SuccessBanner, TextField } from '../components/Field.tsx';
import { useApiMutation, useApiQuery } from '../queries.ts';

const pad = (n: number) => String(n).padStart(2, '0');
/** "08:05 04/05/2026", Vietnam time. */
function shownTime(iso: string | null): string {
  const ms = iso ? Date.parse(iso) : NaN;
  if (Number.isNaN(ms)) return '';
  const d = new Date(ms + 7 * 3_600_000);
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} ${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}

function brokenText(check: AuditCheck): string {
  const b = check.broken!;
  const where =
    b.seq !== null
      ? `mục số ${b.seq}${b.at ? `, lúc ${shownTime(b.at)}` : ''}${b.action ? `, ${auditActionLabel(b.action)}` : ''}: `
      : '';
  return `${where}${b.problem}`;
}

/** On every page, for the administrator, while the chain is broken. */
export function AuditWarning() {
  const status = useApiQuery('audit.status', {});
  if (!status.data || status.data.ok) return null;
  return (
    <div className="audit-warning" role="alert" data-testid="audit-warning">
      <strong>Cảnh báo: nhật ký hoạt động đã bị thay đổi ngoài ứng dụng.</strong> {brokenText(status.data)}.
      Hãy giữ nguyên dữ liệu, không xóa hay sửa thêm, và báo ngay cho lãnh đạo cơ quan và bộ phận phụ trách an
      toàn thông tin; có thể đối chiếu với bản sao lưu hoặc với gói đã gửi Sở Khoa học và Công nghệ.
    </div>
  );
}

/** "Kiểm tra toàn vẹn" in the administrator's settings. */
export function AuditPanel() {
  const status = useApiQuery('audit.status', {});
  const verify = useApiMutation('audit.verify');
  const [headHash, setHeadHash] = useState('');
  const [entryCount, setEntryCount] = useState('');
  const result = verify.data ?? status.data;
  const withAnchor = headHash.trim() !== '' || entryCount.trim() !== '';
  return (
    <section className="panel settings-panel" aria-labelledby="audit-heading">
      <h2 id="audit-heading">Toàn vẹn nhật ký hoạt động</h2>
      <p className="muted">
        Mỗi thao tác được ghi vào nhật ký, mục sau nối với mục trước bằng mã kiểm tra, nên một mục bị sửa hay
        xóa ngoài ứng dụng sẽ bị phát hiện. Có thể đối chiếu thêm với mốc (mã băm cuối và số mục) ghi trong
        bản sao lưu hoặc gói đã gửi Sở Khoa học và Công nghệ.
      </p>
      <div className="field-row">
        <TextField label="Mã băm cuối của mốc (không bắt buộc)" value={headHash} onChange={setHeadHash} />
        <TextField label="Số mục của mốc" value={entryCount} onChange={setEntryCount} />
      </div>
      <div className="actions">
        <button
          type="button"
          disabled={verify.isPending}
          onClick={() =>
            verify.mutate(
              withAnchor
                ? { anchor: { headHash: headHash.trim().toLowerCase(), entryCount: Number(entryCount) } }
                : {},
            )
          }
        >
          Kiểm tra toàn vẹn
        </button>
      </div>
      <ErrorBanner error={verify.error} />
      {result &&
        (result.ok ? (
          <SuccessBanner>
            <span data-testid="audit-result">
              Nhật ký toàn vẹn ({result.anchor.entryCount} mục, kiểm tra lúc {shownTime(result.checkedAt)}).
              Mã băm cuối: <code>{result.anchor.headHash}</code>
            </span>
          </SuccessBanner>
        ) : (
          <div className="error-banner" role="alert" data-testid="audit-result">
            Nhật ký không toàn vẹn — {brokenText(result)}.
          </div>
        ))}
    </section>
  );
}

/** The last check in one line, above "Nhật ký hoạt động": the same words as the panel's result. */
export function AuditChainStatus({ check }: { check: AuditCheck }) {
  return check.ok ? (
    <SuccessBanner>
      <span data-testid="audit-chain-status">
        Lần kiểm tra gần nhất, lúc {shownTime(check.checkedAt)}: nhật ký toàn vẹn ({check.anchor.entryCount}{' '}
        mục khi kiểm tra).
      </span>
    </SuccessBanner>
  ) : (
    <div className="error-banner" role="alert" data-testid="audit-chain-status">
      Lần kiểm tra gần nhất, lúc {shownTime(check.checkedAt)}: nhật ký không toàn vẹn — {brokenText(check)}.
    </div>
  );
}
