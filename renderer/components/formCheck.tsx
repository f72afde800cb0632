import { useCallback, useEffect, useRef, useState } from 'react';
import { api, type MethodName } from '../../shared/api.ts';
// The same Vietnamese zod messages as the services give (shared/validation.ts configures zod).
import { describePath } from '../../shared/validation.ts';
import { focusField, inPageOrder, issueKey, type FieldPath } from './fieldFocus.ts';

/**
 * A form checks what it is about to send with the very schema the service checks it with
 * (shared/api.ts), so each refused value is shown under its field, by the field's own label, before
 * the call; the service still checks again.
 */

export interface FormProblem {
  path: FieldPath;
  /** "Lề trái", "Nơi nhận 2": the field as the form names it. */
  label: string;
  message: string;
}

export function checkInput(method: MethodName, value: unknown): FormProblem[] {
  const r = api[method].input.safeParse(value);
  if (r.success) return [];
  return r.error.issues.map((i) => ({
    path: i.path.filter((p): p is string | number => typeof p !== 'symbol'),
    label: describePath(i.path, method),
    message: i.message,
  }));
}

export interface FormCheck {
  problems: FormProblem[];
  /** Checks `value`; true when it may be sent. */
  check: (value: unknown) => boolean;
  clear: () => void;
  /** The message for the field at `path`, if it holds an error. */
  errorOf: (...path: (string | number)[]) => string | undefined;
}

/**
 * `current` is what the form would send now: once a check has failed, the list follows each edit,
 * so a fixed field loses its error at once.
 */
export function useFormCheck(method: MethodName, current?: unknown): FormCheck {
  const [problems, setProblems] = useState<FormProblem[]>([]);
  const checked = useRef(false);
  const check = useCallback(
    (value: unknown) => {
      const found = checkInput(method, value);
      checked.current = found.length > 0;
      setProblems(found);
      focusFirstOnPage(found);
      return found.length === 0;
    },
    [method],
  );
  const serialized = current === undefined ? '' : JSON.stringify(current);
  useEffect(() => {
    if (checked.current && serialized) setProblems(checkInput(method, JSON.parse(serialized)));
  }, [method, serialized]);
  const clear = useCallback(() => {
    checked.current = false;
    setProblems([]);
  }, []);
  const errorOf = (...path: (string | number)[]) =>
    problems.find((p) => issueKey(p.path) === issueKey(path))?.message;
  return { problems, check, clear, errorOf };
}

/**
 * After a refused send: the cursor to the first refused field on the page (a schema lists its keys
 * in its own order), once the fields have rendered their marks. True when there was one.
 */
export function focusFirstOnPage(problems: readonly FormProblem[]): boolean {
  const first = inPageOrder(problems)[0];
  if (first) setTimeout(() => focusField(first.path), 0);
  return first !== undefined;
}

/** "Lề trái: phải từ 30 đến 35 mm" unless the message already names the field. */
export function problemText(p: FormProblem): string {
  if (!p.label || p.message.toLowerCase().startsWith(p.label.toLowerCase())) return p.message;
  return `${p.label}: ${p.message}`;
}

/** The form's refused values above its button, each a link to its field. */
export function FormProblems({ problems }: { problems: readonly FormProblem[] }) {
  if (!problems.length) return null;
  return (
    <div className="error-banner" role="alert" data-testid="form-problems">
      <strong>Có {problems.length} lỗi cần sửa:</strong>
      <ul>
        {problems.map((p, i) => (
          <li key={i}>
            <button type="button" className="link issue-link" onClick={() => focusField(p.path)}>
              {problemText(p)}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
