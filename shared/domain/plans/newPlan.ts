import { tasksFor } from '../catalog/applicability.ts';
import type { Catalog } from '../catalog/schema.ts';
import { formatCitedDate } from '../vietnameseDate.ts';
import type { PlanContent } from './planContent.ts';

/** "Kế hoạch số 34/KH-UBND ngày 20/8/2025 của UBND tỉnh Bắc Ninh" */
export function catalogReference(catalog: Catalog): string {
  return `Kế hoạch số ${catalog.number} ngày ${formatCitedDate(catalog.issuedOn)} của ${catalog.issuer}`;
}

/** "trước ngày 15/6 và trước ngày 15/12 hằng năm" */
function periodicDeadlinesText(catalog: Catalog): string {
  const list = [...catalog.reporting.periodicDeadlines]
    .sort((a, b) => a.month - b.month || a.day - b.day)
    .map((d) => `trước ngày ${d.day}/${d.month}`);
  return `${list.join(' và ')} hằng năm`;
}

/** The first letter in lower case, to continue a sentence: "về truyền thông thực hiện…". */
const continuing = (s: string): string => s.charAt(0).toLocaleLowerCase('vi') + s.slice(1);

/** The default wording of sections I–IV, naming the department and the provincial plan. */
export function defaultPlanSections(catalog: Catalog, organizationName: string): PlanContent['sections'] {
  const org = organizationName.normalize('NFC').trim();
  const ref = catalogReference(catalog);
  const recipient = catalog.reporting.recipient;
  return {
    purpose: [
      '1. Mục đích',
      `- Triển khai thực hiện kịp thời, đầy đủ và hiệu quả các nhiệm vụ được giao tại ${ref} về ${continuing(catalog.title)}.`,
      `- Nâng cao nhận thức, trách nhiệm của lãnh đạo, cán bộ, công chức, viên chức và người lao động của ${org} trong việc thực hiện các nội dung của Kế hoạch.`,
      '2. Yêu cầu',
      `- Bám sát nội dung ${ref}; xác định rõ nội dung công việc, đơn vị chủ trì, thời hạn hoàn thành và sản phẩm dự kiến.`,
      '- Bảo đảm thiết thực, hiệu quả, phù hợp với chức năng, nhiệm vụ và điều kiện thực tế của cơ quan, đơn vị.',
    ].join('\n'),
    tasksIntro: `Căn cứ nhiệm vụ được phân công tại ${ref}, ${org} triển khai thực hiện các nhiệm vụ, giải pháp cụ thể như sau:`,
    budget:
      `Kinh phí thực hiện Kế hoạch được bố trí trong dự toán ngân sách nhà nước giao hằng năm cho ${org} ` +
      'theo phân cấp ngân sách hiện hành và các nguồn kinh phí hợp pháp khác (nếu có). ' +
      'Các phòng, đơn vị chủ động lồng ghép với các chương trình, kế hoạch, nhiệm vụ có liên quan để sử dụng kinh phí tiết kiệm, hiệu quả.',
    organization: [
      `1. Các phòng, đơn vị thuộc ${org} căn cứ nhiệm vụ được giao, chủ động triển khai thực hiện có hiệu quả các nội dung của Kế hoạch này.`,
      `2. Bộ phận tổng hợp có trách nhiệm theo dõi, đôn đốc, tổng hợp kết quả thực hiện, tham mưu báo cáo gửi ${recipient} ${periodicDeadlinesText(catalog)} hoặc đột xuất khi có yêu cầu.`,
      `3. Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các phòng, đơn vị kịp thời báo cáo lãnh đạo ${org} để xem xét, giải quyết.`,
    ].join('\n'),
  };
}

/**
 * A plan pre-filled from the catalog: one entry per task assigned to the agency type, in plan
 * order, no activities yet, and sensible default text in sections I, II, III and IV that names the
 * department and the provincial plan (the clerk edits it).
 */
export function newPlanContent(catalog: Catalog, agencyType: string, organizationName: string): PlanContent {
  return {
    sections: defaultPlanSections(catalog, organizationName),
    tasks: tasksFor(catalog, agencyType).map((t) => ({
      taskId: t.id,
      notApplicable: false,
      notApplicableReason: '',
      activities: [],
    })),
  };
}
