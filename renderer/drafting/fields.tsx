import { useId, useState, type ReactNode } from 'react';
import { focusField, issueKeysAttr } from '../components/fieldFocus.ts';
import type { Issue } from './catalog.ts';
import { useReportInvalid } from './invalidInputs.tsx';

/** Text for screen readers (and getByLabel) only. */
export function SrOnly({ children }: { children: ReactNode }) {
  return <span className="sr-only">{children}</span>;
}

/**
 * Errors next to the field they are about; `incomplete` ones go to the summary instead. The list
 * marks itself with every issue it was given, so the summary's link finds the field.
 */
export function FieldErrors({ issues, id }: { issues: readonly Issue[]; id?: string }) {
  const errors = issues.filter((i) => i.severity === 'error');
  const keys = issueKeysAttr(issues.map((i) => i.path));
  if (!errors.length) return keys ? <span className="issue-anchor" data-issue-keys={keys} /> : null;
  return (
    <ul className="field-errors" id={id} data-issue-keys={keys}>
      {errors.map((e, i) => (
        <li key={i}>{e.message}</li>
      ))}
    </ul>
  );
}

/** aria-invalid and the error list's id, for a control whose issues hold an error. */
function invalidProps(issues: readonly Issue[] | undefined, errorId: string) {
  const invalid = Boolean(issues?.some((i) => i.severity === 'error'));
  return invalid ? { 'aria-invalid': true, 'aria-describedby': errorId } : {};
}

interface TextAreaFieldProps {
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  rows?: number;
  issues?: readonly Issue[];
  badge?: ReactNode;
  placeholder?: string;
  autoFocus?: boolean;
  className?: string;
}

export function TextAreaField({
  label,
  value,
  onChange,
  rows = 3,
  issues,
  badge,
  placeholder,
  autoFocus,
  className,
}: TextAreaFieldProps) {
  const id = useId();
  return (
    <div
      className={`field ${className ?? ''}`}
      data-issue-keys={issueKeysAttr((issues ?? []).map((i) => i.path))}
    >
      {badge ? (
        <div className="field-head">
          <label htmlFor={id}>{label}</label>
          {badge}
        </div>
      ) : (
        <label htmlFor={id}>{label}</label>
      )}
      <textarea
        id={id}
        rows={rows}
        value={value}
        placeholder={placeholder}
        autoFocus={autoFocus}
        onChange={(e) => onChange(e.target.value)}
        {...invalidProps(issues, `${id}-errors`)}
      />
      {issues && <FieldErrors issues={issues} id={`${id}-errors`} />}
    </div>
  );
}

interface InputFieldProps {
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  type?: 'text' | 'url' | 'date';
  issues?: readonly Issue[];
  placeholder?: string;
  className?: string;
  /** Accessible name when it differs from the visible label. */
  ariaLabel?: string;
}

export function InputField({
  label,
  value,
  onChange,
  type = 'text',
  issues,
  placeholder,
  className,
  ariaLabel,
}: InputFieldProps) {
  const id = useId();
  return (
    <div
      className={`field ${className ?? ''}`}
      data-issue-keys={issueKeysAttr((issues ?? []).map((i) => i.path))}
    >
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type={type}
        value={value}
        placeholder={placeholder}
        aria-label={ariaLabel}
        onChange={(e) => onChange(e.target.value)}
        {...invalidProps(issues, `${id}-errors`)}
      />
      {issues && <FieldErrors issues={issues} id={`${id}-errors`} />}
    </div>
  );
}

/** Parses what the clerk typed: a whole, non-negative number, or a Vietnamese reason why not. */
export function parseWholeNumber(
  raw: string,
  min = 0,
  max = 1e9,
): { ok: true; value: number | null } | { ok: false; error: string } {
  const text = raw.trim();
  if (text === '') return { ok: true, value: null };
  if (/^-\s*\d+$/.test(text)) return { ok: false, error: 'Không được nhập số âm' };
  if (!/^\d+$/.test(text))
    return { ok: false, error: 'Chỉ nhập chữ số (số nguyên, không có dấu chấm, phẩy)' };
  const value = Number(text);
  if (value < min) return { ok: false, error: `Phải từ ${min} trở lên` };
  if (value > max) return { ok: false, error: `Không được lớn hơn ${max.toLocaleString('vi-VN')}` };
  return { ok: true, value };
}

