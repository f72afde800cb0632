import { z } from 'zod';
import { text } from '../text.ts';
import { method, ok } from './method.ts';

/** A plan or report draft made by mistake, removed before it ever went anywhere. */
export const draftsApi = {
  /** Whether this user may delete the draft now, and if not, why (shown instead of the button). */
  'drafts.deletion': method({
    access: 'drafts.edit',
    readOnly: true,
    input: z.object({ id: text.id() }),
    output: z.object({ allowed: z.boolean(), reason: z.string().nullable() }),
  }),
  /**
   * "Xóa bản nháp": only a draft never submitted (no step in its history), by its author or a head.
   * The document, its versions and its attachment links go in one transaction with an audit entry
   * naming the document and its period; anything ever submitted stays, as the record requires.
   */
  'drafts.delete': method({
    access: 'drafts.edit',
    input: z.object({ id: text.id() }),
    output: ok,
  }),
};
