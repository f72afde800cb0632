import { useId } from 'react';
import type { Letterhead } from '../../shared/domain/organization/letterhead.ts';
import { SelectField, TextField } from './Field.tsx';
import { issueKey, type FieldPath } from './fieldFocus.ts';
import type { FieldErrorOf } from './OrganizationForm.tsx';

interface Props {
  value: Letterhead;
  onChange: (value: Letterhead) => void;
  /** By path under the letterhead: 'margins.left', 'signer.title', 'recipients' (any line). */
  errorOf?: FieldErrorOf;
}
const noErrors: FieldErrorOf = (key) => ({ error: undefined, fieldPath: key.split('.') as FieldPath });

const marginFields: { key: keyof Letterhead['margins']; label: string; range: string }[] = [
  { key: 'top', label: 'Lề trên (mm)', range: '20–25' },
  { key: 'bottom', label: 'Lề dưới (mm)', range: '20–25' },
  { key: 'left', label: 'Lề trái (mm)', range: '30–35' },
  { key: 'right', label: 'Lề phải (mm)', range: '15–20' },
];

/** Thể thức văn bản: sizes, margins, Nơi nhận and the signature block of every document. */
export function LetterheadForm({ value, onChange, errorOf = noErrors }: Props) {
  const recipientsId = useId();
  const recipients = errorOf('recipients');
  const set = <K extends keyof Letterhead>(key: K, v: Letterhead[K]) => onChange({ ...value, [key]: v });
  return (
    <div className="form-grid">
      <SelectField
        label="Cỡ chữ Quốc hiệu / Tiêu ngữ"
        value={value.fontPair}
        onChange={(v) => set('fontPair', v === '12/13' ? '12/13' : '13/14')}
        options={[
          { value: '13/14', label: '13 / 14 (thông dụng)' },
          { value: '12/13', label: '12 / 13' },
        ]}
      />
      {marginFields.map((m) => (
        <TextField
          key={m.key}
          label={m.label}
          value={String(value.margins[m.key])}
          {...errorOf(`margins.${m.key}`)}
          onChange={(v) => set('margins', { ...value.margins, [m.key]: Number(v.replace(',', '.')) })}
          hint={`Từ ${m.range} mm theo Nghị định 30/2020`}
        />
      ))}
      <div className="field" data-issue-keys={issueKey(recipients.fieldPath)}>
        <label htmlFor={recipientsId}>Nơi nhận mặc định</label>
        <textarea
          id={recipientsId}
          rows={4}
          {...(recipients.error ? { 'aria-invalid': true, 'aria-describedby': `${recipientsId}-error` } : {})}
          value={value.recipients.join('\n')}
          onChange={(e) =>
            set(
              'recipients',
              e.target.value.split('\n').map((l) => l.replace(/^\s*-\s*/, '').replace(/;\s*$/, '')),
            )
          }
        />
        {recipients.error && (
          <div className="field-error" id={`${recipientsId}-error`}>
            {recipients.error}
          </div>
        )}
        <div className="hint">Mỗi dòng một nơi nhận; "- Như trên;" và "- Lưu: VT" được thêm tự động.</div>
      </div>
      <TextField
        label="Đơn vị lưu (sau “Lưu: VT,”)"
        value={value.archiveUnit}
        {...errorOf('archiveUnit')}
        onChange={(v) => set('archiveUnit', v)}
        placeholder="VP"
      />
      <TextField
        label="Quyền hạn ký"
        value={value.signer.authority}
        {...errorOf('signer.authority')}
        onChange={(v) => set('signer', { ...value.signer, authority: v })}
        hint="KT. GIÁM ĐỐC, TM. ỦY BAN NHÂN DÂN, Q. GIÁM ĐỐC…; để trống nếu thủ trưởng ký"
      />
      <TextField
        label="Chức vụ người ký"
        value={value.signer.title}
        {...errorOf('signer.title')}
        onChange={(v) => set('signer', { ...value.signer, title: v })}
        placeholder="PHÓ GIÁM ĐỐC"
      />
      <TextField
        label="Họ tên người ký"
        value={value.signer.name}
        {...errorOf('signer.name')}
        onChange={(v) => set('signer', { ...value.signer, name: v })}
      />
    </div>
  );
}
