import path from 'node:path';
import type { Handlers } from './context.ts';
import { createDispatch, type Dispatch } from './dispatch.ts';
import { createAuditLog } from './audit/auditLog.ts';
import { loadCatalogDir } from './catalog/loadCatalog.ts';
import { openBlobStore } from './drafts/attachmentStore.ts';
import { createAttachmentsHandlers, createAttachmentsRepository } from './drafts/attachmentsService.ts';
import { createDocumentHandlers } from './documents/documentsHandlers.ts';
import { createDocumentsRepository, type DocumentsRepository } from './drafts/documentsRepository.ts';
import { createPlansHandlers } from './drafts/plansService.ts';
import { createReportsHandlers } from './drafts/reportsService.ts';
import { createVersionsHandlers } from './drafts/versionsService.ts';
import { createHomeHandlers } from './home/homeService.ts';
import { createAccountHandlers } from './organization/accountService.ts';
import {
  createOrganizationRepository,
  type OrganizationRepository,
} from './organization/organizationRepository.ts';
import { createUsersHandlers } from './organization/usersService.ts';
import { createUsersRepository, type UsersRepository } from './organization/usersRepository.ts';
import { createSpreadsheetHandlers } from './spreadsheets/spreadsheetsHandlers.ts';
import { openDatabase, openMemoryDatabase, type Db } from './store/openDatabase.ts';
import { migrations } from './store/migrations/index.ts';
import { createBackupHandlers } from './backup/backupHandlers.ts';
import { createBackupService, type BackupService } from './backup/backupService.ts';
import { consoleLogger, type AppLogger } from './logging/logger.ts';
import { createLogsHandlers } from './logging/logsHandlers.ts';
import { createUpdatesHandlers, type UpdatesPort } from './updates/updatesHandlers.ts';
import { appVersion } from './appVersion.ts';

export interface ServiceOptions {
  /** Where the database and attachments live; omit for an in-memory store (tests). */
  dataDir?: string;
  /** The folder holding plans/*.json. */
  resourcesDir: string;
  clock?: () => Date;
  /** Path of a better-sqlite3 addon built for another runtime (Electron); Node's copy otherwise. */
  nativeBinding?: string;
  /** The main process's log (a rotating file); warnings to stderr when omitted. */
  log?: AppLogger;
  /** The version recorded in backups; package.json's by default. */
  appVersion?: string;
  /** Given by the service host: close, put a restored backup in place, open again. */
  requestReopen?: () => void;
  /** The desktop's updater; web mode and tests have none ("disabled"). */
  updates?: UpdatesPort;
}

export interface Services {
  db: Db;
  /** Read access for tools that work beside the handler table (the CLI's export-json). */
  organization: OrganizationRepository;
  users: UsersRepository;
  documents: DocumentsRepository;
  handlers: Handlers;
  dispatch: Dispatch;
  /** Where attachment files are kept: <dataDir>/attachments, or a temporary folder removed on close. */
  attachmentsDir: string;
  /** Backups of the data folder; null for an in-memory store. */
  backup: BackupService | null;
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
  const drafts = { db, catalogs, organization, documents, audit, clock };
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
    ...createDocumentHandlers({ catalogs, organization, users, documents }),
    ...createAttachmentsHandlers({ ...drafts, attachments, blobs }),
    ...createSpreadsheetHandlers({
      ...drafts,
      saveReport: (input, ctx) => handlers['reports.save'](input, ctx),
    }),
    ...createLogsHandlers(log, clock),
    ...createBackupHandlers(backup, options.requestReopen),
    ...createUpdatesHandlers(options.updates, version),
  };
  return {
    db,
    organization,
    users,
    documents,
    handlers,
    dispatch: createDispatch(handlers, users, log.child('dispatch')),
    attachmentsDir: blobs.dir,
    backup,
    log,
    close: () => {
      db.close();
      blobs.dispose();
    },
  };
}

/** resources/ of the checkout, for web mode, the CLI and tests. */
export function defaultResourcesDir(): string {
  return path.resolve(import.meta.dirname, '../../resources');
}
