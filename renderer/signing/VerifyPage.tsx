import { useState } from 'react';
import type { SignatureCheck, VerificationReport } from '../../shared/domain/signing/verification.ts';
import { ErrorBanner } from '../components/Field.tsx';
import { readFileAsBase64 } from '../components/files.ts';
import { useApiMutation } from '../queries.ts';
import { CertificateView } from './CertificateView.tsx';

const statusText: Record<SignatureCheck['status'], string> = {
  valid: 'Hợp lệ',
  untrusted: 'Chữ ký đúng, chứng thư chưa được tin cậy',
  invalid: 'Không hợp lệ',
};
const verdictClass: Record<VerificationReport['verdict'], string> = {
  valid: 'success-banner',
  untrusted: 'info-banner',
  invalid: 'error-banner',
  unsigned: 'info-banner',
  unreadable: 'error-banner',
};

function SignatureCard({ s }: { s: SignatureCheck }) {
  return (
    <div className={`card signature-${s.status}`}>
      <div className="card-title">
        Chữ ký {s.index} ({s.source}): {statusText[s.status]}
      </div>
      {s.signer && <CertificateView certificate={s.signer} />}
      <dl className="certificate">
        {s.signingTime && (
          <>
            <dt>Thời điểm ký</dt>
            <dd>{s.signingTime}</dd>
          </>
        )}
        {s.reason && (
          <>
            <dt>Lý do</dt>
            <dd>{s.reason}</dd>
          </>
        )}
        {s.format !== 'CMS' && (
          <>
            <dt>Phạm vi</dt>
            <dd>{s.coversWholeFile ? 'Toàn bộ tệp' : 'Không phải toàn bộ tệp: có phần thêm sau khi ký'}</dd>
          </>
        )}
      </dl>
      {s.changesAfter && (
        <div>
          <strong>
            Sau chữ ký này, tệp được {s.changesAfter.allowed ? 'thêm (được phép)' : 'sửa KHÔNG được phép'}:
          </strong>
          <ul>
            {s.changesAfter.items.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
        </div>
      )}
      <ul>
        {s.messages.map((m) => (
          <li key={m}>{m}</li>
        ))}
      </ul>
    </div>
  );
}

/** "Kiểm tra chữ ký": any PDF or package (.zip), also one received from another agency. */
export function VerifyPage() {
  const verify = useApiMutation('signing.verify');
  const [readError, setReadError] = useState<Error | null>(null);
  const report = verify.data;
  return (
    <div className="page">
      <h1>Kiểm tra chữ ký</h1>
      <p className="muted">
        Chọn một tệp PDF đã ký hoặc một gói văn bản (.zip có manifest.json và manifest.p7s). BaoCao cho biết
        ai ký, lúc nào, bằng chứng thư nào, tệp có bị sửa sau khi ký không và chứng thư có nối tới gốc được
        tin cậy không.
      </p>
      <div className="field file-field">
        <label htmlFor="verify-file">Tệp cần kiểm tra</label>
        <input
          id="verify-file"
          type="file"
          accept=".pdf,.zip"
          onChange={async (e) => {
            const f = e.target.files?.[0];
            if (!f) return;
            try {
              setReadError(null);
              verify.mutate({ fileName: f.name, dataBase64: await readFileAsBase64(f) });
            } catch (err) {
              setReadError(err as Error);
            }
          }}
        />
      </div>
      {verify.isPending && <p className="muted">Đang kiểm tra…</p>}
      <ErrorBanner error={readError ?? verify.error} />
      {report && (
        <section aria-label="Kết quả kiểm tra">
          <div className={verdictClass[report.verdict]} role="status">
            {report.summary}
          </div>
          {report.signatures.map((s) => (
            <SignatureCard key={`${s.source}-${s.index}`} s={s} />
          ))}
          {report.files.length > 0 && (
            <ul aria-label="Các tệp trong gói">
              {report.files.map((f) => (
                <li key={f.name} className={f.ok ? '' : 'field-error'}>
                  {f.message}
                </li>
              ))}
            </ul>
          )}
          {report.problems
            .filter((p) => p !== report.summary)
            .map((p) => (
              <p key={p} className="field-error">
                {p}
              </p>
            ))}
        </section>
      )}
    </div>
  );
}
