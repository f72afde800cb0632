import type { User } from '../../../shared/domain/organization/schemas.ts';
import { checkTransition, selfApprovalProblem } from '../../../shared/domain/workflow/transitions.ts';
import { AppError } from '../../../shared/errors.ts';
import { requireRevision } from '../drafts/documentAccess.ts';
import { sha256Hex, type BlobStore } from '../drafts/attachmentStore.ts';
import type { StoredDocument } from '../drafts/documentsRepository.ts';
import { signPdf, type SigningSecret, type SigningService } from '../signing/index.ts';
import { renderApprovalPdf, type DocumentPdfDeps } from './documentPdf.ts';
import { signerOf } from './documentExchange.ts';
import { transition, type WorkflowDeps } from './transition.ts';

/**
 * "Duyệt và ký" (Nghị định 30/2020, Điều 13): the head sees the PDF of exactly the version they
 * approve, with themselves in the signature block; approving signs those very bytes (PAdES) with
 * their own digital signature when they have one, or records the approval for a paper signature.
 */

export interface ApproveDeps extends WorkflowDeps, DocumentPdfDeps {
  signing: SigningService;
  issuedFiles: BlobStore;
  /** Whether the document may go to the head's signature: its validation messages, if any. */
  gaps: (doc: StoredDocument) => { message: string }[];
}

export interface ApproveRequest {
  id: string;
  baseRevision: number;
  /** The SHA-256 of the PDF the review screen showed; approving refuses any other bytes. */
  pdfSha256?: string | undefined;
  secret?: SigningSecret | undefined;
}

function approvable(deps: ApproveDeps, id: string, baseRevision: number, user: User) {
  const doc = deps.documents.get(id);
  if (!doc) throw new AppError('NOT_FOUND', `Mã văn bản: không tìm thấy văn bản "${id}"`);
  const allowed = checkTransition('approve', doc.meta.status, user.roles);
  if (!allowed.ok) throw new AppError('CONFLICT', allowed.message);
  requireRevision(doc, baseRevision, deps.clock());
  const problem = selfApprovalProblem(
    user.id,
    deps.documents.drafters(id),
    deps.organization.get()?.singleHead ?? false,
  );
  if (problem) throw new AppError('FORBIDDEN', problem);
  const issues = deps.gaps(doc);
  if (issues.length) {
    throw new AppError('VALIDATION', `Văn bản còn thiếu: ${issues.map((i) => i.message).join('; ')}`);
  }
  return doc;
}

const pdfFor = (deps: ApproveDeps, doc: StoredDocument, head: User) =>
  renderApprovalPdf(deps, doc, head, deps.signing.signatureImage(head.id)?.png ?? null);

/** What the review screen shows before "Duyệt và ký": the PDF, its hash, and how the head signs. */
export async function signingPreview(deps: ApproveDeps, r: { id: string; baseRevision: number }, head: User) {
  const doc = approvable(deps, r.id, r.baseRevision, head);
  const pdf = await pdfFor(deps, doc, head);
  return {
    pdf: {
      fileName: pdf.fileName,
      mime: 'application/pdf',
      dataBase64: pdf.bytes.toString('base64'),
    },
    sha256: pdf.sha256,
    identity: deps.signing.identity(head.id),
    hasSignatureImage: deps.signing.signatureImage(head.id) !== null,
  };
}

export async function approveDocument(deps: ApproveDeps, r: ApproveRequest, head: User) {
  const doc = approvable(deps, r.id, r.baseRevision, head);
  const approval = await pdfFor(deps, doc, head);
  if (r.pdfSha256 && r.pdfSha256 !== approval.sha256) {
    throw new AppError(
      'CONFLICT',
      'Bản PDF đã khác bản bạn vừa xem (văn bản, thông tin cơ quan hoặc chữ ký của bạn vừa thay đổi); hãy xem lại rồi duyệt',
    );
  }
  let pdf = approval.bytes;
  if (deps.signing.identity(head.id)) {
    // Opened first, so a wrong PIN fails before anything is written; closed whatever happens.
    const identity = await deps.signing.openSigner(head.id, r.secret ?? {});
    try {
      pdf = await signPdf(pdf, identity, {
        name: head.fullName,
        reason: `Duyệt và ký: ${doc.meta.title}`,
        location: deps.organization.get()?.place ?? '',
        signingTime: deps.clock(),
      });
    } finally {
      await identity.close();
    }
  }
  const sha256 = sha256Hex(pdf);
  // Written before the transaction: a file no row lists is swept at the next start.
  deps.issuedFiles.put(sha256, pdf);
  return transition(deps, {
    action: 'approve',
    id: r.id,
    user: head,
    baseRevision: r.baseRevision,
    signer: signerOf(head),
    pdf: { sha256, fields: approval.fields },
    check: (now) => {
      // What was rendered and signed is what is approved: nothing may have moved meanwhile.
      if (now.meta.revision !== doc.meta.revision) {
        throw new AppError('CONFLICT', 'Văn bản vừa được sửa ở nơi khác; hãy xem lại rồi duyệt');
      }
    },
  });
}
