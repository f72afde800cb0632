import { useState } from 'react';
import type { IdentitySummary } from '../../shared/api/signing.ts';
import { ErrorBanner, SuccessBanner, TextField } from '../components/Field.tsx';
import { readFileAsBase64 } from '../components/files.ts';
import { useApiMutation } from '../queries.ts';
import { call, type ApiError } from '../api.ts';
import { CertificateView } from './CertificateView.tsx';

type Scope = 'user' | 'organization';

/** The contract entries of one scope: the user's own identity or the organisation's. */
const methods = {
  user: {
    useToken: 'signing.useToken',
    importP12: 'signing.importP12',
    createTrial: 'signing.createTrial',
    remove: 'signing.removeIdentity',
    testSign: 'signing.testSign',
  },
  organization: {
    useToken: 'signing.organization.useToken',
    importP12: 'signing.organization.importP12',
    createTrial: 'signing.organization.createTrial',
    remove: 'signing.organization.removeIdentity',
    testSign: 'signing.organization.testSign',
  },
} as const;

const kindLabels: Record<IdentitySummary['kind'], string> = {
  pkcs11: 'USB token (PKCS#11)',
  pkcs12: 'Tệp chứng thư số .p12/.pfx',
  trial: 'Chữ ký dùng thử do BaoCao tạo',
};

/** Where vendor PKCS#11 libraries usually are, as a hint for the library path. */
const LIBRARY_HINT =
  'Tệp thư viện PKCS#11 của hãng cung cấp USB token, trên Windows thường trong C:\\Windows\\System32 (ví dụ tên có "pkcs11" hoặc "p11"); hỏi đơn vị cấp chứng thư nếu chưa rõ.';

function TokenChooser({ scope }: { scope: Scope }) {
  const [library, setLibrary] = useState('');
  const [tokens, setTokens] = useState<
    | { label: string; serialNumber: string; manufacturer: string; model: string; pinStatus: string | null }[]
    | null
  >(null);
  const [serial, setSerial] = useState('');
  const [certs, setCerts] = useState<
    | { id: string; label: string; certificate: IdentitySummary['certificate']; refusal: string | null }[]
    | null
  >(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const use = useApiMutation(methods[scope].useToken);

  const run = async (fn: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
    } catch (e) {
      setError(e as ApiError);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="panel" aria-label="USB token">
      <h3>USB token (PKCS#11)</h3>
      <TextField
        label="Đường dẫn thư viện PKCS#11"
        value={library}
        onChange={setLibrary}
        hint={LIBRARY_HINT}
      />
      <div className="actions">
        <button
          type="button"
          className="secondary"
          disabled={busy || !library.trim()}
          onClick={() =>
            run(async () => {
              setCerts(null);
              setTokens(await call('signing.tokens', { library }));
            })
          }
        >
          Tìm thiết bị
        </button>
      </div>
      {tokens && tokens.length === 0 && (
        <p className="muted">Không thấy thiết bị nào: hãy cắm USB token rồi tìm lại.</p>
      )}
      {tokens?.map((t) => (
        <div key={t.serialNumber} className="token-row">
          <span>
            <strong>{t.label}</strong> — {t.manufacturer} {t.model}, số sê-ri {t.serialNumber}
            {t.pinStatus && <span className="hint"> {t.pinStatus}</span>}
          </span>
          <button
            type="button"
            className="secondary"
            disabled={busy}
            onClick={() =>
              run(async () => {
                setSerial(t.serialNumber);
                setCerts(await call('signing.tokenCertificates', { library, tokenSerial: t.serialNumber }));
              })
            }
          >
            Xem chứng thư
          </button>
        </div>
      ))}
      {certs?.map((c) => (
        <div key={c.id} className="card">
          <div className="card-title">{c.label || c.certificate.commonName}</div>
          <CertificateView certificate={c.certificate} />
          {c.refusal ? (
            <p className="field-error">{c.refusal}</p>
          ) : (
            <button
              type="button"
              disabled={use.isPending}
              onClick={() => use.mutate({ library, tokenSerial: serial, certificateId: c.id })}
            >
              Dùng chứng thư này
            </button>
          )}
        </div>
      ))}
      <ErrorBanner error={error ?? use.error} />
    </div>
  );
}

function P12Import({ scope }: { scope: Scope }) {
  const [file, setFile] = useState<File | null>(null);
  const [password, setPassword] = useState('');
  const [readError, setReadError] = useState<Error | null>(null);
  const importP12 = useApiMutation(methods[scope].importP12);
  return (
    <form
      className="panel"
      aria-label="Tệp .p12"
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        if (!file) return;
        try {
          const dataBase64 = await readFileAsBase64(file);
          importP12.mutate(
            { fileName: file.name, dataBase64, password },
            { onSuccess: () => setPassword('') },
          );
        } catch (err) {
          setReadError(err as Error);
        }
      }}
    >
      <h3>Tệp chứng thư số (.p12, .pfx)</h3>
      <div className="field file-field">
        <label htmlFor={`p12-${scope}`}>Tệp .p12/.pfx</label>
        <input
          id={`p12-${scope}`}
          type="file"
          accept=".p12,.pfx"
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        />
      </div>
      <TextField
        label="Mật khẩu của tệp"
        type="password"
        value={password}
        onChange={setPassword}
        autoComplete="off"
        hint="Khóa được lưu mã hóa; mật khẩu này được hỏi lại mỗi lần ký và không được lưu."
      />
      <div className="actions">
        <button type="submit" disabled={!file || !password || importP12.isPending}>
          Nhập tệp .p12
        </button>
      </div>
      <ErrorBanner error={readError ?? importP12.error} />
    </form>
  );
}

