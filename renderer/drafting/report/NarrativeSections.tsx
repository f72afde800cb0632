import {
  reportSectionKeys,
  reportSectionLabels,
  type ReportContent,
  type ReportSectionKey,
} from '../../../shared/domain/reports/reportContent.ts';
import { issuesUnder, type Issue } from '../catalog.ts';
import { CarriedOverBadge, TextAreaField } from '../fields.tsx';
import { ReviewNotes } from '../../workflow/ReviewNotes.tsx';

interface Props {
  sections: ReportContent['sections'];
  onChange: (key: ReportSectionKey, text: string) => void;
  issues: readonly Issue[];
  /** Which sections to show, in order. */
  keys?: readonly ReportSectionKey[];
}

const hints: Partial<Record<ReportSectionKey, string>> = {
  direction: 'Việc ban hành văn bản chỉ đạo, kế hoạch, tổ chức quán triệt, tuyên truyền…',
  results: 'Kết quả chung đạt được trong kỳ báo cáo.',
  shortcomings: 'Những tồn tại, hạn chế và nguyên nhân (khách quan, chủ quan).',
  nextTasks: 'Nhiệm vụ, giải pháp trọng tâm kỳ tới.',
  proposals: 'Đề xuất, kiến nghị với UBND tỉnh, Sở Khoa học và Công nghệ (nếu có).',
};

/** The narrative sections I–IV, each a text area with its carried-over mark. */
export function NarrativeSections({ sections, onChange, issues, keys = reportSectionKeys }: Props) {
  return (
    <>
      {keys.map((key) => (
        <div key={key}>
          <TextAreaField
            className="narrative"
            label={reportSectionLabels[key]}
            badge={<CarriedOverBadge show={sections[key].carriedOver} />}
            rows={6}
            placeholder={hints[key]}
            value={sections[key].text}
            onChange={(text) => onChange(key, text)}
            issues={issuesUnder(issues, 'sections', key, -1)}
          />
          <ReviewNotes area="section" target={key} />
        </div>
      ))}
    </>
  );
}
