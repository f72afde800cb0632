import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { signCmsDetached } from '../../../electron/services/signing/crypto/cmsSigner.ts';
import type { Identity } from '../../../electron/services/signing/identity.ts';
import {
  MANIFEST_FILE,
  MANIFEST_SIGNATURE_FILE,
  canonicalJson,
  type PackageManifest,
} from '../../../shared/domain/packages/manifest.ts';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/**
 * A package folder as "Ban hành" writes it (shared/domain/packages/manifest.ts): the files, the
 * canonical manifest listing them and the organisation's CMS signature over the manifest.
 */
export async function writePackage(
  files: { name: string; role: PackageManifest['files'][number]['role']; mime: string; bytes: Buffer }[],
  identity: Identity,
): Promise<{ dir: string; manifest: Buffer; p7s: Buffer; remove(): void }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baocao-package-'));
  const manifest: PackageManifest = {
    format: 'baocao-package',
    version: 1,
    packageId: randomUUID(),
    createdAt: '2026-06-10T09:30:00+07:00',
    organization: {
      code: 'SKHCN',
      name: 'Sở Khoa học và Công nghệ',
      agencyType: 'so_khcn',
      abbreviation: 'SKHCN',
    },
    document: {
      id: 'doc-1',
      kind: 'plan',
      catalogId: 'KH-34-2025',
      periodKey: 'plan',
      period: null,
      title: 'Kế hoạch triển khai Kế hoạch số 34/KH-UBND',
      number: '05/KH-SKHCN',
      issuedOn: '2026-06-10',
      issueNo: 1,
    },
    replaces: null,
    files: files.map((f) => ({
      name: f.name,
      role: f.role,
      mime: f.mime,
      size: f.bytes.length,
      sha256: sha(f.bytes),
    })),
    audit: { headHash: 'a'.repeat(64), entryCount: 12 },
  };
  const bytes = Buffer.from(canonicalJson(manifest));
  const p7s = await signCmsDetached(bytes, identity);
  for (const f of files) fs.writeFileSync(path.join(dir, f.name), f.bytes);
  fs.writeFileSync(path.join(dir, MANIFEST_FILE), bytes);
  fs.writeFileSync(path.join(dir, MANIFEST_SIGNATURE_FILE), p7s);
  return { dir, manifest: bytes, p7s, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
