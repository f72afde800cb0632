import { Document, Packer } from 'docx';
import type { Catalog } from '../../../shared/domain/catalog/schema.ts';
import type { ExchangeDocument } from '../../../shared/domain/documents/exchange.ts';
import { appendixSection } from './appendixTable.ts';
import { dateLine, numberLine } from './documentNumber.ts';
import {
  closingTable,
  documentStyles,
  headerTable,
  pageHeaders,
  sectionProperties,
  sizesFor,
  textWidth,
  titleBlock,
} from './letterhead.ts';
import { planBody } from './planDocument.ts';
import { reportBody, type ReportBody } from './reportDocument.ts';
import { centred } from './letterhead.ts';

/**
 * Problems that the schema cannot see because they need the plan template: a task or indicator
 * the template does not have. Each names its field, as the CLI and the handler report it.
 */
export function checkAgainstCatalog(doc: ExchangeDocument, catalog: Catalog): string[] {
  const issues: string[] = [];
  const tasks = new Set(catalog.tasks.map((t) => t.id));
  doc.content.tasks.forEach((t, i) => {
    if (!tasks.has(t.taskId)) {
      issues.push(
        `trường content.tasks[${i}].taskId: nhiệm vụ "${t.taskId}" không có trong Kế hoạch ${catalog.number}`,
      );
    }
  });
  if (doc.kind === 'report') {
    const indicators = new Set(catalog.indicators.map((i) => i.code));
    doc.content.indicators.forEach((ind, i) => {
      if (!indicators.has(ind.code)) {
        issues.push(
          `trường content.indicators[${i}].code: chỉ tiêu "${ind.code}" không có trong Kế hoạch ${catalog.number}`,
        );
      }
    });
  }
  return issues;
}

/** The official .docx of a plan or a report (Nghị định 30/2020), as bytes. */
export async function renderDocx(doc: ExchangeDocument, catalog: Catalog): Promise<Buffer> {
  const letterhead = doc.organization.letterhead;
  const sizes = sizesFor(letterhead.fontPair);
  const width = textWidth(letterhead);
  const built = doc.kind === 'plan' ? planBody(doc, catalog, sizes) : reportBody(doc, catalog, sizes);
  const recipient = 'recipient' in built ? built.recipient : null;
  // "Như trên" for the addressee; the plan's further recipients unless the list already names them
  // ("Bộ Khoa học và Công nghệ (để báo cáo)"); never the department itself.
  const listed = (name: string) => letterhead.recipients.some((r) => r.trim().startsWith(name));
  const own = doc.kind === 'report' ? (built as ReportBody) : null;
  const alsoTo = (own?.alsoTo ?? []).filter((n) => !listed(n));
  const notTo = new Set(own?.notTo ?? []);
  const recipients = recipient
    ? [
        'Như trên',
        ...alsoTo,
        ...letterhead.recipients.filter((r) => r.trim() !== recipient && !notTo.has(r.trim())),
      ]
    : letterhead.recipients;
  const document = new Document({
    creator: doc.organization.name,
    title: doc.meta.title,
    ...documentStyles(sizes),
    sections: [
      {
        properties: sectionProperties(letterhead),
        headers: pageHeaders(sizes),
        children: [
          headerTable({
            org: doc.organization,
            sizes,
            letterhead,
            numberLine: numberLine(doc),
            dateLine: dateLine(doc),
          }),
          ...titleBlock(built.kindTitle, built.summary, sizes, width),
          ...built.children,
          centred([], sizes.body, 120),
          closingTable({
            sizes,
            width,
            recipients,
            archiveUnit: letterhead.archiveUnit,
            signer: doc.signer,
          }),
        ],
      },
      appendixSection({ letterhead, sizes, ...built.appendix }),
    ],
  });
  return Packer.toBuffer(document);
}
