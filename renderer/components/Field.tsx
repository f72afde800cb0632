import { useId, type ReactNode } from 'react';
import { issueKey, type FieldPath } from './fieldFocus.ts';

/** A field's error state: its message under it, aria-invalid, and the mark a summary's link finds. */
interface ErrorProps {
  /** The refused value's message (formCheck.tsx). */
  error?: string | undefined;
  /** Where the field stands in the call's input, for the summary's link. */
  fieldPath?: FieldPath;
}

function errorAttrs(id: string, { error, fieldPath }: ErrorProps) {
  return {
    box: fieldPath ? { 'data-issue-keys': issueKey(fieldPath) } : {},
    control: error ? { 'aria-invalid': true, 'aria-describedby': `${id}-error` } : {},
    message: error ? (
      <div className="field-error" id={`${id}-error`}>
        {error}
      </div>
    ) : null,
  };
}

interface TextFieldProps extends ErrorProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  type?: 'text' | 'password' | 'email' | 'tel';
  required?: boolean;
  hint?: ReactNode;
  autoComplete?: string;
  placeholder?: string;
  disabled?: boolean;
}

export function TextField({
  label,
  value,
  onChange,
  type = 'text',
  required,
  hint,
  autoComplete,
  placeholder,
  disabled,
  ...errorProps
}: TextFieldProps) {
  const id = useId();
  const e = errorAttrs(id, errorProps);
  return (
    <div className="field" {...e.box}>
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
        type={type}
        value={value}
        required={required}
        autoComplete={autoComplete}
        placeholder={placeholder}
        disabled={disabled}
        onChange={(ev) => onChange(ev.target.value)}
        {...e.control}
      />
      {e.message}
      {hint && <div className="hint">{hint}</div>}
    </div>
  );
}

interface SelectFieldProps extends ErrorProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: { value: string; label: string }[];
  required?: boolean;
}

export function SelectField({ label, value, onChange, options, required, ...errorProps }: SelectFieldProps) {
  const id = useId();
  const e = errorAttrs(id, errorProps);
  return (
    <div className="field" {...e.box}>
      <label htmlFor={id}>
        {label}
        {required && (
          <span className="required" aria-hidden="true">
            {' *'}
          </span>
        )}
      </label>
      <select
        id={id}
        value={value}
        required={required}
        onChange={(ev) => onChange(ev.target.value)}
        {...e.control}
      >
        <option value="">— Chọn —</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {e.message}
    </div>
  );
}

export function ErrorBanner({ error }: { error: { message: string } | null | undefined }) {
  if (!error) return null;
  return (
    <div className="error-banner" role="alert">
      {error.message}
    </div>
  );
}

export function SuccessBanner({ children }: { children: ReactNode }) {
  return (
    <div className="success-banner" role="status">
      {children}
    </div>
  );
}
