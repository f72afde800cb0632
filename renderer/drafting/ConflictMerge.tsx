import { useEffect, useMemo, useState } from 'react';
import { diffText } from '../../shared/domain/documents/documentDiff.ts';
import { fieldConflicts, mergedSave, type MergeField } from '../../shared/domain/documents/fieldMerge.ts';
import { Pieces } from '../documents/DiffTable.tsx';
import { SaveProblems } from './SaveStatus.tsx';
import type { LoadedDocument, SaveStatus } from './useAutosave.ts';
import type { DocumentEditor } from './useDocumentEditor.ts';

interface Props<C> {
  status: SaveStatus;
  draft: C;
  /** The version this window's edits started from. */
  getBase: () => C;
  /** The document as stored now. */
  load: () => Promise<LoadedDocument<C>>;
  fields: (base: C, mine: C, saved: C) => MergeField<C>[];
  resolve: (merged: { content: C; baseRevision: number }, saved: LoadedDocument<C>) => void;
}

type Side = 'mine' | 'saved';

/** Long texts show what differs word by word, as "Lịch sử phiên bản" does. */
function Value({ mine, saved, side }: { mine: string; saved: string; side: Side }) {
  if (mine.length > 80 || saved.length > 80) {
    return <Pieces pieces={diffText(saved, mine)} side={side === 'mine' ? 'after' : 'before'} />;
  }
  return <>{side === 'mine' ? mine : saved}</>;
}

/**
 * The conflict panel: another window saved this document after this one loaded it. Every field the
 * user changed that the saved version holds differently is listed with both values; the user keeps
 * either, per field or all at once, and "Lưu bản đã gộp" saves the result over the saved version.
 * Fields the user did not touch take the saved value without asking.
 */
export function ConflictMerge<C>(props: Props<C>) {
  // Mounted afresh for every conflict: it loads the saved version once, when the conflict begins.
  return props.status.state === 'conflict' ? (
    <ConflictPanel {...props} message={props.status.message} />
  ) : null;
}

function ConflictPanel<C>({
  message,
  draft,
  getBase,
  load,
  fields,
  resolve,
}: Props<C> & { message: string }) {
  const [saved, setSaved] = useState<LoadedDocument<C> | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [choice, setChoice] = useState<Record<string, Side>>({});

  useEffect(() => {
    let live = true;
    load().then(
      (d) => live && setSaved(d),
      (e: unknown) => live && setLoadError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [load]);

  const merge = useMemo(() => {
    if (!saved) return null;
    const base = getBase();
    const list = fields(base, draft, saved.content);
    return { list, conflicts: fieldConflicts(list, base, draft, saved.content) };
  }, [saved, draft, getBase, fields]);

  const sideOf = (key: string): Side => choice[key] ?? 'mine';
  const setAll = (side: Side) =>
    setChoice(Object.fromEntries((merge?.conflicts ?? []).map((c) => [c.key, side])));
  const save = () => {
    if (!saved || !merge) return;
    const keep = new Set(merge.conflicts.filter((c) => sideOf(c.key) === 'mine').map((c) => c.key));
    resolve(mergedSave(merge.list, draft, saved, keep), saved);
  };

  return (
    <div className="error-banner conflict-banner" role="alert" data-testid="conflict-banner">
      <div>
        <strong>Không lưu được vì tài liệu đã được sửa ở nơi khác.</strong> {message}
      </div>
      {loadError && <div>Không tải được bản đã lưu: {loadError}</div>}
      {!merge && !loadError && <div className="muted">Đang tải bản đã lưu để so sánh…</div>}
      {merge && (
        <>
          <div className="muted">
            {merge.conflicts.length > 0
              ? `${merge.conflicts.length} mục bạn đã sửa khác với bản đã lưu. Chọn bản giữ lại cho từng mục; các mục bạn không sửa lấy theo bản đã lưu.`
              : 'Những gì bạn sửa không khác bản đã lưu. Lưu để tiếp tục từ bản đã lưu.'}
          </div>
          {merge.conflicts.length > 0 && (
            <div className="conflict-scroll">
              <table className="grid diff-table conflict-table" data-testid="conflict-fields">
                <thead>
                  <tr>
                    <th className="col-item">Mục</th>
                    <th>Bản của bạn</th>
                    <th>Bản đã lưu</th>
                  </tr>
                </thead>
                <tbody>
                  {merge.conflicts.map((c) => (
                    <tr key={c.key} data-testid="conflict-field">
                      <td className="conflict-label">{c.label}</td>
                      {(['mine', 'saved'] as const).map((side) => (
                        <td key={side} className={sideOf(c.key) === side ? 'chosen' : ''}>
                          <label className="conflict-choice">
                            <input
                              type="radio"
                              name={`conflict-${c.key}`}
                              checked={sideOf(c.key) === side}
                              onChange={() => setChoice((x) => ({ ...x, [c.key]: side }))}
                              aria-label={`${c.label} – ${side === 'mine' ? 'Bản của bạn' : 'Bản đã lưu'}`}
                            />
                            <span>
                              <Value mine={c.mine} saved={c.saved} side={side} />
                            </span>
                          </label>
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <div className="dialog-actions">
            {merge.conflicts.length > 0 && (
              <>
                <button type="button" className="secondary" onClick={() => setAll('mine')}>
                  Giữ tất cả bản của bạn
                </button>
                <button type="button" className="secondary" onClick={() => setAll('saved')}>
                  Dùng tất cả bản đã lưu
                </button>
              </>
            )}
            <button type="button" onClick={save}>
              Lưu bản đã gộp
            </button>
          </div>
        </>
      )}
    </div>
  );
}

/** Under an editor's header: what could not be saved, and the merge when another window saved first. */
export function SaveTroubles<C>({
  editor,
  fields,
}: {
  editor: DocumentEditor<C>;
  fields: Props<C>['fields'];
}) {
  return (
    <>
      <SaveProblems status={editor.status} />
      <ConflictMerge
        status={editor.status}
        draft={editor.draft}
        getBase={editor.getBase}
        load={editor.load}
        fields={fields}
        resolve={editor.resolveConflict}
      />
    </>
  );
}
