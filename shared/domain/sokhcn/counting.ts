import type { PackageContents } from '../../intake/schemas.ts';
import type { Contribution, ExpectedUnit } from './consolidation.ts';
import type { SubmissionRow } from './submissions.ts';

/**
 * Which packages go into the province's figures: for each department, the package that stands
 * now (a correction replaces the report it corrects), if Sở KH&CN accepted it — or, unless only
 * accepted ones are asked for, if it was received (every package is verified, signatures and
 * hashes, before the server stores it) and not returned. A returned report counts again only
 * through its correction.
 */
export function countedContributions(
  rows: readonly SubmissionRow[],
  contents: readonly PackageContents[],
  options: { acceptedOnly: boolean },
): { units: ExpectedUnit[]; contributions: Contribution[]; unreadable: { code: string; problem: string }[] } {
  const byPackage = new Map(contents.map((c) => [c.packageId, c]));
  const contributions: Contribution[] = [];
  const unreadable: { code: string; problem: string }[] = [];
  for (const r of rows) {
    const p = r.current;
    if (!p || p.status === 'returned') continue;
    if (options.acceptedOnly && p.status !== 'accepted') continue;
    const c = byPackage.get(p.packageId);
    if (!c || c.indicators === null) {
      unreadable.push({ code: r.code, problem: c?.problem ?? 'Máy chủ không trả về số liệu của gói' });
      continue;
    }
    contributions.push({
      organizationCode: r.code,
      packageId: p.packageId,
      status: p.status,
      indicators: c.indicators,
    });
  }
  return {
    units: rows.map((r) => ({ code: r.code, name: r.name, agencyType: r.agencyType })),
    contributions,
    unreadable,
  };
}
