import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import { ApiError } from '../api.ts';
import type { Issue } from './catalog.ts';
import { safely } from './catalog.ts';
import { newEditSession } from './ids.ts';
import { registerFlush, registerInvalidInput, registerUnsavedWork } from '../unsavedWork.ts';

/** A loaded plan or report: what the editor starts from. */
export interface LoadedDocument<C> {
  id: string;
  revision: number;
  content: C;
  /** When it was last stored (meta.updatedAt), shown until the first save of this session. */
  savedAt?: string;
}

export interface SaveRequest<C> {
  id: string;
  baseRevision: number;
  editSession: string;
  content: C;
}

export type SaveStatus =
  | { state: 'saved'; savedAt: string | null }
  | { state: 'saving' }
  | { state: 'invalid' }
  | { state: 'conflict'; message: string }
  | { state: 'error'; message: string };

export interface AutosaveOptions<C> {
  initial: LoadedDocument<C>;
  /** plans.save / reports.save */
  save: (
    request: SaveRequest<C>,
    options: { keepalive: boolean },
  ) => Promise<{ revision: number; savedAt: string }>;
  /** Fetches the document as stored now (after a conflict). */
  load: () => Promise<LoadedDocument<C>>;
  /** validatePlan / validateReport: nothing is sent while any issue has severity 'error'. */
  validate: (content: C) => Issue[];
  /** Read-only documents (sent for approval, no permission) are never saved. */
  readOnly?: boolean;
  /** Some input holds text that is not a value yet: it cannot be stored, so nothing is "Đã lưu". */
  hasInvalidInput?: boolean;
  delayMs?: number;
}

export interface Autosave<C> {
  draft: C;
  /** Applies an edit to the latest draft; stable across renders. */
  update: (edit: (draft: C) => C) => void;
  status: SaveStatus;
  /** Issues of the draft as it is now (computed on every edit). */
  issues: Issue[];
  revision: number;
  /** Saves now; resolves true once everything edited so far is stored. */
  flush: () => Promise<boolean>;
  /** Replaces the local draft with the stored document (after an import, or "Dùng tất cả bản đã lưu"). */
  reload: () => Promise<void>;
  /** The content this window's edits started from: the last version it loaded or saved. */
  getBase: () => C;
  /**
   * Ends a conflict: the merged content (fieldMerge.ts mergedSave) becomes the draft and is saved
   * at once over its baseRevision, the saved version's, so the optimistic lock still guards
   * against a third window; `saved` (that version) is the base of any later merge. A merge that
   * took every field from the saved version is not saved again.
   */
  resolveConflict: (merged: { content: C; baseRevision: number }, saved: LoadedDocument<C>) => void;
  /** Adopts a revision the server reported for another change (e.g. a submit). */
  setRevision: (revision: number) => void;
  /** The revision of the last save, up to date even before React re-renders. */
  getRevision: () => number;
  editSession: string;
}

interface EngineCallbacks<C> {
  setDraft: (draft: C) => void;
  setStatus: (status: SaveStatus) => void;
  setRevision: (revision: number) => void;
}

/**
 * The save loop, outside React so that its methods are stable: one save in flight at most, the
 * latest content queued behind it, the revision updated from every result.
 */
class AutosaveEngine<C> {
  private draft: C;
  /** What the store held when this window last loaded or saved: the base of a three-way merge. */
  private base: C;
  private revision: number;
  private editSeq = 0;
  private savedSeq = 0;
  private inFlight = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private conflict = false;
  private waiters: ((ok: boolean) => void)[] = [];

  constructor(
    private options: AutosaveOptions<C>,
    private readonly ui: EngineCallbacks<C>,
    readonly editSession: string,
  ) {
    this.draft = options.initial.content;
    this.base = options.initial.content;
    this.revision = options.initial.revision;
  }

  /** The latest callbacks and flags from the component (kept current after every render). */
  setOptions(options: AutosaveOptions<C>) {
    this.options = options;
  }

  private get dirty() {
    return this.editSeq !== this.savedSeq;
  }

  /** Edits not yet stored, or a save still on its way, or text that cannot be stored. */
  hasUnsaved = () => this.dirty || this.inFlight || this.hasInvalidInput();

  hasInvalidInput = () => !this.options.readOnly && (this.options.hasInvalidInput ?? false);

  private settle(ok: boolean) {
    const list = this.waiters;
    this.waiters = [];
    list.forEach((w) => w(ok));
  }

