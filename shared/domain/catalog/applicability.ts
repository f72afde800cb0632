import type { Catalog, CatalogIndicator, CatalogTask, Duty } from './schema.ts';

/**
 * Who sees what of the plan: the tasks an agency type owes (with only the sentences that address
 * it), the tasks it takes part in, the indicators it reports and those it monitors, its duties.
 */

/** The task's words for an agency type: the sentences that name another kind of body are left out. */
export function taskTextFor(task: CatalogTask, agencyType: string): string {
  if (!task.sentences) return task.text;
  const own = task.sentences.filter((s) => s.appliesTo.includes(agencyType)).map((s) => s.text);
  return own.length ? own.join(' ') : task.text;
}

/**
 * The tasks the plan assigns to an agency type, in the plan's own order, worded for it (the
 * sentences are applied, so the copies carry no `sentences` of their own).
 */
export function tasksFor(catalog: Catalog, agencyType: string): CatalogTask[] {
  return catalog.tasks
    .filter((t) => t.appliesTo.includes(agencyType))
    .map((t) => {
      if (!t.sentences) return t;
      const { sentences: _applied, ...rest } = t;
      return { ...rest, text: taskTextFor(t, agencyType) };
    });
}

/** Items that name the agency type as a partner ("phối hợp với …"): not its own tasks. */
export function partnerTasksFor(catalog: Catalog, agencyType: string): CatalogTask[] {
  return catalog.tasks.filter(
    (t) => t.partnerTypes.includes(agencyType) && !t.appliesTo.includes(agencyType),
  );
}

export function indicatorsFor(catalog: Catalog, agencyType: string): CatalogIndicator[] {
  return catalog.indicators.filter((i) => i.appliesTo.includes(agencyType));
}

/** The indicators the agency type follows for the province ("Cơ quan tổng hợp, theo dõi"). */
export function monitoredBy(catalog: Catalog, agencyType: string): CatalogIndicator[] {
  return catalog.indicators.filter((i) => i.monitorTypes.includes(agencyType));
}

/** The documents the agency type owes (section V): the plan, the periodic, the monthly reports… */
export function dutiesFor(catalog: Catalog, agencyType: string): Duty[] {
  return catalog.reporting.duties.filter((d) => d.appliesTo.includes(agencyType));
}

/** Where the agency type sends what a duty asks: the recipient's own documents go further up. */
export function sendToFor(catalog: Catalog, duty: Duty, agencyType: string): string[] {
  return agencyType === catalog.reporting.recipientType ? duty.recipientSendsTo : duty.sendTo;
}

/** The parts that hold at least one of the given tasks, in plan order. */
export function partsOf(catalog: Catalog, tasks: readonly CatalogTask[]) {
  const used = new Set(tasks.map((t) => t.part));
  return catalog.parts.filter((p) => used.has(p.code));
}

/** An item's id as the plan prints it: "V.8.dd" is item đ) of V.8, so "V.8.đ". */
export function printedRef(id: string): string {
  return id.replace(/\.dd(?=\.|$)/g, '.đ');
}
