import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import tar from 'tar-stream';

/** Reads every entry of a .tar.gz into memory (test archives are small). */
export async function readEntries(archive: string): Promise<[string, Buffer][]> {
  const out: [string, Buffer][] = [];
  const extract = tar.extract();
  extract.on('entry', (header, stream, next) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c) => chunks.push(c as Buffer));
    stream.on('end', () => {
      out.push([header.name, Buffer.concat(chunks)]);
      next();
    });
  });
  await pipeline(fs.createReadStream(archive), zlib.createGunzip(), extract);
  return out;
}

export async function writeEntries(
  archive: string,
  entries: [string, Buffer][],
  type: (name: string) => 'file' | 'symlink' = () => 'file',
) {
  const pack = tar.pack();
  const done = pipeline(pack, zlib.createGzip(), fs.createWriteStream(archive));
  for (const [name, bytes] of entries) {
    if (type(name) === 'symlink') pack.entry({ name, type: 'symlink', linkname: '/etc/passwd' });
    else pack.entry({ name }, bytes);
  }
  pack.finalize();
  await done;
}

export const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Rewrites manifest.json so that its hashes match the (tampered) entries: only deeper checks can tell. */
export function withHonestManifest(entries: [string, Buffer][]): [string, Buffer][] {
  const manifest = JSON.parse(entries.find(([n]) => n === 'manifest.json')![1].toString('utf8'));
  const byName = new Map(entries);
  const db = byName.get('baocao.sqlite')!;
  manifest.database = { path: 'baocao.sqlite', sha256: sha256(db), size: db.length };
  manifest.files = manifest.files.map((f: { path: string }) => {
    const b = byName.get(`files/${f.path}`)!;
    return { path: f.path, sha256: sha256(b), size: b.length };
  });
  return entries.map(([n, b]) => [n, n === 'manifest.json' ? Buffer.from(JSON.stringify(manifest)) : b]);
}
