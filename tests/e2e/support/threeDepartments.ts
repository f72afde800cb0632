import type { IntakeClient } from '../../../electron/services/outbox/intakeClient.ts';
import type { TestIntake } from '../../support/intakeServer.ts';
import {
  randomIndicators,
  reportPackage,
  seededRandom,
  type TestDepartment,
} from '../../support/sokhcnReports.ts';
import type { TestPackage } from '../../support/testPackages.ts';
import { catalog } from './catalog.ts';

/**
 * What Sở KH&CN's E2E tests start from: three departments enrolled on the real intake server for
 * the half-year 2026 report (due before 15/6), one that sent on 10/6, one that sent late on 20/6,
 * and one that has sent nothing.
 */
export const ON_TIME: TestDepartment = { code: 'SCT', name: 'Sở Công Thương', agencyType: 'so_ban_nganh' };
export const LATE: TestDepartment = { code: 'SNV', name: 'Sở Nội vụ', agencyType: 'so_noi_vu' };
export const NOT_SENT: TestDepartment = {
  code: 'XA-TUSON',
  name: 'UBND phường Từ Sơn',
  agencyType: 'ubnd_xa_phuong',
};

/**
 * Enrols the three and uploads the on-time and late reports with seeded random figures; the
 * server's clock (`setNow`, the test intake's clock) is moved to each sending day and back to the
 * real time at the end, since the officer's session is dated by it.
 */
export async function sendOnTimeAndLate(intake: TestIntake, setNow: (d: Date | null) => void, seed: number) {
  const cert = intake.pki.issue('dept', 'Cơ quan thử nghiệm tỉnh Bắc Ninh');
  const rnd = seededRandom(seed);
  const clients = new Map<string, IntakeClient>();
  const sent = new Map<string, TestPackage>();
  for (const d of [ON_TIME, LATE, NOT_SENT])
    clients.set(d.code, (await intake.enrolOrg(d.code, d.name, d.agencyType)).client);
  for (const [d, at] of [
    [ON_TIME, '2026-06-10T02:00:00Z'],
    [LATE, '2026-06-20T02:00:00Z'],
  ] as const) {
    setNow(new Date(at));
    const pkg = await reportPackage(catalog, d, randomIndicators(catalog, d.agencyType, rnd), cert);
    const r = await clients
      .get(d.code)!
      .uploadPackage({ manifest: pkg.manifestBytes, signature: pkg.signature, files: pkg.files });
    if (!r.ok) throw new Error(r.failure.message);
    sent.set(d.code, pkg);
  }
  setNow(null);
  return { clients, sent };
}
