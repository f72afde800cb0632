import { parseIsoDate, type IsoDate } from '../calendarDate.ts';

/**
 * The sổ văn bản đi (Nghị định 30/2020, Điều 15): numbers run from 01 on 1 January to 31 December
 * for each register, are never reused (a cancelled number stays cancelled) and are given in order.
 */

/** The register every outgoing document goes in unless the department keeps others. */
export const DEFAULT_REGISTER = 'di';

/** The register's year is the year of the issue date. */
export const registerYear = (issuedOn: IsoDate) => parseIsoDate(issuedOn).year;

/** "01", "09", "10", "123": numbers below 10 are padded with 0 (Phụ lục I). */
export const paddedNumber = (seq: number) => String(seq).padStart(2, '0');

/**
 * "05/BC-SKHCN" for a typed document; "12/SKHCN-VP" for a công văn, which has no type code and
 * names the drafting unit instead.
 */
export function documentNumber(
  seq: number,
  parts: { typeCode: string; abbreviation: string; unit?: string },
) {
  const code = parts.typeCode
    ? `${parts.typeCode}-${parts.abbreviation}`
    : [parts.abbreviation, parts.unit].filter(Boolean).join('-');
  return `${paddedNumber(seq)}/${code}`;
}

/** The next number: one after the highest ever given this year, cancelled ones included. */
export const nextSeq = (highestThisYear: number | null) => (highestThisYear ?? 0) + 1;
