import { tasksFor } from '../../shared/domain/catalog/applicability.ts';
import type { Catalog } from '../../shared/domain/catalog/schema.ts';
import type { PackageManifest } from '../../shared/domain/packages/manifest.ts';
import {
  periodFor,
  periodKey,
  reportKindLabels,
  type ReportPeriod,
} from '../../shared/domain/periods/reportPeriods.ts';
import { IntakeError } from '../../shared/intake/errors.ts';

/**
 * Whether a package's document is one its department owes under the plan: the plan template
 * (catalog) it names exists, the agency type is one of the plan's, the kind of document is one
 * that type sends, and the period is exactly the plan's period for that key (dates and deadline
 * included), so a report "for a month" from an agency that reports only twice a year is refused.
 */

const refuse = (message: string): never => {
  throw new IntakeError('NOT_APPLICABLE', message);
};

function samePeriod(a: ReportPeriod, b: ReportPeriod): boolean {
  return (
    a.kind === b.kind &&
    a.year === b.year &&
    a.month === b.month &&
    a.from === b.from &&
    a.to === b.to &&
    a.deadline === b.deadline &&
    a.lastDay === b.lastDay
  );
}

export function checkApplicability(
  manifest: PackageManifest,
  agencyType: string,
  catalogs: ReadonlyMap<string, Catalog>,
): void {
  const doc = manifest.document;
  const catalog = catalogs.get(doc.catalogId);
  if (!catalog) refuse(`Kế hoạch "${doc.catalogId}" mà văn bản căn cứ không có trên máy chủ`);
  const type = catalog!.agencyTypes.find((t) => t.code === agencyType);
  if (!type) refuse(`Loại cơ quan "${agencyType}" không có trong ${catalog!.number}`);
  const plan = catalog!;
  const firstYear = Number(plan.issuedOn.slice(0, 4));
  const lastYear = Math.max(...plan.targetYears);

  switch (doc.kind) {
    case 'plan':
      if (doc.periodKey !== 'plan') refuse('Kế hoạch triển khai phải có mã kỳ "plan"');
      if (tasksFor(plan, agencyType).length === 0) {
        refuse(
          `${plan.number} không giao nhiệm vụ nào cho ${type!.name}, nên không có kế hoạch triển khai để gửi`,
        );
      }
      return;
    case 'cong_van':
      // Only Sở KH&CN writes to departments (công văn đôn đốc, issue 12) through this chain.
      if (agencyType !== 'so_khcn') refuse('Chỉ Sở Khoa học và Công nghệ gửi công văn qua hệ thống này');
      return;
    case 'report': {
      const period = doc.period!;
      if (period.year < firstYear || period.year > lastYear) {
        refuse(`Năm ${period.year} nằm ngoài thời gian thực hiện ${plan.number} (${firstYear}–${lastYear})`);
      }
      if (period.kind === 'adhoc') {
        if (!/^adhoc-[A-Za-z0-9_-]+$/.test(doc.periodKey))
          refuse('Mã kỳ của báo cáo đột xuất phải có dạng "adhoc-…"');
        if (period.from > period.to) refuse('Báo cáo đột xuất có ngày bắt đầu sau ngày kết thúc');
        return;
      }
      if (period.kind === 'monthly') {
        const monthly = plan.reporting.monthly;
        if (!monthly || !monthly.appliesTo.includes(agencyType)) {
          refuse(
            `${reportKindLabels.monthly} không áp dụng cho ${type!.name}: theo ${plan.number}, loại cơ quan này báo cáo 6 tháng và năm`,
          );
        }
      }
      let expected: ReportPeriod;
      try {
        expected = periodFor(period.kind, period.year, period.month, {
          periodicDeadlines: plan.reporting.periodicDeadlines,
          monthlyDay: plan.reporting.monthly?.day,
        });
      } catch (e) {
        return refuse(`Kỳ báo cáo không hợp lệ: ${(e as Error).message}`);
      }
      if (!samePeriod(period, expected) || periodKey(period) !== doc.periodKey) {
        refuse(
          `Kỳ báo cáo "${period.title}" không khớp kỳ ${expected.title} của ${plan.number} (từ ${expected.from} đến ${expected.to}, hạn ${expected.deadline}, mã "${periodKey(expected)}")`,
        );
      }
      return;
    }
  }
}
