import { formatPercent } from '../../shared/domain/indicators/indicatorMath.ts';

/** 0.955 → "95,5%"; null → "—". */
export const rate = (x: number | null) => (x === null ? '—' : `${formatPercent(x * 100)}%`);

/** An ISO instant as dd/mm/yyyy hh:mm, Vietnam time. */
export function vietnamInstant(iso: string): string {
  return new Intl.DateTimeFormat('vi-VN', {
    timeZone: 'Asia/Ho_Chi_Minh',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));
}
