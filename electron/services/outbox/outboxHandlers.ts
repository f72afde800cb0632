import type { MethodOutput } from '../../../shared/api.ts';
import { AppError } from '../../../shared/errors.ts';
import type { createAuditLog } from '../audit/auditLog.ts';
import type { Handlers } from '../context.ts';
import { currentUser } from '../context.ts';
import type { DocumentsRepository } from '../drafts/documentsRepository.ts';
import type { OrganizationRepository } from '../organization/organizationRepository.ts';
import type { UsersRepository } from '../organization/usersRepository.ts';
import { organizationCode } from '../workflow/issuePackage.ts';
import type { WorkflowRepository } from '../workflow/workflowRepository.ts';
import type { ConnectionStore } from './connectionStore.ts';
import { enrol, normalizeServerUrl } from './intakeClient.ts';
import type { OutboxItem, OutboxRepository } from './outboxRepository.ts';
import type { OutboxSender } from './outboxSender.ts';

type OutboxHandlers = Pick<
  Handlers,
  | 'outbox.list'
  | 'outbox.sendNow'
  | 'outbox.retry'
  | 'outbox.refreshStatus'
  | 'outbox.receipt'
  | 'outbox.enrol'
>;

export interface OutboxHandlerDeps {
  outbox: OutboxRepository;
  connection: ConnectionStore;
  sender: OutboxSender;
  workflow: WorkflowRepository;
  documents: DocumentsRepository;
  organization: OrganizationRepository;
  users: UsersRepository;
  audit: ReturnType<typeof createAuditLog>;
}

export function outboxView(deps: Pick<OutboxHandlerDeps, 'workflow' | 'documents'>, item: OutboxItem) {
  const issue = deps.workflow.issue(item.issueId);
  const doc = deps.documents.get(item.documentId);
  return {
    packageId: item.packageId,
    issueId: item.issueId,
    documentId: item.documentId,
    kind: doc?.meta.kind ?? 'report',
    title: doc?.meta.title ?? '',
    number: issue?.number ?? '',
    issuedOn: issue?.issuedOn ?? '',
    state: item.state,
    attempts: item.attempts,
    nextAttemptAt: item.nextAttemptAt,
    lastError: item.lastError,
    receipt: item.receipt,
    sentAt: item.sentAt,
    remoteStatus: item.remoteStatus,
    remoteReason: item.remoteReason,
    remoteCheckedAt: item.remoteCheckedAt,
    createdAt: item.createdAt,
  };
}

/** The outbox page and "Kết nối Sở KH&CN". */
export function createOutboxHandlers(deps: OutboxHandlerDeps): OutboxHandlers {
  const { outbox, connection, sender } = deps;

  const connectionView = (): MethodOutput<'outbox.list'>['connection'] => {
    const c = connection.get();
    if (!c) return null;
    const t = connection.token();
    return {
      serverUrl: c.serverUrl,
      deviceId: c.deviceId,
      organization: c.organization,
      receiptCertificateSha256: c.receiptCertificateSha256,
      protection: c.protection,
      enrolledAt: c.enrolledAt,
      enrolledByName: deps.users.get(c.enrolledBy)?.fullName ?? '',
      problem: t.token === null ? t.reason : null,
    };
  };

  return {
    'outbox.list': () => ({
      connection: connectionView(),
      items: outbox.all().map((i) => outboxView(deps, i)),
    }),

    'outbox.sendNow': () => {
      sender.kick();
      return { ok: true as const };
    },

    'outbox.retry': ({ packageId }, ctx) => {
      const item = outbox.get(packageId);
      if (!item) throw new AppError('NOT_FOUND', 'Không tìm thấy gói này trong hộp thư đi');
      if (item.state === 'sent') throw new AppError('CONFLICT', 'Gói này đã được gửi và có biên nhận');
      outbox.requeue(packageId);
      deps.audit.append(currentUser(ctx).id, 'outbox.retry', { packageId });
      sender.kick();
      return { ok: true as const };
    },

    'outbox.refreshStatus': async () => {
      const r = await sender.refreshStatus();
      if (!r.ok) throw new AppError('CONFLICT', r.message);
      return { updated: r.updated };
    },

    'outbox.receipt': ({ packageId }) => {
      const item = outbox.get(packageId);
      if (!item?.receiptJws) throw new AppError('NOT_FOUND', 'Gói này chưa có biên nhận của Sở KH&CN');
      return {
        fileName: `bien-nhan-${item.receipt?.receiptId ?? packageId}.jws`,
        mime: 'application/jose',
        dataBase64: Buffer.from(item.receiptJws, 'utf8').toString('base64'),
      };
    },

    'outbox.enrol': async ({ serverUrl, code, fingerprint }, ctx) => {
      const user = currentUser(ctx);
      const base = normalizeServerUrl(serverUrl);
      if (!base) throw new AppError('VALIDATION', 'Địa chỉ máy chủ: phải có dạng https://… (hoặc http://…)');
      const org = deps.organization.get()!;
      const r = await enrol(base, code.replace(/^(\w{4})-?(\w{4})-?(\w{4})$/, '$1-$2-$3'), {
        deviceName: `BaoCao – ${org.name}`,
        ...(fingerprint?.trim() ? { expectedCertificateSha256: fingerprint } : {}),
      });
      if (!r.ok) throw new AppError(r.failure.retryable ? 'CONFLICT' : 'VALIDATION', r.failure.message);
      const ours = organizationCode(org.abbreviation);
      if (r.value.organization.code !== ours) {
        throw new AppError(
          'VALIDATION',
          `Mã đăng ký này là của "${r.value.organization.name}" (mã ${r.value.organization.code}), không phải của cơ quan này (mã ${ours}); hãy xin Sở KH&CN mã đúng`,
        );
      }
      connection.save(r.value, user.id);
      deps.audit.append(user.id, 'outbox.enrol', {
        serverUrl: r.value.serverUrl,
        deviceId: r.value.deviceId,
        organization: r.value.organization.code,
        receiptCertificateSha256: r.value.receiptCertificateSha256,
      });
      sender.kick();
      return connectionView()!;
    },
  };
}
