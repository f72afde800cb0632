import path from 'node:path';
import type { Handlers } from './context.ts';
import { createDispatch, type Dispatch } from './dispatch.ts';
import { createAuditLog } from './audit/auditLog.ts';
import { createAuditIntegrity } from './audit/auditService.ts';
import { createAuditListHandlers } from './audit/auditList.ts';
import { loadCatalogDir } from './catalog/loadCatalog.ts';
import { openBlobStore } from './drafts/attachmentStore.ts';
import { removeTempFiles } from './files/atomicFiles.ts';
import { createAttachmentsHandlers, createAttachmentsRepository } from './drafts/attachmentsService.ts';
import { createDocumentHandlers, frozenFile } from './documents/documentsHandlers.ts';
import { createDocumentsRepository, type DocumentsRepository } from './drafts/documentsRepository.ts';
import { createPlansHandlers } from './drafts/plansService.ts';
import { createReportsHandlers } from './drafts/reportsService.ts';
import { createVersionsHandlers } from './drafts/versionsService.ts';
import { createDraftDeletionHandlers } from './drafts/draftDeletion.ts';
import { createHomeHandlers } from './home/homeService.ts';
import { createAccountHandlers } from './organization/accountService.ts';
import {
  createOrganizationRepository,
  type OrganizationRepository,
} from './organization/organizationRepository.ts';
import { createUsersHandlers } from './organization/usersService.ts';
import { createUsersRepository, type UsersRepository } from './organization/usersRepository.ts';
import { createSigningHandlers } from './signing/signingHandlers.ts';
import { createSigningService, type SigningService } from './signing/signingService.ts';
import type { SecretBox } from './signing/identities/keyVault.ts';
import { createPkcs11Client, type Pkcs11Client } from './signing/pkcs11/client.ts';
import { createSpreadsheetHandlers } from './spreadsheets/spreadsheetsHandlers.ts';
import { createSessionSettings } from './sessions/sessionPolicy.ts';
import { createSessionsHandlers } from './sessions/sessionsService.ts';
import { openDatabase, openMemoryDatabase, type Db } from './store/openDatabase.ts';
import { createRegisterHandlers } from './workflow/registerHandlers.ts';
import { createWorkflowHandlers } from './workflow/workflowHandlers.ts';
import { createWorkflowRepository } from './workflow/workflowRepository.ts';
import { createConnectionStore } from './outbox/connectionStore.ts';
import { createOutboxHandlers } from './outbox/outboxHandlers.ts';
import { createOutboxRepository } from './outbox/outboxRepository.ts';
import { createOutboxSender, type OutboxSender } from './outbox/outboxSender.ts';
import { AppError } from '../../shared/errors.ts';
import { migrations } from './store/migrations/index.ts';
import { createBackupHandlers } from './backup/backupHandlers.ts';
import { createBackupService, type BackupService } from './backup/backupService.ts';
import { consoleLogger, type AppLogger } from './logging/logger.ts';
import { createLogsHandlers } from './logging/logsHandlers.ts';
import { createUpdatesHandlers, type UpdatesPort } from './updates/updatesHandlers.ts';
import { appVersion } from './appVersion.ts';
import { createOfficerSessionHolder } from './sokhcn/officerSession.ts';
import { createSokhcnHandlers } from './sokhcn/sokhcnHandlers.ts';
import { createLettersHandlers } from './letters/lettersHandlers.ts';

