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
