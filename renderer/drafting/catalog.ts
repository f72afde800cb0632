import type { MethodOutput } from '../../shared/api.ts';
import type { Catalog } from '../../shared/domain/catalog/schema.ts';
import type { ValidationIssue } from '../../shared/domain/reports/reportValidation.ts';

export type Home = MethodOutput<'home.get'>;
export type Issue = ValidationIssue;

/**
 * The catalog as far as this department sees it ('home.get': its parts, tasks and indicators), in
 * the shape the shared validation and diff functions take. The fields home.get does not carry are
 * filled with neutral values; validation only looks at tasks and indicators.
 */
export function catalogFromHome(home: Home): Catalog {
  return {
    id: home.plan.id,
    number: home.plan.number,
    issuedOn: home.plan.issuedOn,
    issuer: home.plan.issuer,
    place: '',
    title: home.plan.title,
    targetYears: [...new Set(home.indicators.flatMap((i) => i.targets.map((t) => t.year)))].sort(),
    agencyTypes: [home.agencyType],
    parts: home.parts,
    tasks: home.tasks,
    indicators: home.indicators,
    reporting: {
      recipient: home.plan.recipient,
      planDue: home.plan.planDue,
      periodicDeadlines: [
        { month: 6, day: 15 },
        { month: 12, day: 15 },
      ],
      source: '',
      // The duties are not needed by the checks the editor runs; the service holds them.
      duties: [],
      term: home.plan.term,
    },
  };
}

/**
 * Runs a shared domain function; if it throws, the editor keeps working (the server validates
 * again on save) and the problem goes to the console instead of blanking the page.
 */
export function safely<T>(fn: () => T, fallback: T): T {
  try {
    return fn();
  } catch (e) {
    console.error(e);
    return fallback;
  }
}

export const NO_ISSUES: readonly Issue[] = Object.freeze([]);

/**
 * Issues under a path: `['indicators', 'CT02']` or `['tasks', 'III.1.a.3']`. A path element may be
 * the item's key or its index in the array, whichever the validator used.
 */
export function issuesUnder(
  issues: readonly Issue[],
  area: string,
  key: string,
  index: number,
): readonly Issue[] {
  const found = issues.filter((i) => i.path[0] === area && (i.path[1] === key || i.path[1] === index));
  return found.length ? found : NO_ISSUES;
}

export function errorsOf(issues: readonly Issue[]): Issue[] {
  return issues.filter((i) => i.severity === 'error');
}

/** For React.memo: two issue lists say the same thing. */
export function sameIssues(a: readonly Issue[], b: readonly Issue[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  return a.every((x, i) => x.message === b[i]!.message && x.severity === b[i]!.severity);
}
