import { useCallback, useMemo, useState } from 'react';
import type { DocumentMeta } from '../../shared/domain/documents/documentMeta.ts';
import type { Issue } from './catalog.ts';
import { useAutosave, type Autosave, type AutosaveOptions, type LoadedDocument } from './useAutosave.ts';

/**
 * What the plan, report and công văn editors share around their own fields: the document's status
 * as the last workflow step reported it (until the refetched document says as much), whether it
 * may be edited, and autosave against its save call, with the stored version to merge with after a
 * conflict. One place, so the three cannot drift apart in how they save or when they lock.
 */

/** A document is edited while it is a draft or after it was returned, never once submitted. */
const EDITABLE = new Set<DocumentMeta['status']>(['draft', 'returned']);

export interface EditableDocument<C> {
  meta: DocumentMeta;
  content: C;
}

const loadedOf = <C>(d: EditableDocument<C>): LoadedDocument<C> => ({
  id: d.meta.id,
  revision: d.meta.revision,
  content: d.content,
  savedAt: d.meta.updatedAt,
});

export interface DocumentEditorOptions<C> {
  doc: EditableDocument<C>;
  /** The user's right to edit this kind of document. */
  canEdit: boolean;
  /** An input holds text that is not a value (see invalidInputs.tsx). */
  hasInvalidInput: boolean;
  /** The document as stored now (after a conflict); module-level, so its identity is stable. */
  get: (id: string) => Promise<EditableDocument<C>>;
  save: AutosaveOptions<C>['save'];
  validate: (content: C) => Issue[];
  /** After a workflow step changed the status (e.g. to refresh other lists). */
  afterStep?: () => void;
}

export interface DocumentEditor<C> extends Autosave<C> {
  id: string;
  meta: DocumentMeta;
  readOnly: boolean;
  /** The stored document, for the conflict merge. */
  load: () => Promise<LoadedDocument<C>>;
  /** WorkflowPanel's report of a step: the new status and revision. */
  onStatus: (meta: DocumentMeta) => void;
}

export function useDocumentEditor<C>(options: DocumentEditorOptions<C>): DocumentEditor<C> {
  const { doc, canEdit, hasInvalidInput, get, save, validate, afterStep } = options;
  const id = doc.meta.id;
  const [stepMeta, setStepMeta] = useState<DocumentMeta | null>(null);
  const meta = stepMeta && stepMeta.revision >= doc.meta.revision ? stepMeta : doc.meta;
  const readOnly = !canEdit || !EDITABLE.has(meta.status);
  const initial = useMemo(() => loadedOf(doc), [doc]);
  const load = useCallback(async () => loadedOf(await get(id)), [get, id]);
  const autosave = useAutosave({ initial, save, load, validate, readOnly, hasInvalidInput });
  const { setRevision } = autosave;
  const onStatus = useCallback(
    (m: DocumentMeta) => {
      setStepMeta(m);
      setRevision(m.revision);
      afterStep?.();
    },
    [setRevision, afterStep],
  );
  return { ...autosave, id, meta, readOnly, load, onStatus };
}
