import { asciiSlug } from '../../../shared/domain/documents/fileNames.ts';
import type { ExchangeDocument } from '../../../shared/domain/documents/exchange.ts';
import {
  canonicalJson,
  MANIFEST_FILE,
  MANIFEST_SIGNATURE_FILE,
  packageManifestSchema,
  type PackageManifest,
} from '../../../shared/domain/packages/manifest.ts';
import { sha256Hex } from '../drafts/attachmentStore.ts';
import type { IssuedFile } from './workflowRepository.ts';

/**
 * The package sent to Sở KH&CN for one issue (../shared/DESIGN.md "The package"): the manifest
 * naming each file by its SHA-256, in RFC 8785 bytes; the organisation signs those bytes and the
 * package's SHA-256 is taken over them, so the same issue is the same package on every send.
 */

export interface PackageInput {
  packageId: string;
  /** ISO 8601 with +07:00. */
  createdAt: string;
  exchange: ExchangeDocument;
  documentId: string;
  periodKey: string;
  issueNo: number;
  replaces: { packageId: string; reason: string } | null;
  /** Every file but the manifest and its signature. */
  files: IssuedFile[];
  audit: { headHash: string; entryCount: number };
}

/** The department's code on the intake server: its abbreviation in plain ASCII ("SKHCN"). */
export const organizationCode = (abbreviation: string) => asciiSlug(abbreviation).slice(0, 32);

export function buildManifest(p: PackageInput): { manifest: PackageManifest; bytes: Buffer; sha256: string } {
  const org = p.exchange.organization;
  const { number, issuedOn } = p.exchange.meta;
  const manifest = packageManifestSchema.parse({
    format: 'baocao-package',
    version: 1,
    packageId: p.packageId,
    createdAt: p.createdAt,
    organization: {
      code: organizationCode(org.abbreviation),
      name: org.name,
      agencyType: org.agencyType,
      abbreviation: org.abbreviation,
    },
    document: {
      id: p.documentId,
      kind: p.exchange.kind,
      catalogId: p.exchange.catalogId,
      periodKey: p.periodKey,
      period: p.exchange.kind === 'report' ? p.exchange.content.period : null,
      title: p.exchange.meta.title,
      number,
      issuedOn,
      issueNo: p.issueNo,
    },
    replaces: p.replaces,
    files: p.files.map((f) => ({ name: f.name, role: f.role, mime: f.mime, size: f.size, sha256: f.sha256 })),
    audit: p.audit,
  });
  const bytes = Buffer.from(canonicalJson(manifest));
  return { manifest, bytes, sha256: sha256Hex(bytes) };
}

/**
 * Evidence files under names a package accepts: no leading dot, none twice (case aside), none that
 * clashes with the documents' own files or the manifest's.
 */
export function attachmentNames(names: readonly string[], taken: readonly string[]): string[] {
  const used = new Set([...taken, MANIFEST_FILE, MANIFEST_SIGNATURE_FILE].map((n) => n.toLowerCase()));
  return names.map((raw) => {
    const base = raw.replace(/^\.+/, '') || 'tep-dinh-kem';
    const dot = base.lastIndexOf('.');
    const [stem, ext] = dot > 0 ? [base.slice(0, dot), base.slice(dot)] : [base, ''];
    let name = base;
    for (let n = 2; used.has(name.toLowerCase()); n++) name = `${stem} (${n})${ext}`;
    used.add(name.toLowerCase());
    return name;
  });
}
