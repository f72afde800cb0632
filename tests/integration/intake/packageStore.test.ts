import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { listEntries, readEntry } from '../../../server/intake/packageArchive.ts';
import { openPackageFiles } from '../../../server/intake/packageFiles.ts';

/**
 * The package store on its own: a package is one tar file that GNU tar reads and writes alike,
 * packages stored in the folder layout of before are still read, and nothing but the package's
 * own files is ever committed.
 */

const limits = { maxFileBytes: 1024 * 1024, maxTotalBytes: 4 * 1024 * 1024 };
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'baocao-package-store-'));
const PACKAGE_ID = '3f2a4d1e-0000-4000-8000-000000000000';

async function stagePackage(files: ReturnType<typeof openPackageFiles>) {
  const manifest = Buffer.from('{"packageId":"x"}');
  const signature = Buffer.from([0x30, 0x82, 0x01, 0x00, 0xff]);
  // 512-byte and 513-byte files: one ends exactly on a block, the next needs padding.
  const pdf = Buffer.alloc(512, 'p');
  const evidence = Buffer.from('Minh chứng tuyên truyền '.repeat(30)).subarray(0, 513);
  const staging = files.stage(limits);
  await staging.write('manifest', 'manifest.json', Readable.from([manifest]));
  await staging.write(
    'signature',
    'manifest.p7s',
    Readable.from([signature.subarray(0, 2), signature.subarray(2)]),
  );
  const pdfPart = await staging.write('files', 'bao-cao.pdf', Readable.from([pdf]));
  await staging.write('files', 'minh-chung.txt', Readable.from([evidence]));
  // Larger than what is held in memory: its header is written after its bytes went to disk.
  const scan = Buffer.alloc(700_001);
  for (let i = 0; i < scan.length; i++) scan[i] = (i * 31) % 251;
  const chunks = Array.from({ length: Math.ceil(scan.length / 65_536) }, (_, i) =>
    scan.subarray(i * 65_536, (i + 1) * 65_536),
  );
  await staging.write('files', 'ban-chup.bin', Readable.from(chunks));
  await staging.finish();
  return { staging, manifest, signature, pdf, evidence, scan, pdfPart };
}

describe('the package store', () => {
  it('stores a package as one ustar file that GNU tar lists and extracts byte for byte', async () => {
    const dataDir = tmp();
    const files = openPackageFiles(dataDir);
    const { staging, manifest, signature, pdf, evidence, scan, pdfPart } = await stagePackage(files);
    expect(staging.read(pdfPart).equals(pdf)).toBe(true);
    const names = ['manifest.json', 'manifest.p7s', sha(pdf), sha(evidence), sha(scan)];
    const stored = await files.commit(staging, names, PACKAGE_ID);
    staging.discard();
    expect(fs.readdirSync(path.join(dataDir, 'tmp'))).toEqual([]);

    const tarFile = path.join(dataDir, 'packages', stored);
    expect(execFileSync('tar', ['-tf', tarFile]).toString().trim().split('\n')).toEqual(names);
    const out = tmp();
    execFileSync('tar', ['-xf', tarFile, '-C', out]);
    expect(fs.readFileSync(path.join(out, 'manifest.json')).equals(manifest)).toBe(true);
    expect(fs.readFileSync(path.join(out, 'manifest.p7s')).equals(signature)).toBe(true);
    expect(fs.readFileSync(path.join(out, sha(pdf))).equals(pdf)).toBe(true);
    expect(fs.readFileSync(path.join(out, sha(evidence))).equals(evidence)).toBe(true);
    expect(fs.readFileSync(path.join(out, sha(scan))).equals(scan)).toBe(true);
    expect(files.read(stored, sha(evidence)).equals(evidence)).toBe(true);
    expect(() => files.read(stored, 'khong-co')).toThrow();
  });

  it('reads a ustar file GNU tar wrote, and a package stored as a folder before the tar files', async () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'a.txt'), 'Sở Khoa học và Công nghệ');
    fs.writeFileSync(path.join(dir, 'b.bin'), Buffer.alloc(2000, 7));
    const tarFile = path.join(dir, 'x.tar');
    execFileSync('tar', ['--format=ustar', '-cf', tarFile, '-C', dir, 'a.txt', 'b.bin']);
    expect(listEntries(tarFile).map((e) => [e.name, e.size])).toEqual([
      ['a.txt', Buffer.byteLength('Sở Khoa học và Công nghệ')],
      ['b.bin', 2000],
    ]);
    expect(readEntry(tarFile, 'b.bin')!.equals(Buffer.alloc(2000, 7))).toBe(true);
    expect(readEntry(tarFile, 'c')).toBeNull();

    const dataDir = tmp();
    const files = openPackageFiles(dataDir);
    const old = path.join(dataDir, 'packages', '3f', `${PACKAGE_ID}.old`);
    fs.mkdirSync(old, { recursive: true });
    fs.writeFileSync(path.join(old, 'manifest.json'), '{"cũ":true}');
    expect(files.read(`3f/${PACKAGE_ID}.old`, 'manifest.json').toString()).toBe('{"cũ":true}');
    expect(files.recover(new Set([`3f/${PACKAGE_ID}.old`]))).toEqual({ staging: 0, orphans: 0 });
    expect(fs.existsSync(old)).toBe(true);
  });

  it('commits nothing but exactly the files of the package, and a discarded upload leaves nothing', async () => {
    const dataDir = tmp();
    const files = openPackageFiles(dataDir);
    const { staging, pdf } = await stagePackage(files);
    await expect(
      files.commit(staging, ['manifest.json', 'manifest.p7s', sha(pdf)], PACKAGE_ID),
    ).rejects.toThrow();
    staging.discard();
    expect(fs.readdirSync(path.join(dataDir, 'tmp'))).toEqual([]);
    expect(fs.readdirSync(path.join(dataDir, 'packages'))).toEqual([]);

    const big = files.stage({ maxFileBytes: 100, maxTotalBytes: 1000 });
    await expect(big.write('files', 'lon.pdf', Readable.from([Buffer.alloc(101)]))).rejects.toThrow(
      /lớn hơn giới hạn/,
    );
    big.discard();
    expect(fs.readdirSync(path.join(dataDir, 'tmp'))).toEqual([]);
  });
});
