import { useMemo, useState } from 'react';
import { ErrorBanner } from '../components/Field.tsx';
import { base64ToArrayBuffer, saveFile } from '../components/files.ts';
import { useApiQuery } from '../queries.ts';
import { DocxPreview } from './DocxPreview.tsx';
import { PdfView } from './PdfView.tsx';

type Format = 'word' | 'pdf';

/**
 * The official document exactly as exported, page by page, before the clerk saves or prints it:
 * the .docx (drawn by docx-preview) or the PDF (drawn by pdf.js from the very bytes "Xuất PDF"
 * saves), chosen with the Word / PDF switch.
 */
export function PreviewPage({ id }: { id: string }) {
  const [format, setFormat] = useState<Format>('pdf');
  const docx = useApiQuery('documents.renderDocx', { id });
  const pdf = useApiQuery('documents.renderPdf', { id });
  const file = format === 'word' ? docx : pdf;
  const data = useMemo(() => (file.data ? base64ToArrayBuffer(file.data.dataBase64) : null), [file.data]);
  return (
    <div className="page preview-page">
      <div className="page-header row">
        <div>
          <h1>Xem trước văn bản</h1>
          {file.data && <div className="muted">{file.data.fileName}</div>}
        </div>
        <div className="document-actions">
          <div className="segmented" role="group" aria-label="Định dạng xem trước">
            {(
              [
                ['word', 'Word'],
                ['pdf', 'PDF'],
              ] as const
            ).map(([value, text]) => (
              <button
                key={value}
                type="button"
                className={format === value ? undefined : 'secondary'}
                aria-pressed={format === value}
                onClick={() => setFormat(value)}
              >
                {text}
              </button>
            ))}
          </div>
          <button type="button" className="secondary" onClick={() => window.history.back()}>
            Quay lại
          </button>
          <button type="button" disabled={!docx.data} onClick={() => docx.data && saveFile(docx.data)}>
            Xuất Word
          </button>
          <button type="button" disabled={!pdf.data} onClick={() => pdf.data && saveFile(pdf.data)}>
            Xuất PDF
          </button>
        </div>
      </div>
      <ErrorBanner error={file.error} />
      {file.isPending && <p className="muted">Đang tạo văn bản…</p>}
      {data && format === 'word' && <DocxPreview data={data} />}
      {data && format === 'pdf' && <PdfView data={data} label="Bản xem trước PDF" />}
    </div>
  );
}
