import { createContext, useCallback, useContext, useEffect, useId, useState, type ReactNode } from 'react';

/**
 * Inputs holding text that is not a value ("1x" in a count, "31/02/2026" in a date): what was
 * typed stays on screen and never reaches the document, so the editor must not claim "Đã lưu"
 * and a row must not show a result computed from the value the text replaced.
 */
type Report = (key: string, invalid: boolean) => void;

const InvalidInputsContext = createContext<Report | null>(null);

export const InvalidInputsProvider = InvalidInputsContext.Provider;

/** Tells the enclosing scopes (the row, the editor) whether this input holds such text. */
export function useReportInvalid(invalid: boolean) {
  const report = useContext(InvalidInputsContext);
  const key = useId();
  useEffect(() => {
    if (!report || !invalid) return;
    report(key, true);
    return () => report(key, false);
  }, [report, key, invalid]);
}

/** Collects the invalid inputs below it and passes each on to the scope around it. */
export function useInvalidScope(): { invalid: boolean; report: Report } {
  const parent = useContext(InvalidInputsContext);
  const [keys, setKeys] = useState<ReadonlySet<string>>(() => new Set());
  const report = useCallback<Report>(
    (key, invalid) => {
      setKeys((prev) => {
        if (prev.has(key) === invalid) return prev;
        const next = new Set(prev);
        if (invalid) next.add(key);
        else next.delete(key);
        return next;
      });
      parent?.(key, invalid);
    },
    [parent],
  );
  return { invalid: keys.size > 0, report };
}

/** A scope as a component: `children` learns whether any input below holds such text. */
export function InvalidInputsScope({ children }: { children: (invalid: boolean) => ReactNode }) {
  const { invalid, report } = useInvalidScope();
  return <InvalidInputsProvider value={report}>{children(invalid)}</InvalidInputsProvider>;
}
