import { z } from 'zod';
import { organizationSchema } from '../organization/schemas.ts';
import { signerSchema } from '../organization/letterhead.ts';
import { planContentSchema } from '../plans/planContent.ts';
import { reportContentSchema } from '../reports/reportContent.ts';
import { documentStatusSchema } from './documentMeta.ts';

/**
 * The exchange JSON of a plan or a report: everything needed to print it as an official document
 * (the department, its letterhead, the signer, the number once issued and the content), in one
 * self-contained file. `npm run cli -- export-json` writes it, `npm run cli -- docx` reads it.
 */

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'ngày phải có dạng YYYY-MM-DD');

/**
 * "05/BC-SKHCN": the number from 01 (padded below 10), "/", then the type code and the agency's
 * abbreviation joined by "-", no spaces (Nghị định 30/2020, Phụ lục I).
 */
export const documentNumberSchema = z
  .string()
  .regex(
    /^(0[1-9]|[1-9]\d+)\/[A-ZĐ]+(-[A-ZĐ0-9]+)+$/u,
    'số văn bản phải có dạng "05/BC-SKHCN": số từ 01, dấu "/", mã loại văn bản và chữ viết tắt của cơ quan nối bằng "-", không có khoảng trắng',
  );

export const exchangeMetaSchema = z.object({
  title: z.string().min(1, 'không được để trống').max(300),
  status: documentStatusSchema,
  /** Null while drafting: the document shows "Số:      /BC-SKHCN" and a blank date line. */
  number: documentNumberSchema.nullable(),
  issuedOn: isoDate.nullable(),
});
export type ExchangeMeta = z.infer<typeof exchangeMetaSchema>;

const common = {
  format: z.literal('baocao-exchange', { error: 'phải là "baocao-exchange"' }),
  version: z.literal(1, { error: 'phiên bản định dạng được hỗ trợ là 1' }),
  organization: organizationSchema,
  /** The provincial plan template, e.g. "34-KH-UBND-2025" (resources/plans/<id>.json). */
  catalogId: z.string().min(1, 'không được để trống'),
  meta: exchangeMetaSchema,
  signer: signerSchema,
};

const typeCodes = { plan: 'KH', report: 'BC' } as const;

export const exchangeSchema = z
  .discriminatedUnion(
    'kind',
    [
      z.object({ ...common, kind: z.literal('plan'), content: planContentSchema }),
      z.object({ ...common, kind: z.literal('report'), content: reportContentSchema }),
    ],
    { error: 'kind phải là "plan" (kế hoạch) hoặc "report" (báo cáo)' },
  )
  .superRefine((doc, ctx) => {
    const { number, issuedOn } = doc.meta;
    if ((number === null) !== (issuedOn === null)) {
      ctx.addIssue({
        code: 'custom',
        path: ['meta', number === null ? 'number' : 'issuedOn'],
        message: 'số và ngày ban hành phải cùng có (văn bản đã ban hành) hoặc cùng để null (dự thảo)',
      });
    }
    if (number !== null) {
      const expected = `${typeCodes[doc.kind]}-${doc.organization.abbreviation}`;
      const code = number.slice(number.indexOf('/') + 1);
      if (code !== expected) {
        ctx.addIssue({
          code: 'custom',
          path: ['meta', 'number'],
          message: `ký hiệu phải là "${expected}" (${doc.kind === 'plan' ? 'kế hoạch' : 'báo cáo'} của ${doc.organization.name}), không phải "${code}"`,
        });
      }
    }
  });
export type ExchangeDocument = z.infer<typeof exchangeSchema>;
export type ExchangeInput = z.input<typeof exchangeSchema>;
export type PlanExchange = Extract<ExchangeDocument, { kind: 'plan' }>;
export type ReportExchange = Extract<ExchangeDocument, { kind: 'report' }>;

/** Where a problem is, as a reader of the JSON would write it: content.tasks[3].taskId */
export function exchangePath(path: readonly PropertyKey[]): string {
  return path
    .map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? String(k) : `.${String(k)}`))
    .join('');
}

/** One Vietnamese line per problem, each naming its field. */
export function describeExchangeIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.slice(0, 10).map((i) => `trường ${exchangePath(i.path) || '(gốc)'}: ${i.message}`);
}
