import { parseIsoDate } from '../calendarDate.ts';
import type { Catalog, CatalogIndicator } from '../catalog/schema.ts';
import { measureTarget, measureValue } from '../indicators/indicatorMath.ts';
import { targetTextFor } from '../indicators/targets.ts';
import { needsStatus, taskTiming } from '../periods/taskSchedule.ts';
import { planSectionLabels, type PlanContent } from '../plans/planContent.ts';
import {
  reportActivities,
  reportSectionKeys,
  reportSectionLabels,
  taskStatusLabels,
  type ReportContent,
} from './reportContent.ts';

/**
 * `error`: the value is wrong and is not stored (numerator > denominator, bad URL…).
 * `incomplete`: fine to save, but the report cannot be sent for approval yet.
 */
export interface ValidationIssue {
  severity: 'error' | 'incomplete';
  /** Where, for the UI to put the message next to the field: ['indicators', 'CT02', 'values', 0, 'numerator']. */
  path: (string | number)[];
  /** Vietnamese, naming the field: "Chỉ tiêu 2 – Số được tuyên truyền: không được lớn hơn tổng số (120 > 100)". */
  message: string;
}

type Path = ValidationIssue['path'];
type MeasureKind = CatalogIndicator['measures'][number]['kind'];

const blank = (s: string): boolean => s.trim() === '';

