import type { ExchangeDocument } from '../../../shared/domain/documents/exchange.ts';
import type { Signer } from '../../../shared/domain/organization/letterhead.ts';
import { signerSchema } from '../../../shared/domain/organization/letterhead.ts';
import type { Organization, User } from '../../../shared/domain/organization/schemas.ts';
import { AppError } from '../../../shared/errors.ts';
import { chooseSigner, toExchange } from '../documents/exchangeBuilder.ts';
import type { StoredDocument } from '../drafts/documentsRepository.ts';
import type { OrganizationRepository } from '../organization/organizationRepository.ts';
import type { UsersRepository } from '../organization/usersRepository.ts';
import type { WorkflowRepository } from './workflowRepository.ts';

export interface ExchangeDeps {
  organization: OrganizationRepository;
  users: UsersRepository;
  workflow: WorkflowRepository;
}

/** The signature block of a head, from their account: "KT. GIÁM ĐỐC" / "PHÓ GIÁM ĐỐC" / name. */
export function signerOf(user: User): Signer {
  return signerSchema.parse({
    authority: user.signingAuthority.toLocaleUpperCase('vi-VN'),
    title: user.title.toLocaleUpperCase('vi-VN'),
    name: user.fullName,
  });
}

/**
 * Who signs a stored document: the head who approved it, once approved; before that whoever would
 * sign today (the letterhead's signer, else the first active head).
 */
export function signerFor(deps: ExchangeDeps, doc: StoredDocument, org: Organization): Signer {
  if (doc.meta.status === 'approved' || doc.meta.status === 'issued') {
    const approval = deps.workflow.lastTransition(doc.meta.id, ['approve']);
    if (approval?.signer) return approval.signer;
  }
  return chooseSigner(org, deps.users.list());
}

export interface IssueFields {
  number: string;
  issuedOn: string;
  signer: Signer;
  recipients: string[];
}

/**
 * The exchange JSON of a stored document as it prints now: a draft with a blank number, an
 * approved one with its approving head, or, given the issue's fields, the issued document.
 */
export function exchangeFor(deps: ExchangeDeps, doc: StoredDocument, issue?: IssueFields): ExchangeDocument {
  const org = deps.organization.get();
  if (!org) throw new AppError('SETUP_REQUIRED', 'Ứng dụng chưa được thiết lập');
  if (!issue) return toExchange(doc, org, signerFor(deps, doc, org));
  const issuedOrg = { ...org, letterhead: { ...org.letterhead, recipients: issue.recipients } };
  const exchange = toExchange(doc, issuedOrg, issue.signer);
  const meta = {
    ...exchange.meta,
    status: 'issued' as const,
    number: issue.number,
    issuedOn: issue.issuedOn,
  };
  if (exchange.kind === 'letter') {
    // A công văn's Nơi nhận lives in its content ("Như trên" is always printed first).
    const recipients = issue.recipients.filter((r) => r.trim().toLocaleLowerCase('vi-VN') !== 'như trên');
    return { ...exchange, meta, content: { ...exchange.content, recipients } };
  }
  return { ...exchange, meta };
}
