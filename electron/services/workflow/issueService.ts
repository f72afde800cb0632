import { randomUUID } from 'node:crypto';
import { parseIsoDate, vietnamToday } from '../../../shared/domain/calendarDate.ts';
import type { Catalog } from '../../../shared/domain/catalog/schema.ts';
import type { Signer } from '../../../shared/domain/organization/letterhead.ts';
import type { User } from '../../../shared/domain/organization/schemas.ts';
import { formatPaddedDate } from '../../../shared/domain/vietnameseDate.ts';
import {
  DEFAULT_REGISTER,
  documentNumber,
  nextSeq,
  registerYear,
} from '../../../shared/domain/workflow/register.ts';
import { checkTransition } from '../../../shared/domain/workflow/transitions.ts';
import { AppError } from '../../../shared/errors.ts';
import { typeCode } from '../documents/documentNumber.ts';
import { checkAgainstCatalog } from '../documents/renderDocument.ts';
import { catalogOf, requireRevision } from '../drafts/documentAccess.ts';
import type { BlobStore } from '../drafts/attachmentStore.ts';
import type { StoredDocument } from '../drafts/documentsRepository.ts';
import type { UsersRepository } from '../organization/usersRepository.ts';
import type { OutboxRepository } from '../outbox/outboxRepository.ts';
import { ORGANIZATION, type Identity, type SigningSecret } from '../signing/index.ts';
import { exchangeFor, type IssueFields } from './documentExchange.ts';
import { renderIssueFiles, type IssueFilesDeps } from './issueFiles.ts';
import { applyTransition, type WorkflowDeps } from './transition.ts';
import type { IssueRow, TransitionRow } from './workflowRepository.ts';

export interface IssueDeps extends WorkflowDeps, IssueFilesDeps {
  users: UsersRepository;
  /** Where the bytes of issued files are frozen: <dataDir>/issued/<sha256>. */
  issuedFiles: BlobStore;
  outbox: OutboxRepository;
  /** Called after an issue whose package waits in the outbox: the sender may start at once. */
  onQueued?: () => void;
}

export interface IssueRequest {
  id: string;
  baseRevision: number;
  issuedOn: string;
  recipients: string[];
  /** Opens the organisation's identity (token PIN or key password), when it has one. */
  secret?: SigningSecret | undefined;
}

/** Another issue took the number while this one was rendering: take the next and render again. */
class NumberTaken extends Error {}
const MAX_ATTEMPTS = 10;

/**
 * Issues run one at a time within a process, so the only race left for the number is with
 * another process on the same database (a second window, web mode beside the desktop).
 */
export function createIssueQueue() {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(work: () => Promise<T>): Promise<T> => {
    const run = tail.then(work, work);
    tail = run.catch(() => undefined);
    return run;
  };
}

