import type { MethodOutput } from '../../../shared/api.ts';
import { hasPermission } from '../../../shared/domain/organization/roles.ts';
import { validateLetter, type LetterContent } from '../../../shared/domain/letters/letterContent.ts';
import type { PlanContent } from '../../../shared/domain/plans/planContent.ts';
import type { ReportContent } from '../../../shared/domain/reports/reportContent.ts';
import { validatePlan, validateReport } from '../../../shared/domain/reports/reportValidation.ts';
import {
  allowedActions,
  checkTransition,
  selfApprovalProblem,
} from '../../../shared/domain/workflow/transitions.ts';
import { AppError } from '../../../shared/errors.ts';
import type { Handlers } from '../context.ts';
import { currentUser } from '../context.ts';
import { catalogOf, requireRevision } from '../drafts/documentAccess.ts';
import { persistUpgrade } from '../drafts/reportUpgrade.ts';
import type { StoredDocument } from '../drafts/documentsRepository.ts';
import { outboxView } from '../outbox/outboxHandlers.ts';
import { approveDocument, signingPreview } from './approveService.ts';
import { signerFor } from './documentExchange.ts';
import { createIssueQueue, issueDocument, type IssueDeps } from './issueService.ts';
import { applyTransition, transition } from './transition.ts';
import type { IssueRow } from './workflowRepository.ts';

type WorkflowHandlers = Pick<
  Handlers,
  | 'workflow.get'
  | 'workflow.inbox'
  | 'workflow.submit'
  | 'workflow.withdraw'
  | 'workflow.return'
  | 'workflow.signingPreview'
  | 'workflow.approve'
  | 'workflow.issue'
  | 'workflow.amend'
  | 'workflow.resolveComment'
>;

export const issueSummary = (i: IssueRow): MethodOutput<'workflow.issue'>['issue'] => ({
  id: i.id,
  issueNo: i.issueNo,
  number: i.number,
  issuedOn: i.issuedOn,
  issuedByName: i.issuedByName,
  issuedAt: i.issuedAt,
  signer: i.signer,
  recipients: i.recipients,
  amendReason: i.amendReason,
  packageId: i.packageId,
  files: i.files.map((f) => ({ role: f.role, name: f.name, size: f.size, sha256: f.sha256 })),
});

/** The validation that decides whether a document may go to the head: nothing missing, no error. */
function gaps(deps: IssueDeps, doc: StoredDocument) {
  if (doc.meta.kind === 'letter') return validateLetter(doc.content as LetterContent);
  const catalog = catalogOf(deps, doc);
  return doc.meta.kind === 'report'
    ? validateReport(doc.content as ReportContent, catalog, deps.organization.get()?.agencyType)
    : validatePlan(doc.content as PlanContent, catalog);
}

