import { useId, useState, type ReactNode } from 'react';
import { parseVietnameseDate, toVietnameseDate } from '../../shared/domain/dateInput.ts';
import { useReportInvalid } from '../drafting/invalidInputs.tsx';
import { issueKey, type FieldPath } from './fieldFocus.ts';

interface Props {
  label: ReactNode;
  /** ISO date, or '' when empty. */
  value: string;
  /** Called with the ISO date once the text is a real day, with '' when it is cleared. */
  onChange: (iso: string) => void;
  hint?: ReactNode;
  required?: boolean;
  /** A refused value's message (the form's own check), shown under the field. */
  error?: string | undefined;
  fieldPath?: FieldPath;
}

/**
 * A date typed as ngày/tháng/năm ("05/02/2026") whatever the browser's language, since a
 * browser's own date input shows mm/dd/yyyy in an English browser.
 */
export function DateField({ label, value, onChange, hint, required, error, fieldPath }: Props) {
  const id = useId();
  const [text, setText] = useState(() => toVietnameseDate(value));
  const [invalid, setInvalid] = useState(false);
  useReportInvalid(invalid);
  // A new value from outside (a default, a reload) replaces what is shown, unless it is the day
  // already typed: adjusted while rendering, as React recommends for state derived from props.
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    setShown(value);
    if (parseVietnameseDate(text) !== value) {
      setText(toVietnameseDate(value));
      setInvalid(false);
    }
  }
  return (
    <div className="field date-field" data-issue-keys={fieldPath ? issueKey(fieldPath) : undefined}>
      <label htmlFor={id}>
        {label}
        {required && (
          <span className="required" aria-hidden="true">
            {' *'}
          </span>
        )}
      </label>
      <input
        id={id}
        type="text"
        inputMode="numeric"
        placeholder="ngày/tháng/năm"
        value={text}
        aria-invalid={invalid || Boolean(error)}
        aria-describedby={!invalid && error ? `${id}-error` : undefined}
        onChange={(e) => {
          const t = e.target.value;
          setText(t);
          const iso = t.trim() ? parseVietnameseDate(t) : '';
          setInvalid(iso === null);
          if (iso !== null) onChange(iso);
        }}
      />
      {invalid && (
        <div className="field-error" role="alert">
          Ngày không hợp lệ: nhập theo dạng ngày/tháng/năm, ví dụ 05/02/2026
        </div>
      )}
      {!invalid && error && (
        <div className="field-error" id={`${id}-error`}>
          {error}
        </div>
      )}
      {hint && <div className="hint">{hint}</div>}
    </div>
  );
}
