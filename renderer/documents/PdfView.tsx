import { useEffect, useRef, useState } from 'react';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

/**
 * Shows the given PDF bytes page by page with pdf.js, drawn on canvases: what a person reads here
 * is exactly those bytes (the head's review screen shows the PDF that will be signed). The bytes
 * are copied before pdf.js takes them to its worker, so the caller's buffer stays whole. pdf.js is
 * loaded on first use; its worker is a file of the app itself (the CSP allows no other origin).
 */
export interface PdfViewProps {
  /** The PDF file's bytes. */
  data: ArrayBuffer | Uint8Array;
  /** Accessible name of the view, e.g. "Bản xem trước PDF". */
  label?: string;
  /** CSS pixels per PDF point at 100 %; default 1.25 (a readable A4 page about 740 px wide). */
  scale?: number;
}

export function PdfView({ data, label = 'Văn bản PDF', scale = 1.25 }: PdfViewProps) {
  const container = useRef<HTMLDivElement>(null);
  const [pages, setPages] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const target = container.current;
    if (!target) return;
    let cancelled = false;
    let destroy: (() => Promise<void>) | null = null;
    setPages(null);
    setError(null);
    target.replaceChildren();
    void (async () => {
      try {
        const pdfjs = await import('pdfjs-dist');
        pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;
        const bytes = data instanceof Uint8Array ? data.slice() : new Uint8Array(data.slice(0));
        const task = pdfjs.getDocument({ data: bytes, isEvalSupported: false, disableFontFace: false });
        destroy = () => task.destroy();
        const pdf = await task.promise;
        if (cancelled) return;
        // Sharp on high-density screens: draw at the device's pixel ratio, show at CSS size.
        const ratio = window.devicePixelRatio || 1;
        for (let n = 1; n <= pdf.numPages; n++) {
          const page = await pdf.getPage(n);
          if (cancelled) return;
          const viewport = page.getViewport({ scale });
          const canvas = document.createElement('canvas');
          canvas.width = Math.floor(viewport.width * ratio);
          canvas.height = Math.floor(viewport.height * ratio);
          canvas.style.width = `${Math.floor(viewport.width)}px`;
          canvas.style.height = `${Math.floor(viewport.height)}px`;
          canvas.className = 'pdf-page';
          canvas.dataset.testid = 'pdf-page';
          canvas.setAttribute('role', 'img');
          canvas.setAttribute('aria-label', `Trang ${n}/${pdf.numPages}`);
          target.appendChild(canvas);
          await page.render({
            canvas,
            viewport,
            transform: ratio === 1 ? undefined : [ratio, 0, 0, ratio, 0, 0],
          }).promise;
        }
        if (!cancelled) setPages(pdf.numPages);
      } catch {
        if (!cancelled) setError('Không hiển thị được tệp PDF.');
      }
    })();
    return () => {
      cancelled = true;
      void destroy?.();
      target.replaceChildren();
    };
  }, [data, scale]);

  return (
    <div className="pdf-view" aria-busy={pages === null && !error}>
      {pages === null && !error && <p className="muted">Đang hiển thị tệp PDF…</p>}
      {pages !== null && <p className="muted">{pages} trang</p>}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <div ref={container} className="pdf-pages" aria-label={label} data-pages={pages ?? undefined} />
    </div>
  );
}
