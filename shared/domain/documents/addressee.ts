/**
 * Whether a line of Nơi nhận names the agency the document is addressed to ("Kính gửi"): "Như
 * trên" already stands for it, so it is not listed again. Names are compared the way a reader
 * would: the usual short forms spelled out ("UBND" = "Ủy ban nhân dân", "Sở KH&CN" = "Sở Khoa học
 * và Công nghệ"), the purpose in brackets ("(để báo cáo)") and the province's name left out.
 */

// prettier-ignore
const SHORT_FORMS: [RegExp, string][] = [
  [/\bubnd\b/gu, 'ủy ban nhân dân'],
  [/\bhđnd\b/gu, 'hội đồng nhân dân'],
  [/\bmttq\b/gu, 'mặt trận tổ quốc'],
  [/\bkh\s*&\s*cn\b|\bkhcn\b/gu, 'khoa học và công nghệ'],
  [/\bgd\s*&\s*đt\b|\bgdđt\b/gu, 'giáo dục và đào tạo'],
  [/\bvh\s*,?\s*tt\s*&\s*dl\b|\bvhttdl\b/gu, 'văn hóa, thể thao và du lịch'],
  [/\btt\s*&\s*tt\b|\btttt\b/gu, 'thông tin và truyền thông'],
  [/\bkh\s*&\s*đt\b|\bkhđt\b/gu, 'kế hoạch và đầu tư'],
  [/\bnn\s*&\s*mt\b/gu, 'nông nghiệp và môi trường'],
];

/** The province's name after an agency: "Sở Khoa học và Công nghệ (tỉnh) Bắc Ninh". */
const PROVINCE = /\s+bắc\s+ninh$/u;
/** "tỉnh" after a department says nothing more; after a committee it is the committee's level. */
const COUNCIL = /^(?:ủy ban|hội đồng)\b/u;

/** A name reduced to what identifies the agency. */
export function agencyKey(name: string): string {
  let s = name
    .normalize('NFC')
    .toLocaleLowerCase('vi-VN')
    .replace(/uỷ/gu, 'ủy')
    .replace(/\([^)]*\)/gu, ' ')
    .replace(/[;.:]+\s*$/u, '')
    .replace(/^-\s*/u, '');
  for (const [pattern, full] of SHORT_FORMS) s = s.replace(pattern, full);
  s = s.replace(/\s+/gu, ' ').trim().replace(PROVINCE, '');
  return COUNCIL.test(s) ? s : s.replace(/\s+tỉnh$/u, '');
}

export function sameAgency(a: string, b: string): boolean {
  const [ka, kb] = [agencyKey(a), agencyKey(b)];
  return ka !== '' && ka === kb;
}

/** Nơi nhận without the addressee, "Như trên" first in its place. */
export function recipientsFor(recipients: readonly string[], addressee: string | null): string[] {
  if (!addressee) return [...recipients];
  return ['Như trên', ...recipients.filter((r) => !sameAgency(r, addressee) && agencyKey(r) !== 'như trên')];
}
