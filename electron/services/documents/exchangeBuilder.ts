import { AppError } from '../../../shared/errors.ts';
import type { Catalog } from '../../../shared/domain/catalog/schema.ts';
import type { ExchangeDocument } from '../../../shared/domain/documents/exchange.ts';
import { signerSchema, type Signer } from '../../../shared/domain/organization/letterhead.ts';
import type { Organization, User } from '../../../shared/domain/organization/schemas.ts';
import { letterContentSchema } from '../../../shared/domain/letters/letterContent.ts';
import { planContentSchema } from '../../../shared/domain/plans/planContent.ts';
import { reportContentSchema } from '../../../shared/domain/reports/reportContent.ts';
import type { StoredDocument } from '../drafts/documentsRepository.ts';

/**
 * The exchange JSON of a stored plan or report: what the app exports and what the Word builder
 * renders, so the app, the CLI and the tests all print from the same thing.
 */

/** The letterhead's signer; with no name there, the first active leader account signs. */
export function chooseSigner(org: Organization, users: readonly User[]): Signer {
  const configured = org.letterhead.signer;
  if (configured.name) return configured;
  const leader = users.find((u) => u.active && u.roles.includes('lanh_dao') && u.title);
  if (!leader) return configured;
  return signerSchema.parse({
    authority: leader.signingAuthority.toLocaleUpperCase('vi-VN'),
    title: leader.title.toLocaleUpperCase('vi-VN'),
    name: leader.fullName,
  });
}

export function toExchange(stored: StoredDocument, org: Organization, signer: Signer): ExchangeDocument {
  const meta = {
    title: stored.meta.title,
    status: stored.meta.status,
    // Numbers and dates are assigned when a document is issued (the workflow); until the store
    // keeps them, every stored document prints as a draft.
    number: null,
    issuedOn: null,
  };
  const common = {
    format: 'baocao-exchange' as const,
    version: 1 as const,
    organization: org,
    catalogId: stored.meta.catalogId,
    meta,
    signer,
  };
  if (stored.meta.kind === 'plan') {
    const content = planContentSchema.safeParse(stored.content);
    if (!content.success) throw new AppError('INTERNAL', 'Nội dung kế hoạch đã lưu không đúng định dạng');
    return { ...common, kind: 'plan', content: content.data };
  }
  if (stored.meta.kind === 'letter') {
    const content = letterContentSchema.safeParse(stored.content);
    if (!content.success) throw new AppError('INTERNAL', 'Nội dung công văn đã lưu không đúng định dạng');
    return { ...common, kind: 'letter', content: content.data };
  }
  const content = reportContentSchema.safeParse(stored.content);
  if (!content.success) throw new AppError('INTERNAL', 'Nội dung báo cáo đã lưu không đúng định dạng');
  return { ...common, kind: 'report', content: content.data };
}

export function catalogFor(catalogs: ReadonlyMap<string, Catalog>, catalogId: string): Catalog {
  const catalog = catalogs.get(catalogId);
  if (!catalog) throw new AppError('NOT_FOUND', `Kế hoạch: không tìm thấy kế hoạch mẫu "${catalogId}"`);
  return catalog;
}
