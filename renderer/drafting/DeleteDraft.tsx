import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { call, type ApiError } from '../api.ts';
import { ErrorBanner } from '../components/Field.tsx';
import { useApiQuery } from '../queries.ts';

interface Props {
  documentId: string;
  /** "báo cáo 6 tháng đầu năm 2026", named in the question so the clerk knows what goes. */
  what: string;
  /** Where to go once it is gone. */
  onDeleted: () => void;
}

/**
 * "Xóa bản nháp" for a draft made by mistake. Shown only when the service says this user may
 * delete it (never submitted; its author or a head); asks on the page before anything goes.
 */
export function DeleteDraft({ documentId, what, onDeleted }: Props) {
  const titleId = useId();
  const deletion = useApiQuery('drafts.deletion', { id: documentId });
  const client = useQueryClient();
  // Leave the editor first, then refresh the lists: refetching the deleted document while its
  // editor is still open would only show "không tìm thấy".
  const remove = useMutation<unknown, ApiError, void>({
    mutationFn: () => call('drafts.delete', { id: documentId }),
    onSuccess: async () => {
      onDeleted();
      await client.invalidateQueries();
    },
  });
  const [asking, setAsking] = useState(false);
  if (!deletion.data?.allowed) return null;
  return (
    <>
      <button type="button" className="secondary" onClick={() => setAsking(true)}>
        Xóa bản nháp
      </button>
      {asking && (
        <div className="dialog-backdrop">
          <div className="dialog panel" role="alertdialog" aria-modal="true" aria-labelledby={titleId}>
            <h2 id={titleId}>Xóa bản nháp?</h2>
            <p>
              Xóa hẳn {what}: nội dung và các phiên bản của bản nháp sẽ không còn. Nhật ký hoạt động vẫn ghi
              lại việc xóa (người xóa, thời điểm, văn bản và kỳ báo cáo).
            </p>
            <ErrorBanner error={remove.error} />
            <div className="dialog-actions">
              <button
                type="button"
                className="danger"
                disabled={remove.isPending}
                onClick={() => remove.mutate()}
              >
                Xóa bản nháp
              </button>
              <button type="button" className="secondary" onClick={() => setAsking(false)}>
                Hủy
              </button>
            </div>
          </div>
        </div>
      )}
    </>
  );
}
