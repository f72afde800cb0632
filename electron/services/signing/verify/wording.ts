/** How dates and names read in verification sentences: dd/mm/yyyy, Vietnam time. */
const OFFSET_MS = 7 * 3600 * 1000;

export function formatDate(d: Date): string {
  const t = new Date(d.getTime() + OFFSET_MS);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(t.getUTCDate())}/${p(t.getUTCMonth() + 1)}/${t.getUTCFullYear()}`;
}

export function formatDateTime(d: Date): string {
  const t = new Date(d.getTime() + OFFSET_MS);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(t.getUTCHours())}:${p(t.getUTCMinutes())} ngày ${formatDate(d)}`;
}

/** "chữ ký 1 (Nguyễn Văn An)" */
export function signatureLabel(index: number, who: string | null | undefined): string {
  return who ? `chữ ký ${index} (${who})` : `chữ ký ${index}`;
}
