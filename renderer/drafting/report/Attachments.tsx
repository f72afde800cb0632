import { useId, useRef, useState } from 'react';
import { ConfirmRemove } from '../../components/ConfirmRemove.tsx';
import type { Attachment } from '../../../shared/domain/reports/reportContent.ts';
import { call } from '../../api.ts';
import { ErrorBanner } from '../../components/Field.tsx';
import { readFileAsBase64, saveFile } from '../../components/files.ts';
import { useApiMutation } from '../../queries.ts';
import { fileSize, vietnamDateTime } from '../format.ts';

interface Props {
  documentId: string;
  attachments: readonly Attachment[];
  readOnly: boolean;
}

/** "PDF", "Word", … : the kind of a file in words a clerk uses. */
function typeLabel(a: Attachment): string {
  const ext = a.name.includes('.') ? a.name.split('.').pop()!.toUpperCase() : '';
  const byMime: Record<string, string> = {
    'application/pdf': 'PDF',
    'application/msword': 'Word',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word',
    'application/vnd.ms-excel': 'Excel',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel',
    'image/png': 'Ảnh PNG',
    'image/jpeg': 'Ảnh JPEG',
  };
  return byMime[a.mime] ?? (ext || a.mime);
}

function AttachmentRow({
  documentId,
  a,
  readOnly,
}: {
  documentId: string;
  a: Attachment;
  readOnly: boolean;
}) {
  const [error, setError] = useState<string | null>(null);
  const [opening, setOpening] = useState(false);
  const remove = useApiMutation('attachments.remove');

  const download = async () => {
    setOpening(true);
    setError(null);
    try {
      const file = await call('attachments.get', { documentId, sha256: a.sha256 });
      saveFile({ fileName: file.name, mime: file.mime, dataBase64: file.dataBase64 });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setOpening(false);
    }
  };

  return (
    <tr data-testid="attachment">
      <td>
        {a.name}
        {(error || remove.error) && <div className="field-error">{error ?? remove.error?.message}</div>}
      </td>
      <td className="num">{fileSize(a.size)}</td>
      <td>{typeLabel(a)}</td>
      <td>{vietnamDateTime(a.addedAt)}</td>
      <td>
        <div className="row-actions">
          <button type="button" className="secondary small" disabled={opening} onClick={download}>
            Tải về
          </button>
          {!readOnly && (
            <ConfirmRemove
              disabled={remove.isPending}
              onConfirm={() => remove.mutate({ documentId, sha256: a.sha256 })}
            />
          )}
        </div>
      </td>
    </tr>
  );
}

/** Evidence files: listed with name, size and type; added from disk, stored under their SHA-256. */
export function Attachments({ documentId, attachments, readOnly }: Props) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const add = useApiMutation('attachments.add');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const onFiles = async (files: FileList | null) => {
    if (!files?.length) return;
    setError(null);
    add.reset();
    for (const file of Array.from(files)) {
      setBusy(file.name);
      try {
        const dataBase64 = await readFileAsBase64(file);
        await add.mutateAsync({ documentId, name: file.name, dataBase64 });
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        setError(message.includes(file.name) ? message : `${file.name}: ${message}`);
        break;
      }
    }
    setBusy(null);
    if (input.current) input.current.value = '';
  };

  return (
    <div>
      {attachments.length === 0 ? (
        <p className="muted">Chưa có tệp minh chứng nào.</p>
      ) : (
        <table className="grid attachments-table">
          <thead>
            <tr>
              <th>Tên tệp</th>
              <th>Dung lượng</th>
              <th>Loại</th>
              <th>Thêm lúc</th>
              <th></th>
            </tr>
          </thead>
          <tbody>
            {attachments.map((a) => (
              <AttachmentRow key={a.sha256} documentId={documentId} a={a} readOnly={readOnly} />
            ))}
          </tbody>
        </table>
      )}
      {!readOnly && (
        <div className="field file-field">
          <label htmlFor={id} className="file-button">
            Thêm tệp minh chứng…
          </label>
          <input
            ref={input}
            id={id}
            type="file"
            className="file-input"
            aria-label="Thêm tệp minh chứng"
            multiple
            disabled={busy !== null}
            onChange={(e) => void onFiles(e.target.files)}
          />
          <div className="hint">
            {busy
              ? `Đang tải lên "${busy}"…`
              : 'Văn bản, bảng tính, ảnh chụp… làm minh chứng cho kết quả báo cáo.'}
          </div>
        </div>
      )}
      {error && <ErrorBanner error={{ message: error }} />}
    </div>
  );
}
