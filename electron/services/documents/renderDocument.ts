import type { Catalog } from '../../../shared/domain/catalog/schema.ts';
import type { ExchangeDocument } from '../../../shared/domain/documents/exchange.ts';
import { docxFromLayout } from './docx/renderDocx.ts';
import { layoutDocument } from './layout/documentLayout.ts';

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
  return docxFromLayout(layoutDocument(doc, catalog));
}
