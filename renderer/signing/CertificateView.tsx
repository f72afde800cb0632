import type { CertificateSummary } from '../../shared/domain/signing/certificate.ts';

const day = (iso: string) => {
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getDate())}/${p(d.getMonth() + 1)}/${d.getFullYear()}`;
};

/** A certificate as a person checks it: who, issued by whom, serial, validity, and "chỉ dùng thử". */
export function CertificateView({ certificate }: { certificate: CertificateSummary }) {
  return (
    <dl className="certificate">
      <dt>Chủ thể</dt>
      <dd>
        {certificate.subject} {certificate.trial && <span className="badge badge-trial">chỉ dùng thử</span>}
      </dd>
      <dt>Tổ chức cấp</dt>
      <dd>{certificate.issuer}</dd>
      <dt>Số hiệu</dt>
      <dd>
        <code>{certificate.serialNumber}</code>
      </dd>
      <dt>Hiệu lực</dt>
      <dd>
        {day(certificate.notBefore)} – {day(certificate.notAfter)}
      </dd>
      <dt>Khóa</dt>
      <dd>{certificate.publicKey}</dd>
    </dl>
  );
}
