import { z } from 'zod';
import { documentMetaSchema, saveRequestFields, saveResultSchema } from '../domain/documents/documentMeta.ts';
import { letterContentSchema } from '../domain/letters/letterContent.ts';
import { submissionStates } from '../domain/sokhcn/submissions.ts';
import { text } from '../text.ts';
import { empty, method } from './method.ts';

/**
 * Công văn (issue 12): Sở KH&CN's công văn đôn đốc, drafted in one click from "Tình hình gửi báo
 * cáo", edited here, then submitted, approved, signed and issued by the workflow's calls
 * (workflow.*, register.*) like any document. Served by electron/services/letters/.
 */

const letterDocumentSchema = z.object({ meta: documentMetaSchema, content: letterContentSchema });

export const lettersApi = {
  'letters.createDondoc': method({
    access: 'drafts.edit',
    input: z.object({
      periodKey: text.pattern(/^[a-z0-9-]{1,40}$/, 'Mã kỳ báo cáo không hợp lệ', 40),
      /** The filters of "Tình hình gửi báo cáo": the letter goes to the chased rows they show. */
      agencyType: text.pattern(/^[a-z][a-z0-9_]{0,40}$/, 'Loại cơ quan không hợp lệ').nullable(),
      state: z.enum(submissionStates).nullable(),
    }),
    output: z.object({ id: z.string(), addressees: z.number().int() }),
  }),
  'letters.get': method({
    access: 'user',
    readOnly: true,
    input: z.object({ id: text.id() }),
    output: letterDocumentSchema,
  }),
  'letters.save': method({
    access: 'drafts.edit',
    input: z.object({ ...saveRequestFields, content: letterContentSchema }),
    output: saveResultSchema,
  }),
  'letters.list': method({
    access: 'user',
    readOnly: true,
    input: empty,
    output: z.array(
      z.object({
        meta: documentMetaSchema,
        summary: z.string(),
        addressees: z.number().int(),
        periodKey: z.string().nullable(),
      }),
    ),
  }),
};
