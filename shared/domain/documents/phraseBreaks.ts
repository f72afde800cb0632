import { textWidthTwips } from './textMetrics.ts';

/**
 * Where a centred heading in capitals breaks (the agency's name, a signer's long title): between
 * phrases, never inside one ("SỞ VĂN HÓA, THỂ THAO" / "VÀ DU LỊCH", not "…VÀ DU" / "LỊCH"), on as
 * few lines as fit, the first lines the longer. A Vietnamese word is often two syllables, so a
 * break between two syllables is only cheap where something says a phrase ends there: a comma, a
 * conjunction, a place ("tỉnh Bắc Ninh"), a capital in the name as typed ("Văn hóa, Thể thao"),
 * and never inside a known compound ("GIÁM ĐỐC", "DU LỊCH").
 */

/** Break before these: "… THỂ THAO" / "VÀ DU LỊCH". A line never ends with one. */
const CONJUNCTIONS = new Set(['VÀ', 'KIÊM', 'HOẶC', 'CÙNG']);
/** A place named after the agency: "… KHỞI NGHIỆP" / "TỈNH BẮC NINH". */
const PLACES = new Set(['TỈNH', 'THÀNH PHỐ', 'HUYỆN', 'QUẬN', 'XÃ', 'PHƯỜNG', 'THỊ TRẤN', 'THỊ XÃ']);
/** Words of a title that open a phrase: "PHÓ GIÁM ĐỐC" / "PHỤ TRÁCH …". */
const OPENERS = new Set(['PHỤ TRÁCH', 'THƯỜNG TRỰC', 'THƯỜNG VỤ', 'LĨNH VỰC']);

// prettier-ignore
/** Two syllables that make one word in the names and titles of Vietnamese agencies. */
const COMPOUNDS = new Set([
  'ỦY BAN', 'NHÂN DÂN', 'TỔ CHỨC', 'HỘI ĐỒNG', 'GIÁM ĐỐC', 'CHỦ TỊCH', 'BIÊN TẬP', 'TRƯỞNG BAN', 'TRƯỞNG PHÒNG',
  'VĂN PHÒNG', 'PHỤ TRÁCH', 'THƯỜNG TRỰC', 'THƯỜNG VỤ', 'LĨNH VỰC', 'QUẢN LÝ', 'TRUNG TÂM', 'KHOA HỌC',
  'CÔNG NGHỆ', 'GIÁO DỤC', 'ĐÀO TẠO', 'VĂN HÓA', 'THỂ THAO', 'DU LỊCH', 'TÀI CHÍNH', 'KẾ HOẠCH',
  'ĐẦU TƯ', 'NỘI VỤ', 'TƯ PHÁP', 'CÔNG THƯƠNG', 'NGOẠI VỤ', 'Y TẾ', 'XÂY DỰNG', 'GIAO THÔNG', 'VẬN TẢI',
  'NÔNG NGHIỆP', 'MÔI TRƯỜNG', 'TÀI NGUYÊN', 'LAO ĐỘNG', 'THƯƠNG BINH', 'XÃ HỘI', 'DÂN TỘC', 'TÔN GIÁO',
  'THANH TRA', 'THÔNG TIN', 'TRUYỀN THÔNG', 'PHÁT THANH', 'TRUYỀN HÌNH', 'BÁO CHÍ', 'QUẦN CHÚNG',
  'CHUYỂN ĐỔI', 'ĐỔI MỚI', 'SÁNG TẠO', 'HỖ TRỢ', 'KHỞI NGHIỆP', 'PHÁT TRIỂN', 'CÔNG NGHIỆP', 'KINH TẾ',
  'MẶT TRẬN', 'TỔ QUỐC', 'THANH NIÊN', 'CỘNG SẢN', 'PHỤ NỮ', 'NÔNG DÂN', 'CỰU CHIẾN', 'CHIẾN BINH',
  'CÔNG ĐOÀN', 'LIÊN ĐOÀN', 'TỔNG CỤC', 'CHI CỤC', 'BẢO TÀNG', 'THƯ VIỆN', 'ĐIỆN ẢNH', 'TRIỂN LÃM',
  'BẮC NINH', 'VIỆT NAM', 'HÀNH CHÍNH', 'TỔNG HỢP', 'CHÍNH TRỊ', 'DỊCH VỤ', 'CÔNG ÍCH', 'ĐO LƯỜNG',
  'CHẤT LƯỢNG', 'TIÊU CHUẨN', 'ỨNG DỤNG', 'TIẾN BỘ', 'SỐ HÓA', 'DỮ LIỆU', 'ĐIỀU HÀNH', 'THÔNG MINH',
]);

