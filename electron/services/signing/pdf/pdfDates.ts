/**
 * Vietnam time (UTC+07:00, no daylight saving): what ND30 wants on signatures and the văn thư's
 * marks, whatever the time zone of the machine.
 */
const OFFSET_MS = 7 * 3600 * 1000;

function parts(d: Date) {
  const t = new Date(d.getTime() + OFFSET_MS);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return {
    y: p(t.getUTCFullYear(), 4),
    mo: p(t.getUTCMonth() + 1),
    d: p(t.getUTCDate()),
    h: p(t.getUTCHours()),
    mi: p(t.getUTCMinutes()),
    s: p(t.getUTCSeconds()),
  };
}

/** 2026-02-05T09:30:00+07:00 */
export function isoVietnam(d: Date): string {
  const x = parts(d);
  return `${x.y}-${x.mo}-${x.d}T${x.h}:${x.mi}:${x.s}+07:00`;
}

/** D:20260205093000+07'00' (ISO 32000-1, 7.9.4). */
export function pdfDate(d: Date): string {
  const x = parts(d);
  return `D:${x.y}${x.mo}${x.d}${x.h}${x.mi}${x.s}+07'00'`;
}

/** A PDF date string as an instant; null when it is not one. */
export function parsePdfDate(s: string): Date | null {
  const m = /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(Z|[+-]\d{2}'?\d{2}'?)?/.exec(s.trim());
  if (!m) return null;
  const [, y, mo = '01', d = '01', h = '00', mi = '00', sec = '00', tz] = m;
  let offset = 'Z';
  if (tz && tz !== 'Z') {
    const t = /([+-])(\d{2})'?(\d{2})/.exec(tz)!;
    offset = `${t[1]}${t[2]}:${t[3]}`;
  }
  const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${sec}${offset}`);
  return Number.isNaN(date.getTime()) ? null : date;
}