export interface ServiceOptions {
  /** Where the database and attachments live; omit for an in-memory store (tests). */
  dataDir?: string;
  /** The folder holding plans/*.json. */
  resourcesDir: string;
  clock?: () => Date;
  /** Path of a better-sqlite3 addon built for another runtime (Electron); Node's copy otherwise. */
  nativeBinding?: string;
  /** The OS key store for signing keys at rest (Electron safeStorage); passphrase only without it. */
  secretBox?: SecretBox;
  /** pkcs11js built for Electron (scripts/electronNative.mjs), for the PKCS#11 host process. */
  pkcs11jsDir?: string;
  /** The main process's log (a rotating file); warnings to stderr when omitted. */
  log?: AppLogger;
  /** The version recorded in backups; package.json's by default. */
  appVersion?: string;
  /** Given by the service host: close, put a restored backup in place, open again. */
  requestReopen?: () => void;
  /** The desktop's updater; web mode and tests have none ("disabled"). */
  updates?: UpdatesPort;
  /** Work the outbox in the background (the desktop and web mode); tests drive the sender themselves. */
  sendOutbox?: boolean;
  /** Given by the service host: work that must finish before a restart for an update. */
  holdBusy?: (reason: string) => () => void;
}

export interface Services {
  db: Db;
  /** Read access for tools that work beside the handler table (the CLI's export-json). */
  organization: OrganizationRepository;
  users: UsersRepository;
  documents: DocumentsRepository;
  /** Identities, images, trusted roots; `openSigner` for "Duyệt và ký" and "Ban hành". */
  signing: SigningService;
  handlers: Handlers;
  dispatch: Dispatch;
  /** Where attachment files are kept: <dataDir>/attachments, or a temporary folder removed on close. */
  attachmentsDir: string;
  /** Backups of the data folder; null for an in-memory store. */
  backup: BackupService | null;
  /** Sends issued packages to Sở KH&CN. */
  sender: OutboxSender;
  /** The Sở KH&CN server this computer is enrolled with (also the updates feed), or null. */
  intakeServerUrl(): string | null;
  log: AppLogger;
  close(): void;
}

