import type { OrganizationInput } from '../../shared/domain/organization/schemas.ts';
import { SelectField, TextField } from './Field.tsx';
import type { FieldPath } from './fieldFocus.ts';

/** The error state of one field of the form, by its key (see formCheck.tsx). */
export type FieldErrorOf = (key: string) => { error: string | undefined; fieldPath: FieldPath };
const noErrors: FieldErrorOf = (key) => ({ error: undefined, fieldPath: [key] });

export type OrganizationDraft = Required<Omit<OrganizationInput, 'planId' | 'letterhead' | 'singleHead'>> &
  Pick<OrganizationInput, 'planId' | 'letterhead' | 'singleHead'>;

export const emptyOrganization: OrganizationDraft = {
  name: '',
  parentName: 'UBND TỈNH BẮC NINH',
  agencyType: '',
  abbreviation: '',
  place: 'Bắc Ninh',
  address: '',
  phone: '',
  email: '',
};

interface Props {
  value: OrganizationDraft;
  onChange: (value: OrganizationDraft) => void;
  agencyTypes: { code: string; name: string }[];
  errorOf?: FieldErrorOf;
}

export function OrganizationForm({ value, onChange, agencyTypes, errorOf = noErrors }: Props) {
  const set = (key: keyof OrganizationDraft) => (v: string) => onChange({ ...value, [key]: v });
  return (
    <div className="form-grid">
      <TextField
        label="Tên cơ quan"
        value={value.name}
        {...errorOf('name')}
        onChange={set('name')}
        required
        placeholder="Sở Khoa học và Công nghệ"
        hint="Viết thường như trong câu văn (Sở Văn hóa, Thể thao và Du lịch; UBND xã Phật Tích): văn bản tự in hoa ở tiêu đề"
      />
      <TextField
        label="Cơ quan chủ quản"
        value={value.parentName}
        {...errorOf('parentName')}
        onChange={set('parentName')}
        hint="In hoa phía trên tên cơ quan, ví dụ UBND TỈNH BẮC NINH; để trống với UBND xã, phường"
      />
      <SelectField
        label="Loại cơ quan"
        value={value.agencyType}
        {...errorOf('agencyType')}
        onChange={set('agencyType')}
        required
        options={agencyTypes.map((a) => ({ value: a.code, label: a.name }))}
      />
      <TextField
        label="Chữ viết tắt"
        value={value.abbreviation}
        {...errorOf('abbreviation')}
        onChange={set('abbreviation')}
        required
        placeholder="SKHCN"
        hint="Dùng trong số ký hiệu văn bản, ví dụ Số: 05/BC-SKHCN"
      />
      <TextField
        label="Địa danh"
        value={value.place}
        {...errorOf('place')}
        onChange={set('place')}
        required
        hint="Ghi ở dòng ngày tháng: Bắc Ninh, ngày 05 tháng 02 năm 2026"
      />
      <TextField label="Địa chỉ" value={value.address} {...errorOf('address')} onChange={set('address')} />
      <TextField
        label="Số điện thoại"
        type="tel"
        value={value.phone}
        {...errorOf('phone')}
        onChange={set('phone')}
      />
      <TextField
        label="Thư điện tử"
        type="email"
        value={value.email}
        {...errorOf('email')}
        onChange={set('email')}
      />
    </div>
  );
}
