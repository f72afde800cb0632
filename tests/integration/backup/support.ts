import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Session } from '../../../electron/services/context.ts';
import { defaultResourcesDir } from '../../../electron/services/index.ts';
import { createLogger } from '../../../electron/services/logging/logger.ts';
import { openServiceHost, type ServiceHost } from '../../../electron/services/serviceHost.ts';
import { listFileStores, listStoreFiles } from '../../../electron/services/backup/dataFolder.ts';
import type { MethodInput, MethodName } from '../../../shared/api.ts';
import {
  CLERK_PASSWORD,
  b64,
  realOrganization,
  sampleFiles,
  semiannual2026,
  tempDir,
} from '../../unit/helpers/drafts.ts';
import { ADMIN_PASSWORD, adminInput, dumpTables, expectOk, orgInput } from '../../unit/helpers/setup.ts';

export { tempDir };

/** A logger that writes to a file nobody reads: the refusals these tests provoke are expected. */
export const quietLog = (dir: string) => createLogger({ dir: path.join(dir, 'logs') });

export type HostCaller = <K extends MethodName>(
  name: K,
  input: MethodInput<K> | unknown,
) => ReturnType<ServiceHost['dispatch']>;

export function hostCaller(host: ServiceHost, session: Session = { userId: null }): HostCaller {
  return (name, input) => host.dispatch(name, input, session);
}

export interface DiskDepartment {
  dataDir: string;
  host: ServiceHost;
  admin: HostCaller;
  clerk: HostCaller;
  reportId: string;
}

export async function openHost(dataDir: string, clock?: () => Date) {
  return openServiceHost({
    dataDir,
    resourcesDir: defaultResourcesDir(),
    log: quietLog(dataDir),
    ...(clock ? { clock } : {}),
  });
}

export async function login(host: ServiceHost, username: string, password: string) {
  const call = hostCaller(host);
  expectOk(await call('auth.login', { username, password }));
  return call;
}

/** A department on disk with an administrator, a clerk, a report and two evidence files. */
export async function departmentOnDisk(
  dataDir = tempDir('baocao-backup-'),
  clock?: () => Date,
): Promise<DiskDepartment> {
  const host = await openHost(dataDir, clock);
  const admin = hostCaller(host);
  expectOk(
    await admin('setup.complete', { organization: orgInput(realOrganization()), admin: adminInput() }),
  );
  expectOk(
    await admin('users.create', {
      username: 'nguyenvana',
      fullName: 'Nguyễn Văn A',
      roles: ['chuyen_vien'],
      password: CLERK_PASSWORD,
    }),
  );
  const clerk = await login(host, 'nguyenvana', CLERK_PASSWORD);
  const report = expectOk<{ meta: { id: string } }>(await clerk('reports.create', semiannual2026));
  for (const [name, bytes] of [
    ['Kế hoạch tập huấn.pdf', sampleFiles.pdf],
    ['Danh sách.txt', sampleFiles.txt],
  ] as const) {
    expectOk(await clerk('attachments.add', { documentId: report.meta.id, name, dataBase64: b64(bytes) }));
  }
  return { dataDir, host, admin, clerk, reportId: report.meta.id };
}

export const ADMIN = { username: 'quantri', password: ADMIN_PASSWORD };

const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** Every file of every store, by path, with its hash. */
export function fileHashes(dataDir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const store of listFileStores(dataDir)) {
    for (const rel of listStoreFiles(dataDir, store)) out[rel] = sha(path.join(dataDir, ...rel.split('/')));
  }
  return out;
}

/** What a restore must bring back exactly: every row of every table and every file's hash. */
export function snapshot(host: ServiceHost, dataDir: string) {
  return { rows: dumpTables(host.services.db), files: fileHashes(dataDir) };
}

/** Adds a colleague and a third evidence file: data the backup does not have. */
export async function changeSomething(d: DiskDepartment) {
  expectOk(
    await d.admin('users.create', {
      username: 'tranthib',
      fullName: 'Trần Thị B',
      roles: ['chuyen_vien'],
      password: CLERK_PASSWORD,
    }),
  );
  expectOk(
    await d.clerk('attachments.add', {
      documentId: d.reportId,
      name: 'Ảnh hội nghị.png',
      dataBase64: b64(sampleFiles.png),
    }),
  );
}

export const backupFolderOf = (dataDir: string) => path.join(dataDir, 'backups');
