import { useState } from 'react';
import { call, type ApiError } from '../api.ts';
import { ErrorBanner } from '../components/Field.tsx';
import { saveFile } from '../components/files.ts';
import { navigate } from '../drafting/useDocumentQuery.ts';

type Kind = 'word' | 'pdf' | 'excel';

interface Props {
  documentId: string;
  /** Stores pending edits first, so the file holds what the clerk sees on screen. */
  flush: () => Promise<unknown>;
}

/** Preview, "Xuất Word", "Xuất PDF" and "Xuất Excel" for a plan or a report. */
export function DocumentActions({ documentId, flush }: Props) {
  const [busy, setBusy] = useState<Kind | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const exportFile = async (kind: Kind) => {
    setBusy(kind);
    setError(null);
    try {
      await flush();
      saveFile(
        kind === 'word'
          ? await call('documents.renderDocx', { id: documentId })
          : kind === 'pdf'
            ? await call('documents.renderPdf', { id: documentId })
            : await call('spreadsheets.export', { id: documentId, what: 'document' }),
      );
    } catch (e) {
      setError(e as ApiError);
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="document-actions">
      <button
        type="button"
        className="secondary"
        onClick={() => void flush().then(() => navigate(`/preview/${encodeURIComponent(documentId)}`))}
      >
        Xem trước văn bản
      </button>
      <button
        type="button"
        className="secondary"
        disabled={busy !== null}
        onClick={() => void exportFile('word')}
      >
        {busy === 'word' ? 'Đang tạo tệp…' : 'Xuất Word'}
      </button>
      <button
        type="button"
        className="secondary"
        disabled={busy !== null}
        onClick={() => void exportFile('pdf')}
      >
        {busy === 'pdf' ? 'Đang tạo tệp…' : 'Xuất PDF'}
      </button>
      <button
        type="button"
        className="secondary"
        disabled={busy !== null}
        onClick={() => void exportFile('excel')}
      >
        {busy === 'excel' ? 'Đang tạo tệp…' : 'Xuất Excel'}
      </button>
      <ErrorBanner error={error} />
    </div>
  );
}
