import { z } from 'zod';
import { saveResultSchema } from '../domain/documents/documentMeta.ts';
import { text } from '../text.ts';
import { method } from './method.ts';

/** Going back to an earlier version of a plan or a report, from "Lịch sử phiên bản". */
export const versionsApi = {
  /**
   * "Khôi phục phiên bản này": the version's content becomes the document's content as a new
   * version; every version, the restored one included, stays in the history.
   */
  'documents.restoreVersion': method({
    access: 'drafts.edit',
    input: z.object({ id: text.id(), versionNo: z.number().int().positive() }),
    output: saveResultSchema.extend({ versionNo: z.number().int().positive() }),
  }),
};