function TrialCreate({ scope }: { scope: Scope }) {
  const [password, setPassword] = useState('');
  const create = useApiMutation(methods[scope].createTrial);
  return (
    <form
      className="panel"
      aria-label="Chữ ký dùng thử"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate({ password }, { onSuccess: () => setPassword('') });
      }}
    >
      <h3>Chữ ký dùng thử</h3>
      <p className="muted">
        BaoCao tự tạo một chứng thư số để làm quen với việc ký. Văn bản ký bằng chứng thư này luôn được ghi là
        &quot;chỉ dùng thử&quot; và không có giá trị pháp lý.
      </p>
      <TextField
        label="Mật khẩu bảo vệ khóa ký (ít nhất 8 ký tự)"
        type="password"
        value={password}
        onChange={setPassword}
        autoComplete="new-password"
      />
      <div className="actions">
        <button type="submit" className="secondary" disabled={create.isPending}>
          Tạo chữ ký dùng thử
        </button>
      </div>
      <ErrorBanner error={create.error} />
    </form>
  );
}

function TestSign({ scope, identity }: { scope: Scope; identity: IdentitySummary }) {
  const [secret, setSecret] = useState('');
  const test = useApiMutation(methods[scope].testSign);
  const isToken = identity.kind === 'pkcs11';
  return (
    <form
      noValidate
      aria-label="Ký thử"
      onSubmit={(e) => {
        e.preventDefault();
        test.mutate(isToken ? { pin: secret } : { password: secret }, { onSettled: () => setSecret('') });
      }}
    >
      <TextField
        label={isToken ? 'Mã PIN của thiết bị' : 'Mật khẩu bảo vệ khóa ký'}
        type="password"
        value={secret}
        onChange={(v) => {
          setSecret(v);
          test.reset();
        }}
        autoComplete="off"
      />
      <div className="actions">
        <button type="submit" className="secondary" disabled={!secret || test.isPending}>
          Ký thử
        </button>
      </div>
      <ErrorBanner error={test.error} />
      {test.data && <SuccessBanner>{test.data.message}</SuccessBanner>}
    </form>
  );
}

/** The identity a user (or the organisation) signs with, and the three ways to choose one. */
export function IdentityPanel({ scope, identity }: { scope: Scope; identity: IdentitySummary | null }) {
  const remove = useApiMutation(methods[scope].remove);
  return (
    <section aria-label="Chứng thư số đang dùng">
      {identity ? (
        <div className="card">
          <div className="card-title">
            {kindLabels[identity.kind]}
            {identity.kind === 'trial' ? '' : `: ${identity.label}`}{' '}
            {identity.certificate.trial && <span className="badge badge-trial">chỉ dùng thử</span>}
          </div>
          <CertificateView certificate={identity.certificate} />
          {identity.token && (
            <p className="muted">
              Thiết bị {identity.token.label} (số sê-ri {identity.token.serial}), thư viện{' '}
              {identity.token.library}. Mã PIN được hỏi mỗi lần ký và không bao giờ được lưu.
            </p>
          )}
          {identity.refusal && <p className="field-error">Chưa ký được: {identity.refusal}</p>}
          <TestSign scope={scope} identity={identity} />
          <div className="actions">
            <button
              type="button"
              className="secondary"
              disabled={remove.isPending}
              onClick={() => remove.mutate({})}
            >
              Bỏ chứng thư này
            </button>
          </div>
        </div>
      ) : (
        <p className="info-banner">Chưa chọn chữ ký số. Chọn một trong các cách dưới đây.</p>
      )}
      <h2>{identity ? 'Đổi chữ ký số' : 'Chọn chữ ký số'}</h2>
      <TokenChooser scope={scope} />
      <P12Import scope={scope} />
      <TrialCreate scope={scope} />
    </section>
  );
}
