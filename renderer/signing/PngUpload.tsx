import { useState, type ReactNode } from 'react';
import { readFileAsBase64 } from '../components/files.ts';

/** Choose a PNG; the caller sends it. Shows the current picture on a checkerboard (transparency). */
export function PngUpload({
  id,
  label,
  current,
  onFile,
  children,
}: {
  id: string;
  label: string;
  current: { dataBase64: string; width: number; height: number } | null;
  onFile: (dataBase64: string) => void;
  children?: ReactNode;
}) {
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="panel">
      {current && (
        <img className="png-preview" alt={label} src={`data:image/png;base64,${current.dataBase64}`} />
      )}
      <div className="field file-field">
        <label htmlFor={id}>{label}</label>
        <input
          id={id}
          type="file"
          accept="image/png"
          onChange={async (e) => {
            const f = e.target.files?.[0];
            if (!f) return;
            try {
              setError(null);
              onFile(await readFileAsBase64(f));
            } catch (err) {
              setError((err as Error).message);
            }
          }}
        />
      </div>
      {children}
      {error && <p className="field-error">{error}</p>}
    </div>
  );
}
