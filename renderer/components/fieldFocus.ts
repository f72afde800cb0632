/**
 * Going from a message to its field: the "Còn thiếu" list and the error summaries link to the
 * field each item is about. Fields mark themselves with the issues they show (`data-issue-keys`,
 * space-separated `issueKey`s) and sections with where they stand (`data-field-path`), so an item
 * whose field is not drawn on its own (a list that has no activity yet) goes to its section.
 */

export type FieldPath = readonly (string | number)[];

/** One token of `data-issue-keys` / the value of `data-field-path`: no spaces, no quotes. */
export const issueKey = (path: FieldPath): string => encodeURIComponent(path.join('/'));

export const issueKeysAttr = (paths: readonly FieldPath[]): string | undefined =>
  paths.length ? [...new Set(paths.map(issueKey))].join(' ') : undefined;

const CONTROLS = 'input:not([type=hidden]):not([disabled]), textarea:not([disabled]), select:not([disabled])';

function targetOf(path: FieldPath): Element | null {
  const exact = document.querySelector(`[data-issue-keys~="${issueKey(path)}"]`);
  if (exact) return exact;
  for (let n = path.length; n > 0; n--) {
    const el = document.querySelector(`[data-field-path="${issueKey(path.slice(0, n))}"]`);
    if (el) return el;
  }
  return null;
}

/** The control to focus near a marked element: the field's own, else the first empty one. */
function controlNear(el: Element): HTMLElement | null {
  if (el.matches(CONTROLS)) return el as HTMLElement;
  const box = el.matches('.field') ? el : (el.closest('.field, tr, li, section, form') ?? el);
  const controls = [...box.querySelectorAll<HTMLElement>(CONTROLS)];
  const empty = controls.find(
    (c) => (c instanceof HTMLInputElement || c instanceof HTMLTextAreaElement) && c.value.trim() === '',
  );
  return empty ?? controls[0] ?? null;
}

/** Opens the collapsed sections around the field, scrolls it into view and puts the cursor in it. */
export function focusField(path: FieldPath): boolean {
  const el = targetOf(path);
  if (!el) return false;
  for (let d = el.closest('details'); d; d = d.parentElement?.closest('details') ?? null) d.open = true;
  const control = controlNear(el);
  const target = control ?? (el as HTMLElement);
  target.scrollIntoView({ block: 'center' });
  control?.focus({ preventScroll: true });
  // Rows laid out only near the screen (content-visibility: auto) take their real height as the
  // scroll brings them in, which moves the field off centre (to the bottom edge in a long plan):
  // once more after those frames, unless the clerk has moved on.
  requestAnimationFrame(() =>
    requestAnimationFrame(() => {
      if (!control || document.activeElement === control) target.scrollIntoView({ block: 'center' });
    }),
  );
  return true;
}

/**
 * Items in the order their fields stand on the page (a schema lists its keys in its own order);
 * those whose field is not drawn keep their order, after the others.
 */
export function inPageOrder<T extends { path: FieldPath }>(items: readonly T[]): T[] {
  const placed = items.map((item, i) => ({ item, i, el: targetOf(item.path) }));
  placed.sort((a, b) => {
    if (a.el && b.el && a.el !== b.el)
      return a.el.compareDocumentPosition(b.el) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
    if (a.el && !b.el) return -1;
    if (!a.el && b.el) return 1;
    return a.i - b.i;
  });
  return placed.map((p) => p.item);
}
