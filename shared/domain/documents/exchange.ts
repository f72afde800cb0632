import { z } from 'zod';
import { parseIsoDate } from '../calendarDate.ts';
import { organizationSchema } from '../organization/schemas.ts';
import { signerSchema } from '../organization/letterhead.ts';
import { letterContentSchema } from '../letters/letterContent.ts';
import { planContentSchema } from '../plans/planContent.ts';
import { reportContentSchema } from '../reports/reportContent.ts';
import { documentStatusSchema } from './documentMeta.ts';
import { unknownKeys } from './unknownKeys.ts';

/**
 * The exchange JSON of a plan or a report: everything needed to print it as an official document
 * (the department, its letterhead, the signer, the number once issued and the content), in one
 * self-contained file. `npm run cli -- export-json` writes it, `npm run cli -- docx` reads it.
 */

/** A date that exists: "2026-02-30" has the right shape and is still refused. */
const realDate = (ctx: z.RefinementCtx, date: unknown, path: (string | number)[]) => {
  if (typeof date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return;
  try {
    parseIsoDate(date);
  } catch {
    ctx.addIssue({ code: 'custom', path, message: `ngày ${date} không có trong lịch` });
  }
};

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'ngày phải có dạng YYYY-MM-DD')
  .superRefine((d, ctx) => realDate(ctx, d, []));

/**
 * "05/BC-SKHCN": the number from 01 (padded below 10), "/", then the type code and the agency's
 * abbreviation joined by "-", no spaces (Nghị định 30/2020, Phụ lục I).
 */
export const documentNumberSchema = z
  .string()
  .regex(
    /^(0[1-9]|[1-9]\d+)\/[A-ZĐ]+(-[A-ZĐ0-9]+)*$/u,
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

const typeCodes = { plan: 'KH', report: 'BC', letter: '' } as const;

/** "BC-SKHCN"; a công văn has no type code: "SKHCN" or, with its drafting unit, "SKHCN-VP". */
export function numberCode(doc: {
  kind: keyof typeof typeCodes;
  organization: { abbreviation: string };
  content: unknown;
}): string {
  if (doc.kind !== 'letter') return `${typeCodes[doc.kind]}-${doc.organization.abbreviation}`;
  const unit = (doc.content as { draftingUnit?: string }).draftingUnit ?? '';
  return [doc.organization.abbreviation, unit].filter(Boolean).join('-');
}

const kindNouns = { plan: 'kế hoạch', report: 'báo cáo', letter: 'công văn' } as const;

export const exchangeSchema = z
  .discriminatedUnion(
    'kind',
    [
      z.object({ ...common, kind: z.literal('plan'), content: planContentSchema }),
      z.object({ ...common, kind: z.literal('report'), content: reportContentSchema }),
      z.object({ ...common, kind: z.literal('letter'), content: letterContentSchema }),
    ],
    { error: 'kind phải là "plan" (kế hoạch), "report" (báo cáo) hoặc "letter" (công văn)' },
  )
  .superRefine((doc, ctx) => {
    const { number, issuedOn, status } = doc.meta;
    // Only the văn thư's issue gives a document its number (Nghị định 30/2020, Điều 15).
    if (number !== null && status !== 'issued') {
      ctx.addIssue({
        code: 'custom',
        path: ['meta', 'number'],
        message: `văn bản chưa ban hành (status "${status}") chưa có số: để null, hoặc đặt status là "issued"`,
      });
    } else if (number === null && status === 'issued') {
      ctx.addIssue({
        code: 'custom',
        path: ['meta', 'number'],
        message: `văn bản đã ban hành (status "issued") phải có số, ví dụ "05/${numberCode(doc)}"`,
      });
    }
    if (doc.kind === 'report') {
      const period = doc.content.period;
      if (period.kind === 'monthly' && period.month === null) {
        ctx.addIssue({
          code: 'custom',
          path: ['content', 'period', 'month'],
          message: 'báo cáo tháng (kind "monthly") phải có tháng, từ 1 đến 12',
        });
      }
      for (const key of ['from', 'to', 'deadline', 'lastDay'] as const) {
        realDate(ctx, period[key], ['content', 'period', key]);
      }
    } else if (doc.kind === 'plan') {
      doc.content.tasks.forEach((t, ti) =>
        t.activities.forEach((a, ai) => {
          if (a.timeline.kind === 'date') {
            realDate(ctx, a.timeline.date, ['content', 'tasks', ti, 'activities', ai, 'timeline', 'date']);
          }
        }),
      );
    }
    if ((number === null) !== (issuedOn === null)) {
      ctx.addIssue({
        code: 'custom',
        path: ['meta', number === null ? 'number' : 'issuedOn'],
        message: 'số và ngày ban hành phải cùng có (văn bản đã ban hành) hoặc cùng để null (dự thảo)',
      });
    }
    if (number !== null) {
      const expected = numberCode(doc);
      const code = number.slice(number.indexOf('/') + 1);
      if (code !== expected) {
        ctx.addIssue({
          code: 'custom',
          path: ['meta', 'number'],
          message: `ký hiệu phải là "${expected}" (${kindNouns[doc.kind]} của ${doc.organization.name}), không phải "${code}"`,
        });
      }
    }
  });
export type ExchangeDocument = z.infer<typeof exchangeSchema>;
export type ExchangeInput = z.input<typeof exchangeSchema>;
export type PlanExchange = Extract<ExchangeDocument, { kind: 'plan' }>;
export type ReportExchange = Extract<ExchangeDocument, { kind: 'report' }>;
export type LetterExchange = Extract<ExchangeDocument, { kind: 'letter' }>;

/** Where a problem is, as a reader of the JSON would write it: content.tasks[3].taskId */
export function exchangePath(path: readonly PropertyKey[]): string {
  return path
    .map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? String(k) : `.${String(k)}`))
    .join('');
}

