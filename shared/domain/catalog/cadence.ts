import { foldName } from './fields.ts';
import type { Cadence, CatalogTask } from './schema.ts';

/** Every rule of a task's timing, the printed one first ("hoàn thành trong năm 2025", then "thường xuyên…"). */
export function cadencesOf(task: Pick<CatalogTask, 'cadence' | 'extraCadences'>): Cadence[] {
  return [task.cadence, ...(task.extraCadences ?? [])].filter((c) => c.text.trim() !== '');
}

/** "Hoàn thành năm 2026", or "hoàn thành trong năm 2025; thường xuyên truyền thông": for badges. */
export function cadenceLabel(task: Pick<CatalogTask, 'cadence' | 'extraCadences'>): string {
  return cadencesOf(task)
    .map((c) => c.text.trim())
    .join('; ');
}

/**
 * The cadence to print after a task's text in a document, " (Nhiệm vụ thường xuyên)", leaving out
 * every rule whose words the text already says ("…hoàn thành trước ngày 10/9/2025 và gửi…"), so
 * the cadence is printed once. "" when nothing is left.
 */
export function cadenceSuffix(task: Pick<CatalogTask, 'cadence' | 'extraCadences'>, text: string): string {
  const said = foldName(text);
  const rest = cadencesOf(task)
    .map((c) => c.text.trim())
    .filter((t) => !said.includes(foldName(t)));
  return rest.length ? ` (${rest.join('; ')})` : '';
}
