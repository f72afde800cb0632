import { z } from 'zod';
import { text } from '../text.ts';
import { fileSchema, method, TIME_LIMITS } from './method.ts';

/**
 * The official documents of a plan or a report (Nghị định 30/2020), from one layout: the .docx for
 * reuse and the PDF — the electronic document that is signed and sent — for preview and export.
 */
const documentRef = z.object({ id: text.id() });

export const documentsApi = {
  'documents.renderDocx': method({
    timeLimitMs: TIME_LIMITS.file,
    cancellable: true,
    access: 'user',
    readOnly: true,
    input: documentRef,
    output: fileSchema,
  }),
  'documents.renderPdf': method({
    timeLimitMs: TIME_LIMITS.file,
    cancellable: true,
    access: 'user',
    readOnly: true,
    input: documentRef,
    output: fileSchema,
  }),
};