interface NumberInputProps {
  /** Visible label. */
  label: ReactNode;
  /** Accessible name when it differs from the visible label, e.g. "Chỉ tiêu 2 – Tử số". */
  ariaLabel?: string;
  value: number | null;
  onChange: (value: number | null) => void;
  min?: number;
  max?: number;
  issues?: readonly Issue[];
  className?: string;
}

/**
 * A whole-number input that keeps what was typed: "12a" stays on screen with an inline error,
 * and only a valid number (or empty → null) reaches the document.
 */
export function NumberInput({
  label,
  ariaLabel,
  value,
  onChange,
  min,
  max,
  issues,
  className,
}: NumberInputProps) {
  const id = useId();
  const [raw, setRaw] = useState(value === null ? '' : String(value));
  const [shown, setShown] = useState(value);
  // The document changed from elsewhere (reload, carry-over): show its value.
  if (value !== shown) {
    setShown(value);
    const parsed = parseWholeNumber(raw, min, max);
    if (!parsed.ok || parsed.value !== value) setRaw(value === null ? '' : String(value));
  }
  const parsed = parseWholeNumber(raw, min, max);
  useReportInvalid(!parsed.ok);
  const errorId = `${id}-error`;
  return (
    <div className={`field number-field ${className ?? ''}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        aria-label={ariaLabel}
        aria-invalid={!parsed.ok}
        aria-describedby={parsed.ok ? undefined : errorId}
        value={raw}
        onChange={(e) => {
          const text = e.target.value;
          setRaw(text);
          const p = parseWholeNumber(text, min, max);
          if (p.ok && p.value !== value) {
            setShown(p.value);
            onChange(p.value);
          }
        }}
      />
      {!parsed.ok && (
        <div className="field-error" id={errorId} role="alert">
          {parsed.error}
        </div>
      )}
      {issues && <FieldErrors issues={issues} />}
    </div>
  );
}

/**
 * What a page does before a summary's link looks for its field: the plan editor, which mounts its
 * activities progressively (plan/useProgressiveCount.ts), mounts them all.
 */
type BeforeFocus = () => void;

/** One item of a summary: a link that takes the clerk to the field (opening its section). */
function IssueLink({ issue, beforeFocus }: { issue: Issue; beforeFocus?: BeforeFocus }) {
  const go = () => {
    beforeFocus?.();
    focusField(issue.path);
  };
  return (
    <button type="button" className="link issue-link" onClick={go}>
      {issue.message}
    </button>
  );
}

/** "Còn thiếu": what must be filled before sending, collapsed by default; each item links to its field. */
export function IncompleteSummary({
  issues,
  beforeFocus,
}: {
  issues: readonly Issue[];
  beforeFocus?: BeforeFocus;
}) {
  const incomplete = issues.filter((i) => i.severity === 'incomplete');
  if (!incomplete.length) return null;
  return (
    <details className="incomplete-summary" data-testid="incomplete-summary">
      <summary>Còn thiếu ({incomplete.length} mục cần hoàn thiện)</summary>
      <ul>
        {incomplete.map((i, n) => (
          <li key={n}>
            <IssueLink issue={i} beforeFocus={beforeFocus} />
          </li>
        ))}
      </ul>
    </details>
  );
}

/** All errors in one place, above the editor, so none is missed on a long page. */
export function ErrorSummary({
  issues,
  beforeFocus,
}: {
  issues: readonly Issue[];
  beforeFocus?: BeforeFocus;
}) {
  const errors = issues.filter((i) => i.severity === 'error');
  if (!errors.length) return null;
  return (
    <div className="error-banner" role="alert" data-testid="error-summary">
      <strong>Có {errors.length} lỗi cần sửa trước khi lưu:</strong>
      <ul>
        {errors.map((e, i) => (
          <li key={i}>
            <IssueLink issue={e} beforeFocus={beforeFocus} />
          </li>
        ))}
      </ul>
    </div>
  );
}

export function CarriedOverBadge({ show }: { show: boolean }) {
  if (!show) return null;
  return (
    <span className="badge carried" data-testid="carried-over">
      Sao chép từ kỳ trước
    </span>
  );
}
