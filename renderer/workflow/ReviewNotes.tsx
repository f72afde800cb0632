import { createContext, useContext, useState } from 'react';
import type { CommentArea, ReviewComment } from '../../shared/api/workflow.ts';
import { useApiMutation } from '../queries.ts';
import { vietnamDateTime } from '../drafting/format.ts';

/**
 * The head's comments on a returned document, shown next to the fields they concern. The editor
 * provides them once; each section, indicator and task asks for its own.
 */
interface Notes {
  comments: ReviewComment[];
  /** The clerk may mark a comment resolved while the document is being fixed. */
  canResolve: boolean;
}
const NotesContext = createContext<Notes>({ comments: [], canResolve: false });
export const ReviewNotesProvider = NotesContext.Provider;

export function ReviewNotes({ area, target }: { area: CommentArea; target: string }) {
  const { comments, canResolve } = useContext(NotesContext);
  const resolve = useApiMutation('workflow.resolveComment');
  // The tick shows at once; the list catches up when the comments are read again.
  const [ticked, setTicked] = useState<Record<string, boolean>>({});
  const mine = comments.filter((c) => c.area === area && c.key === target);
  if (!mine.length) return null;
  return (
    <ul className="review-notes" aria-label="Ý kiến của lãnh đạo">
      {mine.map((c) => (
        <li key={c.id} className={c.resolvedAt ? 'resolved' : ''} data-testid="review-note">
          <div className="review-note-text">{c.text}</div>
          <div className="muted small">
            {c.authorName} · {vietnamDateTime(c.createdAt)}
            {c.resolvedAt && ` · Đã xử lý (${c.resolvedByName})`}
          </div>
          {canResolve && (
            <label className="checkbox small">
              <input
                type="checkbox"
                checked={ticked[c.id] ?? Boolean(c.resolvedAt)}
                onChange={(e) => {
                  const resolved = e.target.checked;
                  setTicked((t) => ({ ...t, [c.id]: resolved }));
                  resolve.mutate(
                    { id: c.id, resolved },
                    { onError: () => setTicked(({ [c.id]: _, ...rest }) => rest) },
                  );
                }}
              />
              Đã xử lý
            </label>
          )}
        </li>
      ))}
    </ul>
  );
}