/** Builds every service over one store: the handler table that IPC and the web host both serve. */
export function createServices(options: ServiceOptions): Services {
  const clock = options.clock ?? (() => new Date());
  const log = options.log ?? consoleLogger();
  const version = options.appVersion ?? appVersion();
  const catalogs = loadCatalogDir(path.join(options.resourcesDir, 'plans'));
  const db = options.dataDir
    ? openDatabase(options.dataDir, undefined, options.nativeBinding)
    : openMemoryDatabase();
  const audit = createAuditLog(db, clock);
  const organization = createOrganizationRepository(db, clock);
  const users = createUsersRepository(db, clock);
  const documents = createDocumentsRepository(db, clock);
  const attachments = createAttachmentsRepository(db, clock);
  // Attachment files sit beside the database; an in-memory store gets a folder of its own.
  const blobs = openBlobStore(options.dataDir);
  // The frozen bytes of issued documents, apart from attachments: never removed while listed.
  const issuedFiles = openBlobStore(options.dataDir, 'issued');
  const workflow = createWorkflowRepository(db, clock);
  // What a write killed midway left behind: temp files, and files no row refers to.
  blobs.sweep(attachments.storedHashes());
  issuedFiles.sweep(workflow.storedHashes());
  if (options.dataDir) removeTempFiles(options.dataDir);
  const drafts = { db, catalogs, organization, documents, audit, clock };
  const sessionSettings = createSessionSettings(db, clock);
  // Checked before anything is served: a chain edited while the app was stopped shows at once.
  const integrity = createAuditIntegrity({
    db,
    clock,
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
  });
  // The PKCS#11 host process starts only when someone first uses a token.
  let pkcs11: Pkcs11Client | null = null;
  const signing = createSigningService({
    db,
    clock,
    audit,
    users,
    organization,
    fontsDir: path.join(options.resourcesDir, 'fonts'),
    ...(options.secretBox ? { secretBox: options.secretBox } : {}),
    pkcs11: () =>
      (pkcs11 ??= createPkcs11Client(options.pkcs11jsDir ? { pkcs11jsDir: options.pkcs11jsDir } : {})),
  });
  const outbox = createOutboxRepository(db, clock);
  const connection = createConnectionStore(db, clock, {
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.secretBox ? { secretBox: options.secretBox } : {}),
  });
  const sender = createOutboxSender({
    outbox,
    connection,
    workflow,
    issuedFiles,
    clock,
    log: log.child('outbox'),
    ...(options.holdBusy ? { hold: options.holdBusy } : {}),
  });
  const issuing = {
    ...drafts,
    users,
    workflow,
    issuedFiles,
    signing,
    outbox,
    resourcesDir: options.resourcesDir,
    onQueued: () => sender.kick(),
    // The evidence as it is at issue, copied into the package.
    attachmentFiles: (documentId: string) =>
      attachments.list(documentId).map((a) => {
        const bytes = blobs.read(a.sha256);
        if (!bytes) {
          throw new AppError(
            'INTERNAL',
            `Tệp đính kèm "${a.name}" bị thiếu hoặc bị thay đổi trên đĩa; hãy đính kèm lại trước khi ban hành`,
          );
        }
        return { name: a.name, mime: a.mime, bytes };
      }),
  };
  const backup = options.dataDir
    ? createBackupService({
        db,
        dataDir: options.dataDir,
        appVersion: version,
        newestSchema: migrations.length,
        clock,
        log: log.child('backup'),
        ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
      })
    : null;

  const handlers: Handlers = {
    ...createAccountHandlers({ db, catalogs, organization, users, audit, clock }),
    ...createUsersHandlers(db, users, audit),
    ...createHomeHandlers(catalogs, organization, clock),
    ...createPlansHandlers(drafts),
    ...createReportsHandlers({ ...drafts, attachments }),
    ...createVersionsHandlers(drafts),
    ...createDraftDeletionHandlers(drafts),
    ...createDocumentHandlers(issuing),
    ...createAttachmentsHandlers({ ...drafts, attachments, blobs }),
    ...createSessionsHandlers(db, sessionSettings, audit),
    ...integrity.handlers,
    ...createAuditListHandlers(db),
    ...createSigningHandlers(signing),
    ...createSpreadsheetHandlers({
      ...drafts,
      saveReport: (input, ctx) => handlers['reports.save'](input, ctx),
      frozenWorkbook: (doc) => frozenFile(issuing, doc, 'xlsx'),
    }),
    ...createWorkflowHandlers(issuing),
    ...createRegisterHandlers(issuing),
    ...createLogsHandlers(log, clock),
    ...createBackupHandlers(backup, options.requestReopen),
    ...createUpdatesHandlers(options.updates, version),
    ...createSokhcnHandlers({
      catalogs,
      organization,
      documents,
      signing,
      clock,
      officer: createOfficerSessionHolder(clock),
      createReport: (input, ctx) => handlers['reports.create'](input, ctx),
      getReport: (input, ctx) => handlers['reports.get'](input, ctx),
      saveReport: (input, ctx) => handlers['reports.save'](input, ctx),
    }),
    ...createLettersHandlers({
      ...drafts,
      overview: (input, ctx) => handlers['sokhcn.overview'](input, ctx),
    }),
    ...createOutboxHandlers({ outbox, connection, sender, workflow, documents, organization, users, audit }),
  };
  if (options.sendOutbox) sender.start();
  return {
    db,
    organization,
    users,
    documents,
    signing,
    handlers,
    dispatch: createDispatch(handlers, users, log.child('dispatch'), {
      clock,
      idleMinutes: () => sessionSettings.idleMinutes(),
    }),
    attachmentsDir: blobs.dir,
    backup,
    sender,
    intakeServerUrl: () => connection.get()?.serverUrl ?? null,
    log,
    close: () => {
      sender.stop();
      integrity.close();
      pkcs11?.dispose();
      db.close();
      blobs.dispose();
      issuedFiles.dispose();
    },
  };
}

/** resources/ of the checkout, for web mode, the CLI and tests. */
export function defaultResourcesDir(): string {
  return path.resolve(import.meta.dirname, '../../resources');
}
