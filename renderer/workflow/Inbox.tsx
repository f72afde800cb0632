import type { DocumentKind } from '../../shared/domain/documents/documentMeta.ts';
import { editorPath } from '../letters/links.ts';
import { useApiQuery } from '../queries.ts';
import { vietnamDateTime } from '../drafting/format.ts';
import { ErrorBanner } from '../components/Field.tsx';

const taskText = {
  review: 'Chờ duyệt và ký',
  issue: 'Chờ cấp số, ban hành',
  fix: 'Bị trả lại, cần sửa',
} as const;

const linkOf = (item: { documentId: string; kind: DocumentKind; task: keyof typeof taskText }) =>
  item.task === 'review'
    ? `#/review/${encodeURIComponent(item.documentId)}`
    : item.task === 'issue'
      ? `#/issue/${encodeURIComponent(item.documentId)}`
      : `#${editorPath(item.kind, item.documentId)}`;

/** "Hộp việc cần xử lý": what waits for this user, whatever their roles, oldest first. */
export function Inbox() {
  const inbox = useApiQuery('workflow.inbox', {});
  if (inbox.isPending) return null;
  if (inbox.isError) return <ErrorBanner error={inbox.error} />;
  return (
    <section aria-labelledby="inbox-h" data-testid="inbox">
      <h2 id="inbox-h">Việc cần xử lý ({inbox.data.length})</h2>
      {inbox.data.length === 0 ? (
        <p className="muted">Không có văn bản nào đang chờ anh/chị.</p>
      ) : (
        <ul className="inbox">
          {inbox.data.map((i) => (
            <li key={`${i.task}:${i.documentId}`} data-testid="inbox-item">
              <span className={`badge task-${i.task}`}>{taskText[i.task]}</span>{' '}
              <a href={linkOf(i)}>{i.title}</a>
              <div className="muted small">
                {i.byName} · {vietnamDateTime(i.since)}
                {i.reason && ` · ${i.reason}`}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