/** Only absolute http(s) links with a host and no spaces count as evidence. */
export function isHttpUrl(s: string): boolean {
  const text = s.trim();
  if (!/^https?:\/\/[^\s/?#]+[^\s]*$/i.test(text)) return false;
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** "Tử số", "Mẫu số", "Số lượng"… : how the report form names each input of a measure. */
export const measureFieldLabels = {
  numerator: 'Tử số',
  denominator: 'Mẫu số',
  count: 'Số lượng',
  done: 'Đã thực hiện',
  evidenceUrl: 'Đường dẫn minh chứng',
} as const;

/** The input that must be filled for a measure of this kind to have a value. */
const mainField: Record<MeasureKind, keyof typeof measureFieldLabels> = {
  ratio: 'numerator',
  count: 'count',
  programmes: 'count',
  yes_no: 'done',
};

/**
 * `agencyType`, when known, lets the check see what the plan template assigns the department: a
 * report without any indicator is incomplete only if some indicator applies to it.
 */
export function validateReport(
  content: ReportContent,
  catalog: Catalog,
  agencyType?: string,
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const add = (severity: ValidationIssue['severity'], path: Path, message: string) =>
    issues.push({ severity, path, message });
  const year = content.period.year;

  for (const ind of content.indicators) {
    const cat = catalog.indicators.find((c) => c.code === ind.code);
    if (!cat) {
      add(
        'error',
        ['indicators', ind.code],
        `Chỉ tiêu ${ind.code} không có trong Kế hoạch số ${catalog.number}`,
      );
      continue;
    }
    ind.values.forEach((v, i) => {
      const base: Path = ['indicators', ind.code, 'values', i];
      const measure = cat.measures.find((m) => m.code === v.measure);
      if (!measure) {
        add('error', [...base, 'measure'], `Chỉ tiêu ${cat.no} không có đại lượng đo "${v.measure}"`);
        return;
      }
      const name = `Chỉ tiêu ${cat.no} – ${measure.label}`;
      for (const field of ['numerator', 'denominator', 'count'] as const) {
        const n = v[field];
        if (n !== null && (!Number.isInteger(n) || n < 0)) {
          add(
            'error',
            [...base, field],
            `${name} – ${measureFieldLabels[field]} phải là số nguyên không âm (${n})`,
          );
        }
      }
      if (!blank(v.evidenceUrl) && !isHttpUrl(v.evidenceUrl)) {
        add(
          'error',
          [...base, 'evidenceUrl'],
          `${name} – Đường dẫn minh chứng không hợp lệ: phải bắt đầu bằng http:// hoặc https:// và không có khoảng trắng`,
        );
      }
      if (measure.kind === 'ratio') {
        const { numerator: num, denominator: den } = v;
        if (num !== null && den !== null && den > 0 && num > den) {
          add('error', [...base, 'numerator'], `${name} – Tử số (${num}) không được lớn hơn mẫu số (${den})`);
        } else if (num !== null && den === 0) {
          add('error', [...base, 'denominator'], `${name} – Mẫu số phải lớn hơn 0 khi đã nhập tử số`);
        } else if (num === null && den !== null) {
          add('incomplete', [...base, 'numerator'], `${name} – Chưa nhập tử số (mẫu số là ${den})`);
        } else if (num !== null && den === null) {
          add('incomplete', [...base, 'denominator'], `${name} – Chưa nhập mẫu số (tử số là ${num})`);
        }
      }
      if (measure.kind === 'yes_no' && v.done === true && blank(v.evidenceUrl)) {
        add('incomplete', [...base, 'evidenceUrl'], `${name} – Chưa nhập đường dẫn minh chứng`);
      }
    });
    // Every measure with a target this year needs a value before the report goes for approval.
    cat.measures.forEach((m, mi) => {
      if (measureTarget(cat, mi, year) === null) return;
      const i = ind.values.findIndex((v) => v.measure === m.code);
      const v = ind.values[i];
      const name = `Chỉ tiêu ${cat.no} – ${m.label}`;
      if (!v) {
        add('incomplete', ['indicators', ind.code, 'measures', m.code], `${name} – Chưa nhập số liệu`);
      } else if (
        measureValue(m.kind, v) === null &&
        !(m.kind === 'ratio' && (v.numerator ?? v.denominator) !== null)
      ) {
        const field = mainField[m.kind];
        add(
          'incomplete',
          ['indicators', ind.code, 'values', i, field],
          `${name} – Chưa nhập ${measureFieldLabels[field].toLowerCase()} (chỉ tiêu năm ${year}: ${targetText(cat, year)})`,
        );
      }
    });
  }

  // By id, not a search per task: a report may hold thousands of them.
  const catalogTasks = new Map(catalog.tasks.map((c) => [c.id, c]));
  for (const t of content.tasks) {
    const base: Path = ['tasks', t.taskId];
    const catTask = catalogTasks.get(t.taskId);
    if (!catTask) {
      add('error', base, `Nhiệm vụ ${t.taskId} không có trong Kế hoạch số ${catalog.number}`);
      continue;
    }
    const name = `Nhiệm vụ ${t.taskId}`;
    // "bắt đầu từ năm 2026" in a 2025 report: not started yet, so nothing to choose.
    if (t.status === null && !needsStatus(taskTiming(catTask, content.period))) continue;
    if (t.status === null) {
      add('incomplete', [...base, 'status'], `${name} – Chưa chọn trạng thái thực hiện`);
    } else if ((t.status === 'hoan_thanh' || t.status === 'dang_thuc_hien') && blank(t.result)) {
      add(
        'incomplete',
        [...base, 'result'],
        `${name} – Chưa nhập kết quả thực hiện (${taskStatusLabels[t.status]})`,
      );
    } else if (t.status === 'khong_ap_dung' && blank(t.result)) {
      add(
        'incomplete',
        [...base, 'result'],
        `${name} – Chưa nêu lý do không áp dụng (ghi vào ô kết quả thực hiện)`,
      );
    }
  }

  reportActivities(content).forEach((a, i) => {
    const base: Path = ['activities', a.activityId];
    const name = `Hoạt động ${i + 1} (nhiệm vụ ${a.taskId})`;
    if (a.status === null) {
      add('incomplete', [...base, 'status'], `${name} – Chưa chọn trạng thái thực hiện`);
    } else if (a.status !== 'chua_thuc_hien' && blank(a.result)) {
      add(
        'incomplete',
        [...base, 'result'],
        a.status === 'khong_ap_dung'
          ? `${name} – Chưa nêu lý do không thực hiện (ghi vào ô kết quả)`
          : `${name} – Chưa nhập kết quả thực hiện (${taskStatusLabels[a.status]})`,
      );
    }
  });

  for (const key of reportSectionKeys) {
    if (key !== 'proposals' && blank(content.sections[key].text)) {
      add('incomplete', ['sections', key], `Mục "${reportSectionLabels[key]}" chưa có nội dung`);
    }
  }
  // The required parts the template fills: without them the document would print a bare heading.
  if (content.tasks.length === 0) {
    add(
      'incomplete',
      ['tasks'],
      'Mục "I. Kết quả thực hiện – Kết quả thực hiện các nhiệm vụ" chưa có nhiệm vụ nào',
    );
  }
  if (
    content.indicators.length === 0 &&
    agencyType !== undefined &&
    catalog.indicators.some((i) => i.appliesTo.includes(agencyType))
  ) {
    add(
      'incomplete',
      ['indicators'],
      'Mục "I. Kết quả thực hiện – Kết quả thực hiện các chỉ tiêu" chưa có chỉ tiêu nào',
    );
  }
  return issues;
}

function targetText(cat: CatalogIndicator, year: number): string {
  return targetTextFor(cat, year) || 'có chỉ tiêu';
}

/** Activities are addressed by id: ['tasks', 'III.1.a.3', 'activities', '<activity id>', 'content']. */
export function validatePlan(content: PlanContent, catalog: Catalog): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const add = (severity: ValidationIssue['severity'], path: Path, message: string) =>
    issues.push({ severity, path, message });

  const known = new Set(catalog.tasks.map((c) => c.id));
  for (const t of content.tasks) {
    const base: Path = ['tasks', t.taskId];
    const name = `Nhiệm vụ ${t.taskId}`;
    if (!known.has(t.taskId)) {
      add('error', base, `${name} không có trong Kế hoạch số ${catalog.number}`);
      continue;
    }
    if (t.notApplicable && blank(t.notApplicableReason)) {
      add('incomplete', [...base, 'notApplicableReason'], `${name} – Chưa nêu lý do không áp dụng`);
    }
    t.activities.forEach((a, i) => {
      const at: Path = [...base, 'activities', a.id];
      const label = `${name} – Hoạt động ${i + 1}`;
      if (a.timeline.kind === 'date') {
        try {
          parseIsoDate(a.timeline.date);
        } catch {
          add(
            'error',
            [...at, 'timeline'],
            `${label} – Thời gian thực hiện: ngày "${a.timeline.date}" không tồn tại`,
          );
        }
      }
      if (blank(a.content)) add('incomplete', [...at, 'content'], `${label} – Chưa nhập nội dung hoạt động`);
      if (blank(a.unitInCharge))
        add('incomplete', [...at, 'unitInCharge'], `${label} – Chưa nhập đơn vị chủ trì`);
    });
  }

  for (const key of Object.keys(planSectionLabels) as (keyof PlanContent['sections'])[]) {
    if (blank(content.sections[key])) {
      add('incomplete', ['sections', key], `Mục "${planSectionLabels[key]}" chưa có nội dung`);
    }
  }
  // Section II is the plan itself: at least one activity, unless every task is không áp dụng.
  const applicable = content.tasks.filter((t) => !t.notApplicable);
  if (applicable.length > 0 && applicable.every((t) => t.activities.length === 0)) {
    add('incomplete', ['tasks'], 'Mục "II. Nhiệm vụ và giải pháp" chưa có hoạt động nào');
  } else if (content.tasks.length === 0) {
    add('incomplete', ['tasks'], 'Mục "II. Nhiệm vụ và giải pháp" chưa có nhiệm vụ nào');
  }
  return issues;
}
