import { MM } from '../../shared/domain/documents/textMetrics.ts';
import {
  agencyHeading,
  headerColumns,
  headerSize,
  linesMatchName,
} from '../../shared/domain/organization/agencyHeading.ts';
import { headingName } from '../../shared/domain/organization/agencyName.ts';
import type { Letterhead } from '../../shared/domain/organization/letterhead.ts';

interface Props {
  name: string;
  parentName: string;
  letterhead: Letterhead;
  onChange: (agencyLines: string[]) => void;
}

/**
 * Where the agency's name breaks in the letterhead, with a preview at real size of the left
 * column (the same lines the documents print): the program chooses a break between phrases; the
 * administrator may move it by clicking between two words.
 */
export function AgencyHeadingField({ name, parentName, letterhead, onChange }: Props) {
  const words = headingName(name).split(' ').filter(Boolean);
  if (words.length === 0) return null;
  const heading = agencyHeading({ name, parentName, letterhead });
  // Word indexes after which a line ends, from the lines shown now.
  const breaks = new Set<number>();
  let count = 0;
  for (const line of heading.agency.slice(0, -1)) {
    count += line.split(' ').length;
    breaks.add(count - 1);
  }
  const toggle = (after: number) => {
    const next = new Set(breaks);
    if (next.has(after)) next.delete(after);
    else next.add(after);
    const lines: string[] = [];
    let current: string[] = [];
    words.forEach((w, i) => {
      current.push(w);
      if (next.has(i)) {
        lines.push(current.join(' '));
        current = [];
      }
    });
    lines.push(current.join(' '));
    onChange(linesMatchName(lines, name) && lines.length <= 4 ? lines : []);
  };
  const width = headerColumns(letterhead).left / MM;
  const rule = { width: `${Math.round(width * 0.4)}mm` };
  const stale = letterhead.agencyLines.length > 0 && !heading.custom;
  return (
    <div className="field agency-heading">
      <span className="label">Tên cơ quan trên tiêu đề văn bản</span>
      <div
        className="letterhead-preview"
        style={{ width: `${width.toFixed(1)}mm`, fontSize: `${heading.size}pt` }}
        aria-label="Xem trước góc trái tiêu đề văn bản"
      >
        {heading.parent.map((l) => (
          <div key={`p-${l}`}>{l}</div>
        ))}
        {heading.agency.map((l) => (
          <div key={`a-${l}`} className="agency-line">
            {l}
          </div>
        ))}
        <div className="agency-rule" style={rule} />
      </div>
      <div className="break-picker" role="group" aria-label="Chọn chỗ xuống dòng">
        {words.map((w, i) => (
          <span key={`${i}-${w}`}>
            <span className="word">{w}</span>
            {i < words.length - 1 && (
              <button
                type="button"
                className={breaks.has(i) ? 'break on' : 'break'}
                aria-pressed={breaks.has(i)}
                title={breaks.has(i) ? 'Bỏ xuống dòng ở đây' : 'Xuống dòng ở đây'}
                onClick={() => toggle(i)}
              >
                ↵
              </button>
            )}
          </span>
        ))}
      </div>
      <div className="hint">
        {heading.custom
          ? 'Xuống dòng theo lựa chọn của quản trị. '
          : `Chương trình tự chọn chỗ xuống dòng giữa các cụm từ (cỡ ${heading.size}, cột rộng ${width.toFixed(0)} mm). `}
        {stale && 'Cách xuống dòng đã lưu không còn khớp với tên cơ quan nên không được dùng. '}
        Bấm ↵ giữa hai từ để xuống dòng hoặc bỏ xuống dòng ở đó; tên không bao giờ bị ngắt giữa một cụm từ như
        “VĂN HÓA” hay “DU LỊCH” nếu để chương trình tự chọn.
        {heading.size < headerSize(letterhead.fontPair) &&
          ' Tên được in cỡ 12 để vừa cột (Nghị định 30 cho phép 12–13).'}
      </div>
      {heading.custom && (
        <button type="button" className="secondary" onClick={() => onChange([])}>
          Dùng cách xuống dòng tự động
        </button>
      )}
    </div>
  );
}
