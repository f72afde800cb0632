import type { Catalog } from '../../shared/domain/catalog/schema.ts';

/** "2. Tăng cường…" for a part of section III, "Tổ chức thực hiện – 8. Các sở…" for section V. */
export function partHeading(part: Catalog['parts'][number]): string {
  const prefix = part.section === 'V' ? 'Tổ chức thực hiện – ' : '';
  return `${prefix}${part.code.split('.')[1]}. ${part.title}`;
}
