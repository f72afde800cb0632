import { useState } from 'react';
import { ErrorBanner, SuccessBanner } from '../components/Field.tsx';
import { readFileAsBase64 } from '../components/files.ts';
import { useApiMutation, useApiQuery } from '../queries.ts';
import { IdentityPanel } from './IdentityPanel.tsx';
import { PngUpload } from './PngUpload.tsx';

const day = (iso: string) =>
  new Date(iso).toLocaleDateString('vi-VN', { day: '2-digit', month: '2-digit', year: 'numeric' });

/** "Chữ ký số của cơ quan" (quản trị): the organisation's identity, its seal, the trusted roots. */
export function OrganizationSigningPage() {
  const org = useApiQuery('signing.organization', {});
  const seal = useApiMutation('signing.organization.setSeal');
  const addRoot = useApiMutation('signing.trustedRoots.add');
  const removeRoot = useApiMutation('signing.trustedRoots.remove');
  const [diameter, setDiameter] = useState<string | null>(null);
  const [pending, setPending] = useState<string | null>(null);
  if (org.isPending) return <p className="muted">Đang tải…</p>;
  if (org.isError) return <ErrorBanner error={org.error} />;
  const current = seal.data ?? org.data.seal;
  const mm = diameter ?? String(current?.diameterMm ?? 36);
  return (
    <div className="page">
      <h1>Chữ ký số của cơ quan</h1>
      <p className="muted">
        Văn thư ký bằng chứng thư này khi ban hành văn bản (sau khi thêm số, ngày và hình dấu), và khi ký gói
        gửi Sở Khoa học và Công nghệ.
      </p>
      <IdentityPanel scope="organization" identity={org.data.identity} />

      <h2>Hình con dấu</h2>
      <p className="muted">
        Ảnh PNG con dấu màu đỏ trên nền trong suốt, in đúng kích thước thật của con dấu.
      </p>
      <PngUpload
        id="seal-image"
        label="Tệp hình con dấu (.png)"
        current={current}
        onFile={(dataBase64) => {
          setPending(dataBase64);
          seal.mutate({ dataBase64, diameterMm: Number(mm) });
        }}
      >
        <div className="field number-field">
          <label htmlFor="seal-mm">Đường kính con dấu (mm)</label>
          <input
            id="seal-mm"
            type="number"
            min={20}
            max={60}
            step={0.5}
            value={mm}
            onChange={(e) => setDiameter(e.target.value)}
          />
        </div>
        {current && (
          <button
            type="button"
            className="secondary"
            disabled={seal.isPending}
            onClick={() => seal.mutate({ dataBase64: pending ?? current.dataBase64, diameterMm: Number(mm) })}
          >
            Lưu đường kính
          </button>
        )}
        <ErrorBanner error={seal.error} />
        {seal.isSuccess && <SuccessBanner>Đã lưu hình con dấu ({seal.data.diameterMm} mm).</SuccessBanner>}
      </PngUpload>

      <h2>Chứng thư gốc được tin cậy</h2>
      <p className="muted">
        Chữ ký chỉ được coi là hợp lệ khi chuỗi chứng thư của nó nối tới một gốc trong danh sách này (ví dụ
        chứng thư gốc của Ban Cơ yếu Chính phủ, tệp .cer/.crt/.pem).
      </p>
      {org.data.trustedRoots.length === 0 ? (
        <p className="info-banner">
          Chưa có chứng thư gốc nào: mọi chữ ký sẽ được báo &quot;chứng thư chưa được tin cậy&quot;.
        </p>
      ) : (
        <table className="reports-table">
          <thead>
            <tr>
              <th>Chứng thư gốc</th>
              <th>Hết hạn</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {org.data.trustedRoots.map((r) => (
              <tr key={r.sha256}>
                <td>
                  {r.subject}
                  <div className="hint">SHA-256 {r.sha256}</div>
                </td>
                <td>{day(r.notAfter)}</td>
                <td>
                  <button
                    type="button"
                    className="secondary"
                    onClick={() => removeRoot.mutate({ sha256: r.sha256 })}
                  >
                    Bỏ
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="field file-field">
        <label htmlFor="root-file">Thêm chứng thư gốc</label>
        <input
          id="root-file"
          type="file"
          accept=".cer,.crt,.pem,.der"
          onChange={async (e) => {
            const f = e.target.files?.[0];
            if (f) addRoot.mutate({ fileName: f.name, dataBase64: await readFileAsBase64(f) });
          }}
        />
      </div>
      <ErrorBanner error={addRoot.error ?? removeRoot.error} />
    </div>
  );
}