/** The approval chain of a department's plans and reports, one handler per workflow step. */
export function createWorkflowHandlers(deps: IssueDeps): WorkflowHandlers {
  const { documents, workflow, organization } = deps;

  const requireAny = (id: string) => {
    const doc = documents.get(id);
    if (!doc) throw new AppError('NOT_FOUND', `Mã văn bản: không tìm thấy văn bản "${id}"`);
    return doc;
  };
  const singleHead = () => organization.get()?.singleHead ?? false;
  const oneAtATime = createIssueQueue();
  const approving = { ...deps, gaps: (doc: StoredDocument) => gaps(deps, doc) };

  return {
    'workflow.get': ({ id }, ctx) => {
      const user = currentUser(ctx);
      const doc = requireAny(id);
      const history = workflow.transitions(id);
      const selfApproval =
        doc.meta.status === 'submitted' && hasPermission(user.roles, 'documents.approve')
          ? selfApprovalProblem(user.id, documents.drafters(id), singleHead())
          : null;
      const base = [...history].reverse().find((t) => t.action === 'return' || t.action === 'approve');
      return {
        meta: doc.meta,
        allowed: allowedActions(doc.meta.status, user.roles).filter(
          (a) => !(a === 'approve' && selfApproval),
        ),
        history: history.map((t) => ({
          seq: t.seq,
          action: t.action,
          fromStatus: t.fromStatus,
          toStatus: t.toStatus,
          userName: t.userName,
          role: t.role,
          at: t.at,
          versionNo: t.versionNo,
          reason: t.reason,
        })),
        comments: workflow.comments(id).map((c) => ({
          id: c.id,
          round: c.transitionSeq,
          area: c.area,
          key: c.key,
          text: c.text,
          authorName: c.authorName,
          createdAt: c.createdAt,
          resolvedAt: c.resolvedAt,
          resolvedByName: c.resolvedByName,
        })),
        reviewBase: base ? { versionNo: base.versionNo, action: base.action, at: base.at } : null,
        issues: workflow.issuesOf(id).map(issueSummary),
        sending: deps.outbox.ofDocument(id).map((i) => outboxView(deps, i)),
        signer: signerFor(deps, doc, organization.get()!),
        selfApproval,
      };
    },

    'workflow.inbox': (_input, ctx) => {
      const user = currentUser(ctx);
      // A returned document is the clerks' work, and that of whoever wrote it (a head may have).
      const fixes = (doc: StoredDocument) =>
        user.roles.includes('chuyen_vien') || documents.drafters(doc.meta.id).includes(user.id);
      const tasks = [
        {
          status: 'submitted',
          task: 'review',
          by: 'submit',
          mine: () => hasPermission(user.roles, 'documents.approve'),
        },
        {
          status: 'approved',
          task: 'issue',
          by: 'approve',
          mine: () => hasPermission(user.roles, 'documents.issue'),
        },
        { status: 'returned', task: 'fix', by: 'return', mine: fixes },
      ] as const;
      return tasks
        .flatMap((t) =>
          documents
            .withStatus([t.status])
            .filter((doc) => t.mine(doc))
            .map((doc) => {
              const step = workflow.lastTransition(doc.meta.id, [t.by]);
              return {
                documentId: doc.meta.id,
                kind: doc.meta.kind,
                title: doc.meta.title,
                status: doc.meta.status,
                task: t.task,
                since: step?.at ?? doc.meta.updatedAt,
                byName: step?.userName ?? doc.meta.updatedBy,
                reason: step?.reason ?? '',
              };
            }),
        )
        .sort((a, b) => a.since.localeCompare(b.since));
    },

    'workflow.submit': ({ id, baseRevision }, ctx) => {
      const user = currentUser(ctx);
      return deps.db
        .transaction(() => {
          let doc = requireAny(id);
          // A refusal for the state or the role comes first; missing content only matters after.
          const allowed = checkTransition('submit', doc.meta.status, user.roles);
          if (!allowed.ok) {
            const mayEver = hasPermission(user.roles, 'drafts.edit');
            throw new AppError(mayEver ? 'CONFLICT' : 'FORBIDDEN', allowed.message);
          }
          requireRevision(doc, baseRevision, deps.clock());
          // What goes for approval is the report as the catalog now wants it, stored as its own version.
          if (doc.meta.kind === 'report') doc = persistUpgrade(deps, doc, user.id);
          const issues = gaps(deps, doc);
          if (issues.length) return { submitted: false, issues, meta: doc.meta };
          const meta = applyTransition(deps, { action: 'submit', id, user });
          return { submitted: true, issues: [], meta };
        })
        .immediate();
    },

    'workflow.withdraw': ({ id }, ctx) =>
      transition(deps, { action: 'withdraw', id, user: currentUser(ctx) }),

    'workflow.return': ({ id, baseRevision, reason, comments }, ctx) =>
      transition(deps, {
        action: 'return',
        id,
        user: currentUser(ctx),
        baseRevision,
        reason,
        apply: (doc, step) => {
          for (const c of comments) {
            workflow.addComment({
              documentId: doc.meta.id,
              transitionSeq: step.seq,
              authorId: currentUser(ctx).id,
              ...c,
            });
          }
        },
      }),

    'workflow.signingPreview': (input, ctx) => signingPreview(approving, input, currentUser(ctx)),

    'workflow.approve': (input, ctx) => approveDocument(approving, input, currentUser(ctx)),

    'workflow.issue': async (input, ctx) => {
      const issue = await oneAtATime(() => issueDocument(deps, input, currentUser(ctx)));
      return { meta: documents.get(input.id)!.meta, issue: issueSummary(issue) };
    },

    'workflow.amend': ({ id, reason }, ctx) =>
      transition(deps, {
        action: 'amend',
        id,
        user: currentUser(ctx),
        // The issued version is sealed: the amendment's first save starts a version of its own.
        reason,
      }),

    'workflow.resolveComment': ({ id, resolved }, ctx) => {
      const user = currentUser(ctx);
      deps.db
        .transaction(() => {
          const comment = workflow.comment(id);
          if (!comment) throw new AppError('NOT_FOUND', 'Không tìm thấy ý kiến này');
          const doc = requireAny(comment.documentId);
          if (doc.meta.status !== 'returned' && doc.meta.status !== 'draft') {
            throw new AppError('CONFLICT', 'Chỉ đánh dấu ý kiến khi văn bản đang được sửa');
          }
          workflow.setCommentResolved(id, resolved ? user.id : null);
          deps.audit.append(user.id, 'workflow.resolveComment', { id, documentId: doc.meta.id, resolved });
        })
        .immediate();
      return { ok: true as const };
    },
  };
}
