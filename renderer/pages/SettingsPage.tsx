import { useState } from 'react';
import type { AgencyType } from '../../shared/domain/catalog/schema.ts';
import type { Letterhead } from '../../shared/domain/organization/letterhead.ts';
import type { Organization } from '../../shared/domain/organization/schemas.ts';
import { linesMatchName } from '../../shared/domain/organization/agencyHeading.ts';
import { AgencyHeadingField } from '../components/AgencyHeadingField.tsx';
import { ErrorBanner, SuccessBanner } from '../components/Field.tsx';
import { LetterheadForm } from '../components/LetterheadForm.tsx';
import {
  OrganizationForm,
  type FieldErrorOf,
  type OrganizationDraft,
} from '../components/OrganizationForm.tsx';
import { FormProblems, useFormCheck } from '../components/formCheck.tsx';
import { BackupPanel } from '../maintenance/BackupPanel.tsx';
import { LogExport } from '../maintenance/LogExport.tsx';
import { useApiMutation } from '../queries.ts';
import { AuditPanel } from '../security/AuditIntegrity.tsx';
import { SessionSettings } from '../security/SessionSettings.tsx';

export function SettingsPage({
  organization,
  agencyTypes,
}: {
  organization: Organization;
  agencyTypes: AgencyType[];
}) {
  const [draft, setDraft] = useState<OrganizationDraft>(organization);
  const [letterhead, setLetterhead] = useState<Letterhead>(organization.letterhead);
  const save = useApiMutation('organization.update');
  const input = {
    ...draft,
    letterhead: { ...letterhead, recipients: letterhead.recipients.map((r) => r.trim()).filter(Boolean) },
  };
  const form = useFormCheck('organization.update', input);
  // Errors by key, with the path the summary's links look for.
  const orgError: FieldErrorOf = (key) => ({ error: form.errorOf(key), fieldPath: [key] });
  const letterheadError: FieldErrorOf = (key) => {
    const path = ['letterhead', ...key.split('.')];
    // Nơi nhận is one text area: an error of any of its lines is its error.
    const error =
      key === 'recipients'
        ? form.problems
            .filter((p) => p.path[1] === 'recipients')
            .map((p) => (p.path.length > 2 ? `${p.label}: ${p.message}` : p.message))
            .join('; ') || undefined
        : form.errorOf(...path);
    return { error, fieldPath: path };
  };
  // The summary's link for a line of Nơi nhận goes to the text area.
  const problems = form.problems.map((p) =>
    p.path[1] === 'recipients' ? { ...p, path: ['letterhead', 'recipients'] } : p,
  );
  return (
    <div className="page">
      <h1>Thông tin cơ quan</h1>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (form.check(input)) save.mutate(input);
        }}
      >
        <OrganizationForm
          value={draft}
          onChange={(v) => {
            setDraft(v);
            // Breaks chosen for another name no longer apply: back to the program's choice.
            if (letterhead.agencyLines.length && !linesMatchName(letterhead.agencyLines, v.name)) {
              setLetterhead({ ...letterhead, agencyLines: [] });
            }
            save.reset();
          }}
          agencyTypes={agencyTypes}
          errorOf={orgError}
        />
        <h2>Thể thức văn bản</h2>
        <AgencyHeadingField
          name={draft.name}
          parentName={draft.parentName}
          letterhead={letterhead}
          onChange={(agencyLines) => {
            setLetterhead({ ...letterhead, agencyLines });
            save.reset();
          }}
        />
        <LetterheadForm
          errorOf={letterheadError}
          value={letterhead}
          onChange={(v) => {
            setLetterhead(v);
            save.reset();
          }}
        />
        <h2>Quy trình duyệt</h2>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={draft.singleHead ?? false}
            onChange={(e) => {
              setDraft({ ...draft, singleHead: e.target.checked });
              save.reset();
            }}
          />
          Cơ quan chỉ có một lãnh đạo: lãnh đạo được duyệt văn bản do chính mình soạn hoặc gửi duyệt
        </label>
        <FormProblems problems={problems} />
        <ErrorBanner error={save.error} />
        {save.isSuccess && <SuccessBanner>Đã lưu thông tin cơ quan.</SuccessBanner>}
        <div className="actions">
          <button type="submit" disabled={save.isPending}>
            Lưu thay đổi
          </button>
        </div>
      </form>
      <SessionSettings />
      <AuditPanel />
      <h2>Sao lưu và khôi phục</h2>
      <BackupPanel />
      <h2>Nhật ký lỗi</h2>
      <LogExport />
    </div>
  );
}