/** At most this many problems are listed; the rest are counted. */
const SHOWN = 10;

interface Problem {
  path: readonly PropertyKey[];
  message: string;
  code?: string;
  pattern?: unknown;
}

/** A message in plain words: a pattern zod would print as a regular expression is not shown. */
function plainMessage(i: Problem): string {
  // zod's own wording quotes the pattern ("phải khớp với mẫu /^CT\\d{2}$/"); our schemas say it.
  if (
    i.code === 'invalid_format' &&
    i.pattern !== undefined &&
    i.message.includes(String(i.pattern).slice(1, -1))
  ) {
    return 'không đúng định dạng';
  }
  return i.message;
}

/** One Vietnamese line per problem, each naming its field; after ten, "và N lỗi khác". */
export function describeExchangeIssues(issues: readonly Problem[]): string[] {
  const lines = issues
    .slice(0, SHOWN)
    .map((i) => `trường ${exchangePath(i.path) || '(gốc)'}: ${plainMessage(i)}`);
  if (issues.length > SHOWN) lines.push(`và ${issues.length - SHOWN} lỗi khác`);
  return lines;
}

export type ExchangeParse =
  { success: true; data: ExchangeDocument } | { success: false; problems: string[] };

/**
 * The exchange JSON read strictly: every problem the schema finds, and every key it does not know
 * ("letterHead"), which zod alone would drop without a word.
 */
export function parseExchange(data: unknown): ExchangeParse {
  const unknown = unknownKeys(exchangeSchema, data).map((u) => ({
    path: [...u.path, u.key],
    message: `không có trường này trong định dạng${u.suggestion ? ` (có phải "${u.suggestion}"?)` : ''}`,
  }));
  const parsed = exchangeSchema.safeParse(data);
  const issues = [...unknown, ...(parsed.success ? [] : parsed.error.issues)];
  if (parsed.success && issues.length === 0) return { success: true, data: parsed.data };
  return { success: false, problems: describeExchangeIssues(issues) };
}
