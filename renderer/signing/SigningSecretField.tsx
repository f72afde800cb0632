import type { IdentitySummary } from '../../shared/api/signing.ts';

/**
 * What opens a digital signature for one signing: the USB token's PIN, or the password that
 * protects a .p12 or trial key. Typed for each signing, never kept (not even in this form after
 * the call): the token or key is closed again as soon as the document is signed.
 */
export function SigningSecretField({
  id,
  identity,
  value,
  onChange,
  whose,
}: {
  id: string;
  identity: IdentitySummary;
  value: string;
  onChange: (v: string) => void;
  /** "của bạn" or "của cơ quan", for the hint. */
  whose: string;
}) {
  const isToken = identity.kind === 'pkcs11';
  return (
    <div className="field">
      <label htmlFor={id}>{isToken ? 'Mã PIN của USB token' : 'Mật khẩu khóa ký'}</label>
      <input
        id={id}
        type="password"
        autoComplete="off"
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
      <div className="hint">
        Ký bằng chữ ký số {whose}: {identity.label} (
        {identity.certificate.commonName ?? identity.certificate.subject})
        {isToken ? ' — cắm USB token vào máy trước khi ký.' : '.'}
      </div>
    </div>
  );
}

/** The secret in the shape the contract wants for this identity. */
export const secretFor = (identity: IdentitySummary | null, value: string) =>
  identity ? (identity.kind === 'pkcs11' ? { pin: value } : { password: value }) : undefined;