  private clearTimer() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  update = (edit: (d: C) => C) => {
    if (this.options.readOnly) return;
    const next = edit(this.draft);
    if (next === this.draft) return;
    this.draft = next;
    this.editSeq += 1;
    this.ui.setDraft(next);
    if (this.conflict) return;
    this.ui.setStatus({ state: 'saving' });
    // Counted from the first unsaved edit, not the last: someone typing without a pause still has
    // their text on disk within about a second.
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.save();
    }, this.options.delayMs ?? 800);
  };

  /** Sends the draft now (unless a save is in flight: then right after it). */
  save = (keepalive = false): void => {
    this.clearTimer();
    if (this.conflict || this.options.readOnly) return this.settle(false);
    if (!this.dirty) return this.settle(true);
    if (this.inFlight) return; // the in-flight save sends the latest content when it returns
    const content = this.draft;
    const issues = safely(() => this.options.validate(content), []);
    if (issues.some((i) => i.severity === 'error')) {
      this.ui.setStatus({ state: 'invalid' });
      return this.settle(false);
    }
    const seq = this.editSeq;
    this.inFlight = true;
    this.ui.setStatus({ state: 'saving' });
    const request = {
      id: this.options.initial.id,
      baseRevision: this.revision,
      editSession: this.editSession,
      content,
    };
    let succeeded = false;
    this.options
      .save(request, { keepalive })
      .then(
        (result) => {
          succeeded = true;
          this.base = content;
          this.revision = result.revision;
          this.ui.setRevision(result.revision);
          this.savedSeq = seq;
          if (this.editSeq === seq) {
            this.ui.setStatus({ state: 'saved', savedAt: result.savedAt });
            this.settle(true);
          }
        },
        (e: unknown) => {
          const message = e instanceof Error ? e.message : String(e);
          if (e instanceof ApiError && e.code === 'CONFLICT') {
            this.conflict = true;
            this.ui.setStatus({ state: 'conflict', message });
          } else {
            this.ui.setStatus({ state: 'error', message });
            // A refused value waits for the next edit; a lost connection (the service restarting,
            // a sleeping laptop) is retried on its own so the clerk's text still reaches the disk.
            if (e instanceof ApiError && e.code === 'INTERNAL' && !this.timer) {
              this.timer = setTimeout(() => {
                this.timer = null;
                this.save();
              }, 3_000);
            }
          }
          this.settle(false);
        },
      )
      .finally(() => {
        this.inFlight = false;
        // Edits made while this save was in flight: send them now, unless the debounce timer will.
        if (succeeded && this.dirty && !this.timer) this.save(keepalive);
      });
  };

  flush = (): Promise<boolean> => {
    if (!this.dirty && !this.inFlight) return Promise.resolve(!this.conflict);
    const done = new Promise<boolean>((resolve) => this.waiters.push(resolve));
    this.save();
    return done;
  };

  reload = async (): Promise<void> => {
    const fresh = await this.options.load();
    this.clearTimer();
    this.conflict = false;
    this.draft = fresh.content;
    this.base = fresh.content;
    this.revision = fresh.revision;
    this.savedSeq = this.editSeq;
    this.ui.setDraft(fresh.content);
    this.ui.setRevision(fresh.revision);
    this.ui.setStatus({ state: 'saved', savedAt: fresh.savedAt ?? null });
  };

  getRevision = () => this.revision;

  getBase = () => this.base;

  resolveConflict = (merged: { content: C; baseRevision: number }, saved: LoadedDocument<C>) => {
    this.clearTimer();
    this.conflict = false;
    this.base = saved.content;
    this.revision = merged.baseRevision;
    this.ui.setRevision(merged.baseRevision);
    this.draft = merged.content;
    this.ui.setDraft(merged.content);
    if (JSON.stringify(merged.content) === JSON.stringify(saved.content)) {
      // Everything taken from the saved version: it is stored already, no new version for it.
      this.savedSeq = this.editSeq;
      this.ui.setStatus({ state: 'saved', savedAt: saved.savedAt ?? null });
      this.settle(true);
      return;
    }
    this.editSeq += 1;
    this.save();
  };

  setRevision = (r: number) => {
    this.revision = r;
    this.ui.setRevision(r);
  };
}

/**
 * Autosave: each edit is sent ~800 ms after typing stops, never two saves at once (the latest
 * content waits for the one in flight), with the revision the draft was based on so that two
 * windows editing the same document get a CONFLICT instead of overwriting each other.
 */
export function useAutosave<C>(options: AutosaveOptions<C>): Autosave<C> {
  const { initial } = options;
  const [draft, setDraft] = useState<C>(initial.content);
  const [status, setStatus] = useState<SaveStatus>({ state: 'saved', savedAt: initial.savedAt ?? null });
  const [revision, setRevision] = useState(initial.revision);
  const [engine] = useState(
    () => new AutosaveEngine(options, { setDraft, setStatus, setRevision }, newEditSession()),
  );
  useEffect(() => {
    engine.setOptions(options);
  });

  useEffect(() => registerUnsavedWork(engine.hasUnsaved), [engine]);
  useEffect(() => registerInvalidInput(engine.hasInvalidInput), [engine]);
  useEffect(() => registerFlush(engine.flush), [engine]);

  // Leaving the page or hiding the window: send what is pending right away.
  useEffect(() => {
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') engine.save(true);
    };
    const onPageHide = () => engine.save(true);
    // Closing or reloading the window with text that cannot be stored: the browser asks first.
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (engine.hasInvalidInput()) e.preventDefault();
    };
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('pagehide', onPageHide);
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => {
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('pagehide', onPageHide);
      window.removeEventListener('beforeunload', onBeforeUnload);
      // Unmounting (going to another page of the app): do not drop the last edits.
      engine.save(true);
    };
  }, [engine]);

  // Validation follows the draft without slowing typing down: it may lag a keystroke behind.
  const { validate } = options;
  const deferredDraft = useDeferredValue(draft);
  const issues = useMemo(() => safely(() => validate(deferredDraft), []), [validate, deferredDraft]);

  // "Đã lưu" would be untrue while a field shows text that was never sent.
  const shownStatus: SaveStatus =
    options.hasInvalidInput && !options.readOnly && (status.state === 'saved' || status.state === 'saving')
      ? { state: 'invalid' }
      : status;

  return {
    draft,
    update: engine.update,
    status: shownStatus,
    issues,
    revision,
    flush: engine.flush,
    reload: engine.reload,
    getBase: engine.getBase,
    resolveConflict: engine.resolveConflict,
    setRevision: engine.setRevision,
    getRevision: engine.getRevision,
    editSession: engine.editSession,
  };
}
