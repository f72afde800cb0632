import type { PackageContents } from '../../../shared/intake/schemas.ts';
import type { IsoDate } from '../../../shared/domain/calendarDate.ts';
import type { Catalog } from '../../../shared/domain/catalog/schema.ts';
import { periodKey } from '../../../shared/domain/periods/reportPeriods.ts';
import type { Contribution, ExpectedUnit } from '../../../shared/domain/sokhcn/consolidation.ts';
import { countedContributions } from '../../../shared/domain/sokhcn/counting.ts';
import { dutyByKey, type FollowedDuty } from '../../../shared/domain/sokhcn/duties.ts';
import {
  foldPress,
  monthsOfPeriod,
  type MonthlyContribution,
  type PeriodMonth,
  type PressCoverage,
} from '../../../shared/domain/sokhcn/monthlyFolding.ts';
import { submissionOverview, type FollowedOrganization } from '../../../shared/domain/sokhcn/submissions.ts';
import type { OfficerSessionHolder } from './officerSession.ts';

/**
 * A half-year or year consolidation with the press's monthly reports (monthlyFolding.ts): the
 * monthly duties of the period's months the plan owes, each month's standing packages from the
 * officer API counted by the same rules as the period's own (accepted, or received and not
 * returned), then folded. Any other period is returned as it came.
 */
export async function withPressMonths(input: {
  officer: OfficerSessionHolder;
  catalog: Catalog;
  duty: FollowedDuty;
  today: IsoDate;
  acceptedOnly: boolean;
  units: ExpectedUnit[];
  contributions: Contribution[];
  /** The period's own organizations and package contents, as fetched for its consolidation. */
  periodOrganizations: FollowedOrganization[];
  periodContents: PackageContents[];
}): Promise<{
  units: ExpectedUnit[];
  contributions: Contribution[];
  press: PressCoverage[];
  unreadable: { code: string; problem: string }[];
}> {
  const { officer, catalog, duty } = input;
  const kind = duty.period?.kind;
  if (kind !== 'semiannual' && kind !== 'annual')
    return { units: input.units, contributions: input.contributions, press: [], unreadable: [] };
  const year = duty.period!.year;
  const client = officer.client();
  const months: PeriodMonth[] = [];
  const press = new Map<string, ExpectedUnit>();
  const monthly: MonthlyContribution[] = [];
  const unreadable: { code: string; problem: string }[] = [];
  for (const month of monthsOfPeriod(kind)) {
    const monthDuty = dutyByKey(catalog, periodKey({ kind: 'monthly', year, month }));
    if (!monthDuty) continue; // not owed: before the plan took effect, or no monthly duty at all
    months.push({ month, due: monthDuty.lastDay < input.today });
    const orgs = officer.unwrap(await client.organizations({ periodKey: monthDuty.periodKey }));
    const overview = submissionOverview(monthDuty, orgs.organizations, input.today);
    for (const r of overview.rows)
      press.set(r.code, { code: r.code, name: r.name, agencyType: r.agencyType });
    if (overview.rows.every((r) => !r.current)) continue;
    const contents = officer.unwrap(await client.contents(monthDuty.periodKey)).packages;
    const counted = countedContributions(overview.rows, contents, { acceptedOnly: input.acceptedOnly });
    monthly.push(...counted.contributions.map((c) => ({ ...c, year, month })));
    unreadable.push(...counted.unreadable.map((u) => ({ ...u, problem: `Tháng ${month}: ${u.problem}` })));
  }
  const known = new Set(input.units.map((u) => u.code));
  const pressUnits = [...press.values()].sort((a, b) => collator.compare(a.name, b.name));
  // A press agency's own report of the period ("hoặc khi có yêu cầu") counts instead of its months.
  const pressTypes = [...new Set(pressUnits.map((u) => u.agencyType))];
  const ownRows = submissionOverview(
    { ...duty, appliesTo: pressTypes },
    input.periodOrganizations,
    input.today,
  ).rows.filter((r) => !known.has(r.code));
  const own = countedContributions(ownRows, input.periodContents, { acceptedOnly: input.acceptedOnly });
  unreadable.push(...own.unreadable);
  const folded = foldPress({
    catalog,
    kind,
    year,
    months,
    pressUnits,
    periodContributions: [...input.contributions, ...own.contributions],
    monthly,
  });
  return {
    units: [...input.units, ...pressUnits.filter((u) => !known.has(u.code))],
    contributions: folded.contributions,
    press: folded.coverage,
    unreadable,
  };
}

const collator = new Intl.Collator('vi');
