import type { Catalog } from '../../../../shared/domain/catalog/schema.ts';
import type { ExchangeDocument } from '../../../../shared/domain/documents/exchange.ts';
import { dateLine, numberLine } from '../documentNumber.ts';
import { planBody } from '../planDocument.ts';
import { reportBody } from '../reportDocument.ts';
import { appendixSection, type Appendix } from './appendix.ts';
import { beforeClosing, closingTable, headerTable, titleBlock } from './letterhead.ts';
import type { Block, LaidOutDocument } from './model.ts';
import { pageSection, sizesFor, textWidth } from './page.ts';

/** What a plan or report builder hands to the common letterhead/closing/appendix assembly. */
export interface DocumentBody {
  /** "Kế hoạch", "Báo cáo" (printed in capitals) */
  kindTitle: string;
  /** The trích yếu under the title. */
  summary: string;
  children: Block[];
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
  const named = (name: string) => listed.some((r) => r.trim().startsWith(name));
  const notTo = new Set(built.notTo ?? []);
  return [
    'Như trên',
    ...(built.alsoTo ?? []).filter((n) => !named(n)),
    ...listed.filter((r) => r.trim() !== built.recipient && !notTo.has(r.trim())),
  ];
}

/**
 * The whole official document of a plan or a report, laid out once per Nghị định 30/2020: the
 * body section (header, title, body, closing) and the landscape appendix. Both the .docx and the
 * PDF renderer draw exactly this.
 */
export function layoutDocument(doc: ExchangeDocument, catalog: Catalog): LaidOutDocument {
  const letterhead = doc.organization.letterhead;
  const sizes = sizesFor(letterhead.fontPair);
  const width = textWidth(letterhead);
  const built: DocumentBody =
    doc.kind === 'plan' ? planBody(doc, catalog, sizes) : reportBody(doc, catalog, sizes);
  const recipients = recipientsOf(built, letterhead.recipients);
  const blocks: Block[] = [
    headerTable({
      org: doc.organization,
      sizes,
      letterhead,
      numberLine: numberLine(doc),
      dateLine: dateLine(doc),
    }),
    ...titleBlock(built.kindTitle, built.summary, sizes, width),
    ...built.children,
    beforeClosing(sizes),
    closingTable({
      sizes,
      width,
      recipients,
      archiveUnit: letterhead.archiveUnit,
      signer: doc.signer,
    }),
  ];
  return {
    title: doc.meta.title.normalize('NFC'),
    author: doc.organization.name.normalize('NFC'),
    bodySize: sizes.body,
    sections: [
      pageSection(letterhead, sizes, 'body', blocks),
      appendixSection(built.appendix, letterhead, sizes),
    ],
  };
}
