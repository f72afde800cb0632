import { useEffect, useRef, useState } from 'react';

/**
 * The official document as it will print: renders the .docx that "documents.renderDocx" returns
 * (pages, header table, page numbers) with docx-preview, before the clerk exports it. The library
 * is loaded on first use so pages without a preview do not pay for it.
 */
export function DocxPreview({ data }: { data: ArrayBuffer }) {
  const container = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);

  useEffect(() => {
    const target = container.current;
    if (!target) return;
    let cancelled = false;
    setLoading(true);
    setError(null);
    void (async () => {
      try {
        const { renderAsync } = await import('docx-preview');
        if (cancelled) return;
        target.replaceChildren();
        await renderAsync(data, target, undefined, {
          className: 'docx-preview',
          inWrapper: true,
          breakPages: true,
          ignoreLastRenderedPageBreak: true,
          renderHeaders: true,
          renderFooters: true,
          experimental: true,
          useBase64URL: true,
        });
      } catch {
        if (!cancelled) setError('Không hiển thị được bản xem trước. Bạn vẫn có thể xuất tệp Word.');
      } finally {
        if (!cancelled) setLoading(false);
      }
    })();
    return () => {
      cancelled = true;
      target.replaceChildren();
    };
  }, [data]);

  return (
    <div className="docx-preview-frame" aria-busy={loading}>
      {loading && <p className="muted">Đang dựng bản xem trước…</p>}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <div ref={container} aria-label="Bản xem trước văn bản" />
    </div>
  );
}
