import type { MethodName } from '../../shared/api.ts';
import type { ProgressStep } from '../../shared/api/progress.ts';

/**
 * The calls in flight that a person should see: long ones (a longer limit than the default, or
 * cancellable) once they have run a moment, with their progress and "Hủy" where it is safe.
 * call() (api.ts) registers them; CallProgress.tsx shows them.
 */
export interface TrackedCall {
  callId: string;
  name: MethodName;
  cancellable: boolean;
  progress: ProgressStep | null;
  cancel(): void;
}

/** Shorter calls would only flash. */
const SHOW_AFTER_MS = 400;

const calls = new Map<string, TrackedCall & { visible: boolean }>();
const listeners = new Set<() => void>();
let snapshot: TrackedCall[] = [];

function changed() {
  snapshot = [...calls.values()].filter((c) => c.visible);
  for (const l of listeners) l();
}

export const callTracker = {
  begin(call: Omit<TrackedCall, 'progress'>) {
    const entry = { ...call, progress: null, visible: false };
    calls.set(call.callId, entry);
    setTimeout(() => {
      if (calls.get(call.callId) === entry) {
        entry.visible = true;
        changed();
      }
    }, SHOW_AFTER_MS);
  },
  progress(callId: string, step: ProgressStep) {
    const c = calls.get(callId);
    if (!c) return;
    calls.set(callId, { ...c, progress: step, visible: true });
    changed();
  },
  end(callId: string) {
    const c = calls.get(callId);
    calls.delete(callId);
    if (c?.visible) changed();
  },
  subscribe(listener: () => void) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  snapshot: () => snapshot,
};
