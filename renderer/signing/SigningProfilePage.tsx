import { ErrorBanner, SuccessBanner } from '../components/Field.tsx';
import { useApiMutation, useApiQuery } from '../queries.ts';
import { IdentityPanel } from './IdentityPanel.tsx';
import { PngUpload } from './PngUpload.tsx';

/** "Chữ ký số": the user's own identity (token, .p12 or trial) and signature image. */
export function SigningProfilePage() {
  const profile = useApiQuery('signing.profile', {});
  const image = useApiMutation('signing.setSignatureImage');
  if (profile.isPending) return <p className="muted">Đang tải…</p>;
  if (profile.isError) return <ErrorBanner error={profile.error} />;
  return (
    <div className="page">
      <h1>Chữ ký số</h1>
      <IdentityPanel scope="user" identity={profile.data.identity} />
      <h2>Hình chữ ký</h2>
      <p className="muted">
        Ảnh PNG chữ ký của bạn, nét màu xanh trên nền trong suốt; được đặt giữa chức vụ và họ tên khi bạn ký
        văn bản (Nghị định 30/2020, Phụ lục I).
      </p>
      <PngUpload
        id="signature-image"
        label="Tệp hình chữ ký (.png)"
        current={image.data ?? profile.data.signatureImage}
        onFile={(dataBase64) => image.mutate({ dataBase64 })}
      >
        <ErrorBanner error={image.error} />
        {image.isSuccess && <SuccessBanner>Đã lưu hình chữ ký.</SuccessBanner>}
      </PngUpload>
    </div>
  );
}
