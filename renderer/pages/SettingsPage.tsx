import { useState } from 'react';
import type { AgencyType } from '../../shared/domain/catalog/schema.ts';
import type { Letterhead } from '../../shared/domain/organization/letterhead.ts';
import type { Organization } from '../../shared/domain/organization/schemas.ts';
import { linesMatchName } from '../../shared/domain/organization/agencyHeading.ts';
import { AgencyHeadingField } from '../components/AgencyHeadingField.tsx';
import { ErrorBanner, SuccessBanner } from '../components/Field.tsx';
import { LetterheadForm } from '../components/LetterheadForm.tsx';
import { OrganizationForm, type OrganizationDraft } from '../components/OrganizationForm.tsx';
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
  return (
    <div className="page">
      <h1>Thông tin cơ quan</h1>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate({
            ...draft,
            letterhead: {
              ...letterhead,
              recipients: letterhead.recipients.map((r) => r.trim()).filter(Boolean),
            },
          });
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
