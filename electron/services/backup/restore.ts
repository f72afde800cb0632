import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { DATABASE_FILE } from '../store/openDatabase.ts';
import type { Logger } from '../logging/logger.ts';
import {
  RESTORE_MARKER,
  RESTORE_OLD,
  RESTORE_STAGING,
  fsyncDir,
  listFileStores,
  writeFileAtomically,
} from './dataFolder.ts';
import { unpackAndCheck, type CheckedArchive } from './readBackup.ts';

/**
 * Restoring replaces the database and every file store at once, and a power cut or a killed
 * process must never leave half of each. So:
 *   1. unpack and check the archive in <data>/.restore-staging (same disk: a rename apart);
 *   2. write restore-pending.json naming what will move — from then on the restore is decided;
 *   3. with the store closed, move each current item to .restore-old and the staged one in place;
 *   4. remove the marker, then the old copies (a backup of them was taken before step 2).
 * At every start `finishPendingRestore` completes step 3–4 when the marker is there, and throws
 * away a staging folder that never got a marker: before step 2 the old data is untouched.
 */
const markerSchema = z.object({
  /** Items taken from the staging folder: the database and the archive's stores. */
  fromArchive: z.array(z.string()),
  /** Items moved aside with nothing in their place: -wal/-shm, stores the archive does not have. */
  removeOnly: z.array(z.string()),
  archive: z.string(),
  at: z.string(),
});
type Marker = z.infer<typeof markerSchema>;

export type Step = (name: string) => void;

export async function stageRestore(
  dataDir: string,
  archive: string,
  newestSchema: number,
  nativeBinding?: string,
  onStep: Step = () => {},
): Promise<CheckedArchive> {
  if (fs.existsSync(path.join(dataDir, RESTORE_MARKER))) {
    throw new Error('a restore is already pending; finish it before staging another');
  }
  const staging = path.join(dataDir, RESTORE_STAGING);
  fs.rmSync(staging, { recursive: true, force: true });
  fs.rmSync(path.join(dataDir, RESTORE_OLD), { recursive: true, force: true });
  onStep('unpacking');
  try {
    const checked = await unpackAndCheck(archive, staging, newestSchema, nativeBinding, true);
    fsyncDir(staging);
    onStep('staged');
    return checked;
  } catch (e) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw e;
  }
}

/** Step 2: after this returns, the restore will complete even if the process dies. */
export function commitRestore(
  dataDir: string,
  checked: CheckedArchive,
  archive: string,
  onStep: Step = () => {},
) {
  const fromArchive = [DATABASE_FILE, ...checked.stores];
  const removeOnly = [
    `${DATABASE_FILE}-wal`,
    `${DATABASE_FILE}-shm`,
    ...listFileStores(dataDir).filter((s) => !checked.stores.includes(s)),
  ];
  const marker: Marker = {
    fromArchive,
    removeOnly,
    archive: path.basename(archive),
    at: new Date().toISOString(),
  };
  writeFileAtomically(path.join(dataDir, RESTORE_MARKER), JSON.stringify(marker, null, 2));
  onStep('committed');
}

/**
 * Completes a decided restore (the store must be closed) or discards an undecided one. Safe to run
 * again after being interrupted at any point: each move is a rename, and each is skipped once done.
 */
export function finishPendingRestore(
  dataDir: string,
  log?: Logger,
  onStep: Step = () => {},
): 'none' | 'finished' | 'discarded' {
  const markerFile = path.join(dataDir, RESTORE_MARKER);
  const staging = path.join(dataDir, RESTORE_STAGING);
  const old = path.join(dataDir, RESTORE_OLD);
  if (!fs.existsSync(markerFile)) {
    const leftovers = fs.existsSync(staging) || fs.existsSync(old);
    fs.rmSync(staging, { recursive: true, force: true });
    fs.rmSync(old, { recursive: true, force: true });
    if (leftovers) log?.warn('restore: discarded an unfinished staging folder; the data was not changed');
    return leftovers ? 'discarded' : 'none';
  }
  const marker = markerSchema.parse(JSON.parse(fs.readFileSync(markerFile, 'utf8')));
  fs.mkdirSync(old, { recursive: true });
  const moveAside = (item: string) => {
    const current = path.join(dataDir, item);
    if (!fs.existsSync(current)) return;
    const aside = path.join(old, item);
    fs.rmSync(aside, { recursive: true, force: true });
    fs.renameSync(current, aside);
  };
  // The stale -wal/-shm must go before the restored database arrives, or SQLite could pair them.
  for (const item of marker.removeOnly) {
    moveAside(item);
    onStep(`aside:${item}`);
  }
  for (const item of marker.fromArchive) {
    const staged = path.join(staging, item);
    if (!fs.existsSync(staged)) continue; // already in place
    moveAside(item);
    onStep(`aside:${item}`);
    fs.renameSync(staged, path.join(dataDir, item));
    onStep(`placed:${item}`);
  }
  fsyncDir(dataDir);
  fs.rmSync(markerFile);
  fsyncDir(dataDir);
  onStep('marker-removed');
  fs.rmSync(old, { recursive: true, force: true });
  fs.rmSync(staging, { recursive: true, force: true });
  log?.info('restore: finished', { archive: marker.archive });
  return 'finished';
}
