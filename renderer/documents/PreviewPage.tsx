import { useMemo } from 'react';
import { ErrorBanner } from '../components/Field.tsx';
import { base64ToArrayBuffer, saveFile } from '../components/files.ts';
import { useApiQuery } from '../queries.ts';
import { DocxPreview } from './DocxPreview.tsx';

/** The official document exactly as exported, page by page, before the clerk saves or prints it. */
export function PreviewPage({ id }: { id: string }) {
  const file = useApiQuery('documents.renderDocx', { id });
  const data = useMemo(() => (file.data ? base64ToArrayBuffer(file.data.dataBase64) : null), [file.data]);
  return (
    <div className="page preview-page">
      <div className="page-header row">
        <div>
          <h1>Xem trước văn bản</h1>
          {file.data && <div className="muted">{file.data.fileName}</div>}
        </div>
        <div className="document-actions">
          <button type="button" className="secondary" onClick={() => window.history.back()}>
            Quay lại
          </button>
          <button type="button" disabled={!file.data} onClick={() => file.data && saveFile(file.data)}>
            Xuất Word
          </button>
        </div>
      </div>
      <ErrorBanner error={file.error} />
      {file.isPending && <p className="muted">Đang tạo văn bản…</p>}
      {data && <DocxPreview data={data} />}
    </div>
  );
}
