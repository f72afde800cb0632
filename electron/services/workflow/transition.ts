import { createHash } from 'node:crypto';
import type { DocumentMeta } from '../../../shared/domain/documents/documentMeta.ts';
import type { PdfFieldLayout } from '../../../shared/domain/documents/pdfFields.ts';
import type { Signer } from '../../../shared/domain/organization/letterhead.ts';
import { hasPermission, rolesWith, type Role } from '../../../shared/domain/organization/roles.ts';
import type { User } from '../../../shared/domain/organization/schemas.ts';
import { canonicalJson } from '../../../shared/domain/packages/manifest.ts';
import {
  checkTransition,
  transitions,
  type WorkflowAction,
} from '../../../shared/domain/workflow/transitions.ts';
import { AppError } from '../../../shared/errors.ts';
import { requireRevision, type DraftsDeps } from '../drafts/documentAccess.ts';
import type { StoredDocument } from '../drafts/documentsRepository.ts';
import type { WorkflowRepository } from './workflowRepository.ts';

export interface WorkflowDeps extends DraftsDeps {
  workflow: WorkflowRepository;
}

/** SHA-256 of a document's content in canonical JSON: what the audit trail and the issue record. */
export const contentSha256 = (content: unknown) =>
  createHash('sha256').update(canonicalJson(content)).digest('hex');

export interface TransitionRequest {
  action: WorkflowAction;
  id: string;
  user: User;
  /** The revision the person saw: a head approves exactly what they reviewed. */
  baseRevision?: number;
  reason?: string;
  /** Approval: who signs, as printed in the document. */
  signer?: Signer | null;
  /** Approval: the PDF approved (and signed), kept in issued/. */
  pdf?: { sha256: string; fields: PdfFieldLayout } | null;
  /** More checks of the document, inside the transaction, after the table's own. */
  check?: (doc: StoredDocument) => void;
  /** More writes in the same transaction (comments, the register, the issue), given the step's seq. */
  apply?: (doc: StoredDocument, step: { seq: number; versionNo: number; contentSha256: string }) => void;
}

/** The role in which `user` takes a step: the first of theirs that grants its permission. */
function actingRole(user: User, action: WorkflowAction): Role {
  return rolesWith(transitions[action].permission).find((r) => user.roles.includes(r)) ?? user.roles[0]!;
}

/**
 * One workflow step, to be called inside an IMMEDIATE transaction: the table allows it from the
 * document's current state for the user's roles, the revision is the one the person saw, the
 * version it concerns is sealed, and status, step record and audit entry land together.
 */
export function applyTransition(deps: WorkflowDeps, r: TransitionRequest): DocumentMeta {
  const { documents, workflow, audit, clock } = deps;
  const doc = documents.get(r.id);
  if (!doc) throw new AppError('NOT_FOUND', `Mã văn bản: không tìm thấy văn bản "${r.id}"`);
  const allowed = checkTransition(r.action, doc.meta.status, r.user.roles);
  if (!allowed.ok) {
    // The wrong role is FORBIDDEN whatever the state; the right role at the wrong moment a CONFLICT.
    const mayEver = hasPermission(r.user.roles, transitions[r.action].permission);
    throw new AppError(mayEver ? 'CONFLICT' : 'FORBIDDEN', allowed.message);
  }
  const rule = allowed.rule;
  if (r.baseRevision !== undefined) requireRevision(doc, r.baseRevision, clock());
  const reason = (r.reason ?? '').trim();
  if (rule.reasonRequired && !reason) {
    throw new AppError('VALIDATION', `Lý do: "${rule.label}" cần ghi rõ lý do`);
  }
  r.check?.(doc);
  const versionNo = documents.sealLatestVersion(doc.meta.id);
  const sha = contentSha256(doc.content);
  const role = actingRole(r.user, r.action);
  documents.setStatus(doc.meta.id, rule.to);
  const seq = workflow.addTransition({
    documentId: doc.meta.id,
    action: r.action,
    fromStatus: doc.meta.status,
    toStatus: rule.to,
    userId: r.user.id,
    role,
    revision: doc.meta.revision,
    versionNo,
    contentSha256: sha,
    reason,
    signer: r.signer ?? null,
    pdf: r.pdf ?? null,
  });
  r.apply?.(doc, { seq, versionNo, contentSha256: sha });
  audit.append(r.user.id, `workflow.${r.action}`, {
    id: doc.meta.id,
    kind: doc.meta.kind,
    from: doc.meta.status,
    to: rule.to,
    role,
    revision: doc.meta.revision,
    versionNo,
    contentSha256: sha,
    ...(reason ? { reason } : {}),
    ...(r.pdf ? { pdfSha256: r.pdf.sha256 } : {}),
  });
  return documents.get(doc.meta.id)!.meta;
}

/** One workflow step in a transaction of its own. */
export function transition(deps: WorkflowDeps, r: TransitionRequest): DocumentMeta {
  return deps.db.transaction(() => applyTransition(deps, r)).immediate();
}
