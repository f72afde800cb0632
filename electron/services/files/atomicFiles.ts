import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Files the desktop and the server write are written whole or not at all: a temporary name in the same folder,
 * fsync, rename, then fsync of the folder so the rename itself survives a power cut.
 */
export function fsyncDir(dir: string) {
  // Windows cannot open a folder for fsync; NTFS journals renames.
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    /* not supported on this platform */
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

export function writeFileAtomically(file: string, bytes: Uint8Array, mode = 0o644) {
  const dir = path.dirname(file);
  fs.mkdirSync(dir, { recursive: true });
  const tmp = path.join(dir, `.${path.basename(file)}.${randomUUID()}.tmp`);
  const fd = fs.openSync(tmp, 'wx', mode);
  try {
    let offset = 0;
    while (offset < bytes.length) offset += fs.writeSync(fd, bytes, offset, bytes.length - offset);
    fs.fsyncSync(fd);
  } catch (e) {
    fs.closeSync(fd);
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  fs.closeSync(fd);
  try {
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  fsyncDir(dir);
}

/** ".<name>.<uuid>.tmp": what writeFileAtomically leaves if it is killed before its rename. */
export const isTempName = (name: string) =>
  /^\..+\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.tmp$/.test(name);

/** Removes writeFileAtomically's leftovers directly in `dir` (the data folder itself). */
export function removeTempFiles(dir: string): number {
  if (!fs.existsSync(dir)) return 0;
  const leftovers = fs.readdirSync(dir).filter(isTempName);
  for (const f of leftovers) fs.rmSync(path.join(dir, f), { force: true });
  return leftovers.length;
}
