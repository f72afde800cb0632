import { parseIsoDate, vietnamToday } from '../../../../shared/domain/calendarDate.ts';
import type { Catalog } from '../../../../shared/domain/catalog/schema.ts';
import { recipientsFor, sameAgency } from '../../../../shared/domain/documents/addressee.ts';
import type { ExchangeDocument } from '../../../../shared/domain/documents/exchange.ts';
import { validateLetter } from '../../../../shared/domain/letters/letterContent.ts';
import { validatePlan, validateReport } from '../../../../shared/domain/reports/reportValidation.ts';
import { AppError } from '../../../../shared/errors.ts';
import { dateLine, numberLine } from '../documentNumber.ts';
import { planBody } from '../planDocument.ts';
import { reportBody } from '../reportDocument.ts';
import { appendixSection, type Appendix } from './appendix.ts';
import { layoutLetter } from './letterLayout.ts';
import { beforeClosing, closingTable, headerTable, titleBlock } from './letterhead.ts';
import type { Block, LaidOutDocument } from './model.ts';
import { agencyHeading } from '../../../../shared/domain/organization/agencyHeading.ts';
import { pageSection, sizesFor, textWidth } from './page.ts';
import { stylesFor } from './styles.ts';

/** What a plan or report builder hands to the common letterhead/closing/appendix assembly. */
export interface DocumentBody {
  /** "Kế hoạch", "Báo cáo" (printed in capitals) */
  kindTitle: string;
  /** The trích yếu under the title. */
  summary: string;
  children: Block[];
  /** Printed on its own pages unless it has no rows. */
  appendix: Appendix;
  /** Who a report goes to: "Như trên" in Nơi nhận stands for it. */
  recipient?: string;
  /** Further bodies the plan sends it to (Sở KH&CN's own report: also Bộ Khoa học và Công nghệ). */
  alsoTo?: string[];
  /** Never in its own Nơi nhận: the department itself when it is the plan's recipient. */
  notTo?: string[];
}

/**
 * Nơi nhận: "Như trên" for the addressee, the plan's further recipients unless the list already
 * names them ("Bộ Khoa học và Công nghệ (để báo cáo)"), then the department's own list, never
 * repeating the addressee nor naming the department itself.
 */
export function recipientsOf(built: DocumentBody, listed: readonly string[]): string[] {
  if (!built.recipient) return [...listed];
  const own = recipientsFor(listed, built.recipient);
  const named = (name: string) => listed.some((r) => r.trim().startsWith(name) || sameAgency(r, name));
  const notTo = built.notTo ?? [];
  return [
    own[0]!,
    ...(built.alsoTo ?? []).filter((n) => !named(n)),
    ...own.slice(1).filter((r) => !notTo.some((n) => r.trim() === n || sameAgency(r, n))),
  ];
}

export interface LayoutOptions {
  /** Now, by the caller's clock: a draft's date line carries its year. */
  now?: Date;
}

/**
 * The year a draft is dated in: by the clock when there is one; otherwise the year its report is
 * due, or the year the plan was due, so that the same input still gives the same document.
 */
export function draftYear(doc: ExchangeDocument, catalog: Catalog, now?: Date): number {
  if (now) return parseIsoDate(vietnamToday(now)).year;
  if (doc.kind === 'letter') return parseIsoDate(doc.meta.issuedOn ?? catalog.reporting.planDue).year;
  return parseIsoDate(doc.kind === 'report' ? doc.content.period.deadline : catalog.reporting.planDue).year;
}

/**
 * A wrong value never reaches a document: the same rules that keep it from being sent for
 * approval (a numerator above its denominator, an impossible date), each naming what is wrong.
 */
export function documentErrors(doc: ExchangeDocument, catalog: Catalog): string[] {
  const issues =
    doc.kind === 'letter'
      ? validateLetter(doc.content)
      : doc.kind === 'report'
        ? validateReport(doc.content, catalog)
        : validatePlan(doc.content, catalog);
  return issues.filter((i) => i.severity === 'error').map((i) => i.message);
}

/** The blocks before the closing stay on its page: the closing never stands alone on a page. */
export function keptWithClosing(blocks: Block[]): Block[] {
  const at = blocks.findLastIndex((b) => b.type === 'paragraph' && b.runs.some((r) => r.text.trim()));
  return blocks.map((b, i) => (i === at && b.type === 'paragraph' ? { ...b, keepNext: true } : b));
}

/**
 * The whole official document of a plan or a report, laid out once per Nghị định 30/2020: the
 * body section (header, title, body, closing) and the landscape appendix. Both the .docx and the
 * PDF renderer draw exactly this.
 */
export function layoutDocument(
  doc: ExchangeDocument,
  catalog: Catalog,
  options: LayoutOptions = {},
): LaidOutDocument {
  if (doc.kind === 'letter') return layoutLetter(doc, options);
  const errors = documentErrors(doc, catalog);
  if (errors.length) {
    throw new AppError('VALIDATION', `Không lập được văn bản vì số liệu sai: ${errors.join('; ')}`);
  }
  const letterhead = doc.organization.letterhead;
  // The agency's lines may be set at 12 pt where 13 would break them badly (agencyHeading).
  const sizes = { ...sizesFor(letterhead.fontPair), agency: agencyHeading(doc.organization).size };
  const width = textWidth(letterhead);
  const year = draftYear(doc, catalog, options.now);
  const built: DocumentBody =
    doc.kind === 'plan' ? planBody(doc, catalog, sizes, year) : reportBody(doc, catalog, sizes, year);
  const blocks: Block[] = [
    headerTable({
      org: doc.organization,
      sizes,
      letterhead,
      numberLine: numberLine(doc),
      dateLine: dateLine(doc, year),
    }),
    ...titleBlock(built.kindTitle, built.summary, sizes, width),
    ...keptWithClosing(built.children),
    { ...beforeClosing(sizes), keepNext: true },
    closingTable({
      sizes,
      width,
      recipients: recipientsOf(built, letterhead.recipients),
      archiveUnit: letterhead.archiveUnit,
      signer: doc.signer,
    }),
  ];
  const appendix = built.appendix.rows.length ? [appendixSection(built.appendix, letterhead, sizes)] : [];
  return {
    title: doc.meta.title.normalize('NFC'),
    author: doc.organization.name.normalize('NFC'),
    bodySize: sizes.body,
    styles: stylesFor(sizes),
    sections: [pageSection(letterhead, sizes, 'body', blocks), ...appendix],
    createdAt: options.now ?? issueDate(doc) ?? new Date(0),
  };
}

/** Midnight of the issue date in Vietnam (UTC+7). */
const issueDate = (doc: ExchangeDocument) =>
  doc.meta.issuedOn ? new Date(`${doc.meta.issuedOn}T00:00:00+07:00`) : undefined;