export interface PhraseBreakOptions {
  /** Width of the column, in twips. */
  width: number;
  /** Font size in points. */
  size: number;
  bold: boolean;
  /** The same text as a person typed it (normal case), where capitals mark where phrases start. */
  typed?: string;
}

const words = (s: string) => s.normalize('NFC').trim().split(/\s+/).filter(Boolean);
const upper = (s: string) => s.toLocaleUpperCase('vi-VN');

/** What a break before word `k` costs: 0 where a phrase clearly ends, high inside a word. */
function breakCost(printed: string[], typed: string[] | null, k: number): number {
  const prev = upper(printed[k - 1]!);
  const next = upper(printed[k]!);
  const pair = `${prev.replace(/[,;]$/, '')} ${next}`;
  const nextPair = `${next} ${upper(printed[k + 1] ?? '')}`;
  if (CONJUNCTIONS.has(prev)) return 40;
  // "CHÍNH TRỊ - XÃ HỘI": a line that starts with the dash reads like a list item.
  if (next === '-' || next === '–') return 30;
  if (prev === '-' || prev === '–') return 5;
  if (/[,;]$/.test(prev)) return 1;
  if (CONJUNCTIONS.has(next)) return 0;
  if (COMPOUNDS.has(pair)) return 30;
  if (PLACES.has(next) || PLACES.has(nextPair)) return 1;
  if (OPENERS.has(nextPair)) return 2;
  if (typed) {
    const first = typed[k]?.charAt(0) ?? '';
    return first !== first.toLocaleLowerCase('vi-VN') ? 3 : 15;
  }
  return 8;
}

/** Each line costs this much, so fewer lines win over anything but a break inside a phrase. */
const LINE_COST = 10;

/**
 * The lines `text` is set on in a column `width` wide. A single word wider than the column gets a
 * line of its own (the renderer wraps it as it can).
 */
export function phraseLines(text: string, o: PhraseBreakOptions): string[] {
  return phraseLayout(text, o).lines;
}

/** The lines and what they cost (lines, breaks, ragged edges): lower is better. */
export function phraseLayout(text: string, o: PhraseBreakOptions): { lines: string[]; cost: number } {
  const printed = words(text);
  if (printed.length === 0) return { lines: [], cost: 0 };
  const typedWords = o.typed ? words(o.typed) : null;
  const typed =
    typedWords && typedWords.length === printed.length && o.typed !== upper(o.typed ?? '')
      ? typedWords
      : null;
  const n = printed.length;
  const widthOf = (a: number, b: number) =>
    textWidthTwips(printed.slice(a, b).join(' '), o.size * 2, o.bold) * 1.02;
  if (widthOf(0, n) <= o.width) return { lines: [printed.join(' ')], cost: LINE_COST };

  // best(start, previous line's width): the cheapest way to set words start… on lines.
  const memo = new Map<string, { cost: number; ends: number[] }>();
  const best = (start: number, prevWidth: number): { cost: number; ends: number[] } => {
    if (start === n) return { cost: 0, ends: [] };
    const key = `${start}:${Math.round(prevWidth / 100)}`;
    const hit = memo.get(key);
    if (hit) return hit;
    let result = { cost: Infinity, ends: [] as number[] };
    for (let end = start + 1; end <= n; end++) {
      const w = widthOf(start, end);
      if (w > o.width && end > start + 1) break;
      const slack = Math.max(0, o.width - w) / o.width;
      // A line longer than the one above reads as a pyramid on its head: slightly worse.
      const pyramid = prevWidth > 0 && w > prevWidth * 1.05 ? 2 : 0;
      const cost =
        LINE_COST +
        4 * slack * slack +
        pyramid +
        (end < n ? breakCost(printed, typed, end) : 0) +
        best(end, w).cost;
      if (cost < result.cost) result = { cost, ends: [end, ...best(end, w).ends] };
    }
    memo.set(key, result);
    return result;
  };
  const lines: string[] = [];
  let from = 0;
  const { ends, cost } = best(0, 0);
  for (const end of ends) {
    lines.push(printed.slice(from, end).join(' '));
    from = end;
  }
  return { lines, cost };
}
