import { useId, useRef, useState } from 'react';
import type { MethodOutput } from '../../shared/api.ts';
import { call, type ApiError } from '../api.ts';
import { ErrorBanner, SuccessBanner } from '../components/Field.tsx';
import { readFileAsBase64, saveFile } from '../components/files.ts';
import { useApiMutation } from '../queries.ts';

type Preview = MethodOutput<'spreadsheets.previewImport'>;

interface Props {
  documentId: string;
  /**
   * Stores the editor's pending edits and returns the revision they produced: the dry run compares
   * with, and the import applies over, exactly what the clerk sees.
   */
  prepare: () => Promise<number>;
  onApplied: () => void;
}

interface Chosen {
  fileName: string;
  dataBase64: string;
}

/**
 * Import of a filled Excel template into the report: choose a file, see the dry run (every change
 * and every problem, row by row), then "Áp dụng" applies all of it in one save, or nothing.
 */
export function ImportPanel({ documentId, prepare, onApplied }: Props) {
  const inputId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<{ message: string } | null>(null);
  const [busy, setBusy] = useState<'reading' | 'template' | null>(null);
  const [done, setDone] = useState<number | null>(null);
  const apply = useApiMutation('spreadsheets.applyImport');

  const choose = async (file: File | undefined) => {
    setPreview(null);
    setError(null);
    setDone(null);
    setChosen(null);
    if (!file) return;
    setBusy('reading');
    try {
      const next = { fileName: file.name, dataBase64: await readFileAsBase64(file) };
      setChosen(next);
      await prepare();
      setPreview(await call('spreadsheets.previewImport', { id: documentId, ...next }));
    } catch (e) {
      setError(e as ApiError);
    } finally {
      setBusy(null);
    }
  };

  const downloadTemplate = async () => {
    setError(null);
    setBusy('template');
    try {
      saveFile(await call('spreadsheets.export', { id: documentId, what: 'template' }));
    } catch (e) {
      setError(e as ApiError);
    } finally {
      setBusy(null);
    }
  };

  const applyNow = async () => {
    if (!chosen || !preview?.canApply) return;
    const baseRevision = await prepare();
    apply.mutate(
      { id: documentId, ...chosen, baseRevision },
      {
        onSuccess: (r) => {
          setDone(r.applied);
          setPreview(null);
          setChosen(null);
          if (inputRef.current) inputRef.current.value = '';
          onApplied();
        },
      },
    );
  };

  return (
    <section className="panel" aria-label="Nhập từ Excel">
      <h2>Nhập số liệu từ Excel</h2>
      <p className="hint">
        Tải mẫu nhập, điền vào các ô màu vàng rồi chọn tệp. Ô để trống giữ nguyên giá trị đang có. Chỉ nhận
        tệp .xlsx, tối đa 10 MB.
      </p>
      <div className="actions">
        <button type="button" className="secondary" onClick={downloadTemplate} disabled={busy !== null}>
          {busy === 'template' ? 'Đang tạo mẫu…' : 'Tải mẫu nhập Excel'}
        </button>
        <label htmlFor={inputId} className="file-button primary">
          Chọn tệp Excel…
        </label>
        <input
          id={inputId}
          ref={inputRef}
          type="file"
          className="file-input"
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          aria-label="Chọn tệp Excel"
          disabled={busy !== null || apply.isPending}
          onChange={(e) => void choose(e.target.files?.[0])}
        />
      </div>
      {busy === 'reading' && <p className="muted">Đang đọc và kiểm tra tệp…</p>}
      <ErrorBanner error={error ?? apply.error} />
      {done !== null && <SuccessBanner>Đã nhập {done} thay đổi vào báo cáo.</SuccessBanner>}

      {preview && chosen && (
        <div className="import-preview">
          <p>
            Tệp <strong>{chosen.fileName}</strong>, trang tính {preview.sheet || '(không có)'}: đọc{' '}
            {preview.rowsRead} dòng, {preview.changes.length} thay đổi, {preview.problems.length} vấn đề.
          </p>

          {preview.problems.length > 0 && (
            <>
              <h4>Vấn đề cần sửa trong tệp trước khi nhập</h4>
              <table className="grid" aria-label="Vấn đề">
                <thead>
                  <tr>
                    <th>Dòng</th>
                    <th>Cột</th>
                    <th>Giá trị</th>
                    <th>Lý do</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.problems.map((p, i) => (
                    <tr key={i}>
                      <td className="num">{p.row ?? ''}</td>
                      <td>{p.column}</td>
                      <td>{p.value}</td>
                      <td>{p.reason}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}

          {preview.changes.length > 0 ? (
            <>
              <h4>Thay đổi sẽ được nhập</h4>
              <table className="grid" aria-label="Thay đổi">
                <thead>
                  <tr>
                    <th>Dòng</th>
                    <th>Mục</th>
                    <th>Trước</th>
                    <th>Sau</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.changes.map((c, i) => (
                    <tr key={i}>
                      <td className="num">{c.row}</td>
                      <td>{c.label}</td>
                      <td>{c.before}</td>
                      <td>{c.after}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          ) : (
            <p className="muted">Tệp không có thay đổi nào so với báo cáo.</p>
          )}

          <div className="actions">
            <button
              type="button"
              onClick={() => void applyNow()}
              disabled={!preview.canApply || apply.isPending}
            >
              {apply.isPending ? 'Đang áp dụng…' : 'Áp dụng'}
            </button>
            {!preview.canApply && preview.problems.length > 0 && (
              <span className="hint">Sửa các vấn đề trong tệp rồi chọn lại tệp; chưa có gì được nhập.</span>
            )}
          </div>
        </div>
      )}
    </section>
  );
}
