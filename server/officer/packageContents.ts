import { z } from 'zod';
import { planTaskSchema } from '../../shared/domain/plans/planContent.ts';
import { reportIndicatorSchema } from '../../shared/domain/reports/reportContent.ts';
import type { PackageContents } from '../../shared/intake/schemas.ts';
import type { PackageFiles } from '../intake/packageFiles.ts';
import type { IntakeRepository, StoredPackage } from '../store/intakeRepository.ts';

/**
 * What consolidation needs from one stored package: its document JSON (the exchange document the
 * department issued, shared/domain/documents/exchange.ts) read back from disk and checked again —
 * never trusted because it arrived signed — keeping only the indicator values of a report and the
 * tasks of a plan. A document that does not read is reported, not skipped silently.
 */

const reportPart = z.object({ content: z.object({ indicators: z.array(reportIndicatorSchema) }) });
const planPart = z.object({ content: z.object({ tasks: z.array(planTaskSchema) }) });

export async function packageContents(
  repo: IntakeRepository,
  files: PackageFiles,
  p: StoredPackage,
): Promise<PackageContents> {
  const base = {
    packageId: p.status.packageId,
    organizationCode: p.orgCode,
    kind: p.status.document.kind,
    indicators: null,
    planTasks: null,
  };
  const documentFile = (await repo.packageFiles(p.status.packageId)).find((f) => f.role === 'document');
  if (!documentFile) return { ...base, problem: 'Gói không có tệp tài liệu JSON' };
  let json: unknown;
  try {
    json = JSON.parse(files.read(p.storageDir, documentFile.sha256).toString('utf8'));
  } catch {
    return { ...base, problem: `Tệp "${documentFile.name}" không đọc được dạng JSON` };
  }
  if (p.status.document.kind === 'report') {
    const r = reportPart.safeParse(json);
    if (!r.success)
      return { ...base, problem: `Tệp "${documentFile.name}" không có số liệu chỉ tiêu hợp lệ` };
    return { ...base, indicators: r.data.content.indicators, problem: null };
  }
  if (p.status.document.kind === 'plan') {
    const r = planPart.safeParse(json);
    if (!r.success) return { ...base, problem: `Tệp "${documentFile.name}" không có nhiệm vụ hợp lệ` };
    return { ...base, planTasks: r.data.content.tasks, problem: null };
  }
  return { ...base, problem: null };
}
