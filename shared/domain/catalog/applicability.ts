import type { Catalog, CatalogIndicator, CatalogTask } from './schema.ts';

/** The tasks the plan assigns to an agency type, in the plan's own order. */
export function tasksFor(catalog: Catalog, agencyType: string): CatalogTask[] {
  return catalog.tasks.filter((t) => t.appliesTo.includes(agencyType));
}

export function indicatorsFor(catalog: Catalog, agencyType: string): CatalogIndicator[] {
  return catalog.indicators.filter((i) => i.appliesTo.includes(agencyType));
}

/** The parts that hold at least one of the given tasks, in plan order. */
export function partsOf(catalog: Catalog, tasks: readonly CatalogTask[]) {
  const used = new Set(tasks.map((t) => t.part));
  return catalog.parts.filter((p) => used.has(p.code));
}