const isUniqueViolation = (e: unknown) =>
  e instanceof Error && 'code' in e && (e as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE';

/** Refuses an issue date in the future, before the approval, or before the previous number's. */
function checkIssueDate(deps: IssueDeps, doc: StoredDocument, issuedOn: string) {
  try {
    parseIsoDate(issuedOn);
  } catch (e) {
    throw new AppError('VALIDATION', `Ngày ban hành: ${(e as Error).message}`);
  }
  const today = vietnamToday(deps.clock());
  if (issuedOn > today) {
    throw new AppError(
      'VALIDATION',
      `Ngày ban hành: không được sau hôm nay (${formatPaddedDate(today)}); văn bản chỉ ban hành khi đã có số`,
    );
  }
  const approval = deps.workflow.lastTransition(doc.meta.id, ['approve']);
  const approvedOn = approval ? vietnamToday(new Date(approval.at)) : null;
  if (approvedOn && issuedOn < approvedOn) {
    throw new AppError(
      'VALIDATION',
      `Ngày ban hành: không được trước ngày lãnh đạo duyệt và ký (${formatPaddedDate(approvedOn)})`,
    );
  }
  const latest = deps.workflow.latestIssueDate(DEFAULT_REGISTER, registerYear(issuedOn));
  if (latest && issuedOn < latest) {
    throw new AppError(
      'VALIDATION',
      `Ngày ban hành: sổ văn bản đi đã có văn bản ban hành ngày ${formatPaddedDate(latest)}; số sau không được mang ngày sớm hơn`,
    );
  }
}

/** A công văn's number names its drafting unit after the agency ("12/SKHCN-VP"); others none. */
const draftingUnitOf = (doc: StoredDocument) =>
  doc.meta.kind === 'letter' ? ((doc.content as { draftingUnit?: string }).draftingUnit ?? '') : '';

/** The number "Ban hành" gives now, and the earliest date it may carry. */
export function proposeNumber(deps: IssueDeps, doc: StoredDocument, issuedOn: string) {
  const org = deps.organization.get()!;
  const year = registerYear(issuedOn);
  const seq = nextSeq(deps.workflow.highestSeq(DEFAULT_REGISTER, year));
  const approval = deps.workflow.lastTransition(doc.meta.id, ['approve']);
  const candidates = [
    approval ? vietnamToday(new Date(approval.at)) : null,
    deps.workflow.latestIssueDate(DEFAULT_REGISTER, year),
  ].filter((d): d is string => d !== null);
  return {
    seq,
    number: documentNumber(seq, {
      typeCode: typeCode[doc.meta.kind],
      abbreviation: org.abbreviation,
      unit: draftingUnitOf(doc),
    }),
    earliestDate: candidates.sort().at(-1) ?? '',
  };
}

/**
 * "Cấp số và ban hành" (Nghị định 30/2020, Điều 15): the next number of the register and the
 * issue date go into the document, whose files are rendered and frozen; then, in one transaction,
 * the register entry, the issue with its files and the status change land together. Rendering
 * takes time outside the transaction, so the number is checked again inside it: if another issue
 * took it meanwhile, this one renders again with the next (and the unique index makes a duplicate
 * impossible whatever happens).
 */
export async function issueDocument(deps: IssueDeps, r: IssueRequest, user: User): Promise<IssueRow> {
  const { documents, workflow } = deps;
  const first = documents.get(r.id);
  if (!first) throw new AppError('NOT_FOUND', `Mã văn bản: không tìm thấy văn bản "${r.id}"`);
  const allowed = checkTransition('issue', first.meta.status, user.roles);
  if (!allowed.ok) throw new AppError('CONFLICT', allowed.message);
  requireRevision(first, r.baseRevision, deps.clock());
  checkIssueDate(deps, first, r.issuedOn);
  const catalog = catalogOf(deps, first);
  const approval = workflow.lastTransition(first.meta.id, ['approve']);
  if (!approval?.signer) throw new AppError('CONFLICT', 'Văn bản chưa có chữ ký của lãnh đạo duyệt');
  const previous = workflow.issuesOf(first.meta.id).at(-1) ?? null;
  const amendment = previous ? workflow.lastTransition(first.meta.id, ['amend']) : null;

  const packageId = randomUUID();
  // The organisation's signature is opened once, before any rendering: a wrong PIN fails first.
  const identity = deps.signing.identity(ORGANIZATION)
    ? await deps.signing.openSigner(ORGANIZATION, r.secret ?? {})
    : null;
  try {
    const signer = approval.signer;
    return await issueWithNumber(deps, r, user, {
      first,
      catalog,
      approval: { ...approval, signer },
      previous,
      amendment,
      packageId,
      identity,
    });
  } finally {
    await identity?.close();
  }
}

interface IssuePrepared {
  first: StoredDocument;
  catalog: Catalog;
  approval: TransitionRow & { signer: Signer };
  previous: IssueRow | null;
  amendment: TransitionRow | null;
  packageId: string;
  identity: Identity | null;
}

async function issueWithNumber(
  deps: IssueDeps,
  r: IssueRequest,
  user: User,
  p: IssuePrepared,
): Promise<IssueRow> {
  const { documents, workflow } = deps;
  const { first, catalog, approval, previous, amendment, packageId } = p;
  const year = registerYear(r.issuedOn);
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const { seq, number } = proposeNumber(deps, first, r.issuedOn);
    const fields: IssueFields = {
      number,
      issuedOn: r.issuedOn,
      signer: approval.signer,
      recipients: r.recipients,
    };
    const exchange = exchangeFor(deps, first, fields);
    const problems = checkAgainstCatalog(exchange, catalog);
    if (problems.length) throw new AppError('VALIDATION', problems.join('; '));
    const { files, packageSha256 } = await renderIssueFiles(deps, {
      doc: first,
      exchange,
      catalog,
      approvalPdf: approval.pdf,
      identity: p.identity,
      packageId,
      issueNo: (previous?.issueNo ?? 0) + 1,
      replaces: previous ? { packageId: previous.packageId, reason: amendment?.reason ?? '' } : null,
      signingTime: deps.clock(),
    });
    for (const f of files) deps.issuedFiles.put(f.sha256, f.bytes);
    const signed = files.some((f) => f.role === 'manifest-signature');
    try {
      const issued = deps.db
        .transaction(() => {
          if (nextSeq(workflow.highestSeq(DEFAULT_REGISTER, year)) !== seq) throw new NumberTaken();
          let issueId = '';
          applyTransition(deps, {
            action: 'issue',
            id: r.id,
            user,
            baseRevision: r.baseRevision,
            check: (doc) => {
              // The content rendered is the content issued: nothing may have moved meanwhile.
              if (doc.meta.revision !== first.meta.revision) throw new NumberTaken();
            },
            apply: (doc, step) => {
              const entryId = workflow.addRegisterEntry({
                register: DEFAULT_REGISTER,
                year,
                seq,
                number,
                typeCode: typeCode[doc.meta.kind],
                issuedOn: r.issuedOn,
                summary: doc.meta.title,
                signerName: approval.signer!.name,
                documentId: doc.meta.id,
                userId: user.id,
              });
              issueId = workflow.addIssue({
                documentId: doc.meta.id,
                issueNo: (previous?.issueNo ?? 0) + 1,
                registerEntryId: entryId,
                number,
                issuedOn: r.issuedOn,
                versionNo: step.versionNo,
                contentSha256: step.contentSha256,
                signer: approval.signer!,
                recipients: r.recipients,
                packageId,
                replacesIssueId: previous?.id ?? null,
                amendReason: amendment?.reason || null,
                userId: user.id,
                files: files.map(({ bytes: _bytes, ...f }) => f),
              });
              deps.audit.append(user.id, 'register.assign', {
                id: doc.meta.id,
                number,
                issuedOn: r.issuedOn,
                issueId,
                files: files.map((f) => ({ role: f.role, sha256: f.sha256 })),
              });
              // Only a package signed as the organisation can be received; one issued without the
              // cơ quan's digital signature is sent on paper and never queued.
              if (signed) {
                deps.outbox.enqueue({ packageId, issueId, documentId: doc.meta.id, packageSha256 });
              }
            },
          });
          return workflow.issue(issueId)!;
        })
        .immediate();
      if (signed) deps.onQueued?.();
      return issued;
    } catch (e) {
      if (!(e instanceof NumberTaken) && !isUniqueViolation(e)) throw e;
      const now = documents.get(r.id);
      if (!now || now.meta.revision !== first.meta.revision || now.meta.status !== 'approved') {
        // Not a race for the number: the document itself changed (returned, issued elsewhere…).
        const recheck = checkTransition('issue', now?.meta.status ?? 'draft', user.roles);
        throw new AppError(
          'CONFLICT',
          recheck.ok ? 'Văn bản vừa được sửa ở nơi khác; hãy tải lại rồi ban hành' : recheck.message,
        );
      }
    }
  }
  throw new AppError('CONFLICT', 'Sổ văn bản đang được cấp số liên tục; hãy thử ban hành lại');
}
