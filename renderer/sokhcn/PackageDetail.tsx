import { useEffect, useState } from 'react';
import type { ReportIndicator } from '../../shared/domain/reports/reportContent.ts';
import { packageStatusLabels } from '../../shared/intake/schemas.ts';
import { call, type ApiError } from '../api.ts';
import { ErrorBanner } from '../components/Field.tsx';
import { base64ToArrayBuffer, saveFile } from '../components/files.ts';
import { PdfView } from '../documents/PdfView.tsx';
import { useApiMutation, useApiQuery } from '../queries.ts';
import { vietnamInstant } from './format.ts';

const trustLabels: Record<string, string> = {
  trusted: 'tin cậy',
  untrusted: 'chưa tin cậy (chứng thư gốc chưa được khai báo trên máy này)',
  expired: 'chứng thư hết hạn',
  bad: 'chứng thư không hợp lệ',
};

function figureOf(v: ReportIndicator['values'][number]): string {
  if (v.count !== null) return String(v.count);
  if (v.done !== null) return v.done ? 'Có' : 'Không';
  if (v.numerator !== null && v.denominator !== null) return `${v.numerator}/${v.denominator}`;
  return '';
}

/** The figures inside the package's document JSON. */
function Figures({ packageId, name }: { packageId: string; name: string }) {
  const [indicators, setIndicators] = useState<ReportIndicator[] | null>(null);
  useEffect(() => {
    let live = true;
    void call('sokhcn.file', { packageId, name }).then(
      (f) => {
        try {
          const doc = JSON.parse(new TextDecoder().decode(base64ToArrayBuffer(f.dataBase64))) as {
            content?: { indicators?: ReportIndicator[] };
          };
          if (live) setIndicators(doc.content?.indicators ?? []);
        } catch {
          if (live) setIndicators([]);
        }
      },
      () => live && setIndicators([]),
    );
    return () => {
      live = false;
    };
  }, [packageId, name]);
  if (!indicators) return <p className="muted">Đang đọc số liệu…</p>;
  if (!indicators.length) return null;
  return (
    <table className="grid" data-testid="package-figures">
      <thead>
        <tr>
          <th>Chỉ tiêu</th>
          <th>Đại lượng</th>
          <th>Số liệu</th>
        </tr>
      </thead>
      <tbody>
        {indicators.flatMap((ind) =>
          ind.values.map((v) => (
            <tr key={`${ind.code}-${v.measure}`}>
              <td>{ind.code}</td>
              <td>{v.measure}</td>
              <td className="num">{figureOf(v)}</td>
            </tr>
          )),
        )}
      </tbody>
    </table>
  );
}

/** One package opened: the signed PDF, this computer's check of its signature, the figures, the decision. */
export function PackageDetail({ packageId, onClose }: { packageId: string; onClose: () => void }) {
  const detail = useApiQuery('sokhcn.package', { packageId });
  const decide = useApiMutation('sokhcn.decide');
  const [reason, setReason] = useState('');
  const [pdf, setPdf] = useState<ArrayBuffer | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const pdfName = detail.data?.pdfName ?? null;
  useEffect(() => {
    if (!pdfName) return;
    let live = true;
    void call('sokhcn.file', { packageId, name: pdfName }).then(
      (f) => live && setPdf(base64ToArrayBuffer(f.dataBase64)),
      (e: ApiError) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [packageId, pdfName]);
  if (detail.isPending) return <div className="panel">Đang mở gói…</div>;
  if (detail.isError) return <ErrorBanner error={detail.error} />;
  const { package: p, pdfCheck } = detail.data;
  const documentFile = p.files.find((f) => f.role === 'document');
  return (
    <div className="panel package-detail" role="dialog" aria-label={`Gói của ${p.organization.name}`}>
      <header className="page-header row">
        <h2>
          {p.document.title} — {p.organization.name}
        </h2>
        <button type="button" className="secondary" onClick={onClose}>
          Đóng
        </button>
      </header>
      <dl className="facts">
        <dt>Số, ký hiệu</dt>
        <dd>{p.document.number}</dd>
        <dt>Sở nhận lúc</dt>
        <dd>{vietnamInstant(p.receivedAt)}</dd>
        <dt>Trạng thái</dt>
        <dd data-testid="package-status">
          {packageStatusLabels[p.status]}
          {p.statusReason ? ` — ${p.statusReason}` : ''}
        </dd>
        {p.replaces && (
          <>
            <dt>Thay thế gói</dt>
            <dd>
              {p.replaces.packageId} (lý do: {p.replaces.reason})
            </dd>
          </>
        )}
        <dt>Cơ quan ký gói</dt>
        <dd>{p.signer.subject}</dd>
        <dt>Kiểm tra khi nhận</dt>
        <dd>
          {p.verification.length ? p.verification.join('; ') : 'Chữ ký số và mã băm của mọi tệp hợp lệ'}
        </dd>
      </dl>
      {pdfCheck && (
        <div className="signature-check" data-testid="signature-check">
          <h3>Chữ ký số trên văn bản PDF (kiểm tra trên máy này)</h3>
          <p>{pdfCheck.summary}</p>
          <ul>
            {pdfCheck.signatures.map((s) => (
              <li key={s.index}>
                {s.signer?.commonName ?? s.signer?.subject ?? 'Không rõ người ký'}
                {s.signingTime ? `, ký lúc ${vietnamInstant(s.signingTime)}` : ''}; chứng thư{' '}
                {trustLabels[s.trust] ?? s.trust}
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="document-actions">
        {p.files.map((f) => (
          <button
            key={f.name}
            type="button"
            className="link"
            onClick={() =>
              void call('sokhcn.file', { packageId, name: f.name }).then(saveFile, (e: ApiError) =>
                setError(e),
              )
            }
          >
            Tải {f.name}
          </button>
        ))}
      </div>
      <ErrorBanner error={error} />
      {p.status !== 'returned' && (
        <form
          className="decision-form"
          onSubmit={(e) => {
            e.preventDefault();
            decide.mutate({ packageId, decision: 'returned', reason });
          }}
        >
          <button
            type="button"
            disabled={decide.isPending || p.status === 'accepted'}
            onClick={() => decide.mutate({ packageId, decision: 'accepted' })}
          >
            Tiếp nhận
          </button>
          <label className="inline-field">
            Lý do trả lại <input value={reason} onChange={(e) => setReason(e.target.value)} size={50} />
          </label>
          <button type="submit" className="danger" disabled={decide.isPending || !reason.trim()}>
            Trả lại
          </button>
        </form>
      )}
      <ErrorBanner error={decide.error} />
      {documentFile && <Figures packageId={packageId} name={documentFile.name} />}
      {pdf && <PdfView data={pdf} label="Văn bản PDF của gói" scale={0.9} />}
    </div>
  );
}
