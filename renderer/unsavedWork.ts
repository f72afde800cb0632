/**
 * Edits typed but not yet stored, across every open editor. The updater's "Khởi động lại để cập
 * nhật" waits while there are any, so a restart never drops a keystroke.
 */
const sources = new Set<() => boolean>();

export function registerUnsavedWork(isDirty: () => boolean): () => void {
  sources.add(isDirty);
  return () => sources.delete(isDirty);
}

export const hasUnsavedWork = () => [...sources].some((s) => s());

/**
 * Inputs whose text cannot be stored (see drafting/invalidInputs.tsx). Pending valid edits are
 * saved when an editor closes; these would be lost, so leaving the page asks first.
 */
const invalidSources = new Set<() => boolean>();

export function registerInvalidInput(isInvalid: () => boolean): () => void {
  invalidSources.add(isInvalid);
  return () => invalidSources.delete(isInvalid);
}

export const hasInvalidInput = () => [...invalidSources].some((s) => s());

export const LEAVE_WITH_INVALID_INPUT =
  'Có ô đang nhập chưa hợp lệ (tô đỏ): giá trị đó chưa được lưu và sẽ mất nếu rời trang. Vẫn rời trang?';

/** True when the page may be left: nothing unstorable is typed, or the user accepts losing it. */
export function confirmLeave(): boolean {
  return !hasInvalidInput() || window.confirm(LEAVE_WITH_INVALID_INPUT);
}

/** How each open editor sends what is pending now (its autosave's flush). */
const flushers = new Set<() => Promise<boolean>>();

export function registerFlush(flush: () => Promise<boolean>): () => void {
  flushers.add(flush);
  return () => flushers.delete(flush);
}

/** Sends every editor's pending edits and waits for them: before logging out, while it still can. */
export async function saveAllPending(): Promise<void> {
  await Promise.all([...flushers].map((f) => f().catch(() => false)));
}
