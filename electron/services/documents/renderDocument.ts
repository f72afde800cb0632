import type { Catalog } from '../../../shared/domain/catalog/schema.ts';
import {
  exchangePath,
  type ExchangeDocument,
  type LetterExchange,
} from '../../../shared/domain/documents/exchange.ts';
import { validateLetter } from '../../../shared/domain/letters/letterContent.ts';
import { validatePlan, validateReport } from '../../../shared/domain/reports/reportValidation.ts';
import { docxFromLayout } from './docx/renderDocx.ts';
import { layoutDocument } from './layout/documentLayout.ts';

/**
 * Problems that the schema cannot see because they need the plan template: an agency type, task or
 * indicator the template does not have or does not assign to the agency, and the values the
 * template's rules refuse (a numerator above its denominator). Each names its field, as the CLI and
 * the handler report it.
 */
export function checkAgainstCatalog(doc: ExchangeDocument, catalog: Catalog): string[] {
  // A công văn names no task or indicator: only its own rules apply (layout/letterLayout.ts).
  if (doc.kind === 'letter') return letterErrors(doc);
  const issues: string[] = [];
  const where = `Kế hoạch ${catalog.number}`;
  const type = doc.organization.agencyType;
  const agency = catalog.agencyTypes.find((a) => a.code === type);
  if (!agency) {
    issues.push(
      `trường organization.agencyType: loại cơ quan "${type}" không có trong ${where} (có: ${catalog.agencyTypes.map((a) => a.code).join(', ')})`,
    );
  }
  const assigned = (appliesTo: readonly string[]) => !agency || appliesTo.includes(type);
  const notAssigned = agency ? ` không giao cho ${agency.name} (loại cơ quan "${type}") trong ${where}` : '';
  const tasks = new Map(catalog.tasks.map((t) => [t.id, t]));
  doc.content.tasks.forEach((t, i) => {
    const task = tasks.get(t.taskId);
    if (!task)
      issues.push(`trường content.tasks[${i}].taskId: nhiệm vụ "${t.taskId}" không có trong ${where}`);
    else if (!assigned(task.appliesTo))
      issues.push(`trường content.tasks[${i}].taskId: nhiệm vụ "${t.taskId}"${notAssigned}`);
  });
  if (doc.kind === 'report') {
    const indicators = new Map(catalog.indicators.map((i) => [i.code, i]));
    doc.content.indicators.forEach((ind, i) => {
      const found = indicators.get(ind.code);
      if (!found)
        issues.push(`trường content.indicators[${i}].code: chỉ tiêu "${ind.code}" không có trong ${where}`);
      else if (!assigned(found.appliesTo))
        issues.push(`trường content.indicators[${i}].code: chỉ tiêu "${ind.code}"${notAssigned}`);
    });
  }
  if (issues.length) return issues;
  return valueErrors(doc, catalog);
}

/** The validation's errors, each at the place in the exchange JSON it is about. */
function valueErrors(doc: Exclude<ExchangeDocument, LetterExchange>, catalog: Catalog): string[] {
  const taskIndex = new Map(doc.content.tasks.map((t, i) => [t.taskId, i]));
  if (doc.kind === 'report') {
    const indicatorIndex = new Map(doc.content.indicators.map((d, i) => [d.code, i]));
    return validateReport(doc.content, catalog)
      .filter((i) => i.severity === 'error')
      .map((i) => {
        const [area, key, ...rest] = i.path;
        const at = area === 'indicators' ? indicatorIndex.get(String(key)) : taskIndex.get(String(key));
        return `trường ${exchangePath(['content', String(area), at ?? String(key), ...rest])}: ${i.message}`;
      });
  }
  return validatePlan(doc.content, catalog)
    .filter((i) => i.severity === 'error')
    .map((i) => {
      const [, taskId, , activityId, ...rest] = i.path;
      const ti = taskIndex.get(String(taskId));
      const ai =
        ti === undefined ? -1 : doc.content.tasks[ti]!.activities.findIndex((a) => a.id === activityId);
      const path =
        ti === undefined || ai < 0
          ? ['content', ...i.path]
          : ['content', 'tasks', ti, 'activities', ai, ...rest];
      return `trường ${exchangePath(path)}: ${i.message}`;
    });
}

function letterErrors(doc: LetterExchange): string[] {
  return validateLetter(doc.content)
    .filter((i) => i.severity === 'error')
    .map((i) => `trường ${exchangePath(['content', ...i.path])}: ${i.message}`);
}

export interface RenderDocxOptions {
  /** The caller's clock: a draft's date line carries its year. */
  createdAt?: Date;
}

/** The official .docx of a plan or a report (Nghị định 30/2020), as bytes. */
export async function renderDocx(
  doc: ExchangeDocument,
  catalog: Catalog,
  options: RenderDocxOptions = {},
): Promise<Buffer> {
  return docxFromLayout(layoutDocument(doc, catalog, { now: options.createdAt }));
}
