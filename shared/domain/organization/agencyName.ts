/**
 * An agency's name as running text uses it and as the letterhead prints it (Nghị định 30/2020,
 * Phụ lục I). "UBND" may be abbreviated only in a parent line: a commune's own name is written in
 * full ("Ủy ban nhân dân xã Phật Tích"), in normal case in sentences and in capitals on two lines
 * in its heading ("ỦY BAN NHÂN DÂN" / "XÃ PHẬT TÍCH").
 */

const COMMITTEE = 'Ủy ban nhân dân';
const LOCAL_LEVELS = ['xã', 'phường', 'thị trấn'] as const;

/** Capitals the Vietnamese way ("Sở" → "SỞ"). */
export const upper = (s: string) => s.normalize('NFC').toLocaleUpperCase('vi-VN');
const lower = (s: string) => s.normalize('NFC').toLocaleLowerCase('vi-VN');
const capitalised = (w: string) => upper(w.charAt(0)) + lower(w.slice(1));
const isAllCaps = (s: string) => s === upper(s) && s !== lower(s);

/** "UBND", "Uỷ ban nhân dân", "ỦY BAN NHÂN DÂN" at the start of a name. */
const COMMITTEE_PREFIX = /^(?:UBND|[UỦ][yỷ]\s*ban\s+nhân\s+dân)(?=\s|$)/iu;

export interface LocalCommittee {
  level: (typeof LOCAL_LEVELS)[number];
  /** The commune's or ward's own name, in normal case: "Phật Tích". */
  place: string;
}

function tidy(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/g, ' ');
}

/** The People's Committee of a commune, ward or township, from its name; null for anything else. */
export function localCommittee(name: string): LocalCommittee | null {
  const text = tidy(name);
  const prefix = COMMITTEE_PREFIX.exec(text);
  if (!prefix) return null;
  const rest = text.slice(prefix[0].length).trim();
  const level = LOCAL_LEVELS.find((l) => lower(rest).startsWith(`${l} `));
  if (!level) return null;
  const place = rest.slice(level.length).trim();
  if (!place) return null;
  return { level, place: isAllCaps(place) ? place.split(' ').map(capitalised).join(' ') : place };
}

/**
 * The name as a sentence uses it: "UBND xã Phật Tích" and "ỦY BAN NHÂN DÂN XÃ PHẬT TÍCH" both read
 * "Ủy ban nhân dân xã Phật Tích"; any other committee's "UBND" is written in full too.
 */
export function runningName(name: string): string {
  const text = tidy(name);
  const local = localCommittee(text);
  if (local) return `${COMMITTEE} ${local.level} ${local.place}`;
  return text.replace(COMMITTEE_PREFIX, COMMITTEE);
}

/** The name as the letterhead prints it, in capitals and in full: "ỦY BAN NHÂN DÂN XÃ PHẬT TÍCH". */
export function headingName(name: string): string {
  return upper(runningName(name));
}

/** The parent line may abbreviate: "UBND TỈNH BẮC NINH". */
export function parentHeading(parentName: string): string {
  return upper(tidy(parentName));
}
