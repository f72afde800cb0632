import { localCommittee } from '../organization/agencyName.ts';
import type { ReportPeriod } from '../periods/reportPeriods.ts';

/** ASCII only, for file names that survive every file system and e-mail: "Đ" → "D", diacritics dropped. */
export function asciiSlug(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/Đ/g, 'D')
    .replace(/đ/g, 'd')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** BC-6T-2026, BC-NAM-2026, BC-T03-2026, BC-DX-20260310: the same stem for the Word and Excel files. */
export function reportFileStem(period: ReportPeriod): string {
  switch (period.kind) {
    case 'semiannual':
      return `BC-6T-${period.year}`;
    case 'annual':
      return `BC-NAM-${period.year}`;
    case 'monthly':
      return `BC-T${String(period.month ?? 0).padStart(2, '0')}-${period.year}`;
    case 'adhoc':
      return `BC-DX-${period.deadline.replaceAll('-', '')}`;
  }
}

/** ["BC-6T-2026", "SKHCN"], "docx" → "BC-6T-2026-SKHCN.docx" */
export function fileName(parts: readonly string[], ext: string): string {
  return `${parts.map(asciiSlug).filter(Boolean).join('-')}.${ext}`;
}

/**
 * The agency in a file name: its abbreviation, and for a commune or ward — whose documents all say
 * "UBND" — its own name too, so two communes' files differ: "UBND-PHATTICH".
 */
export function agencyFileTag(org: { name: string; abbreviation: string }): string {
  const abbreviation = asciiSlug(org.abbreviation);
  const local = localCommittee(org.name);
  if (!local) return abbreviation;
  const place = asciiSlug(local.place).replace(/-/g, '');
  return abbreviation.replace(/-/g, '').endsWith(place) ? abbreviation : `${abbreviation}-${place}`;
}
