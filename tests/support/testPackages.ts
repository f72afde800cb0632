import { PDFDocument, StandardFonts } from '@cantoo/pdf-lib';
import { plainAddPlaceholder } from '@signpdf/placeholder-plain';
import { SignPdf } from '@signpdf/signpdf';
import { Signer, SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils';
import { createHash, randomUUID } from 'node:crypto';
import {
  canonicalJson,
  MANIFEST_FILE,
  MANIFEST_SIGNATURE_FILE,
  type ManifestFile,
  type PackageManifest,
} from '../../shared/domain/packages/manifest.ts';
import { periodFor } from '../../shared/domain/periods/reportPeriods.ts';
import { cmsSignDetached, type TestIdentity } from './testPki.ts';

/**
 * Packages as the desktop will send them: a manifest in canonical JSON signed (CMS detached) by the
 * organisation, the document JSON, a tiny PDF with a real PAdES signature, optional attachments.
 */

export interface PackageFile {
  name: string;
  bytes: Uint8Array;
}

export interface TestPackage {
  manifest: PackageManifest;
  manifestBytes: Uint8Array;
  signature: Uint8Array;
  files: PackageFile[];
  sha256: string;
}

class OpensslSigner extends Signer {
  constructor(private readonly who: TestIdentity) {
    super();
  }
  override async sign(pdfBuffer: Buffer): Promise<Buffer> {
    return cmsSignDetached(pdfBuffer, this.who);
  }
}

const signedPdfCache = new Map<string, Buffer>();

/** A one-page PDF signed PAdES-style (ETSI.CAdES.detached) by `who`. */
export async function signedPdf(who: TestIdentity, text = 'Báo cáo thử nghiệm'): Promise<Buffer> {
  const key = `${who.certFile}|${text}`;
  const cached = signedPdfCache.get(key);
  if (cached) return cached;
  const doc = await PDFDocument.create();
  const page = doc.addPage([300, 200]);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  page.drawText(text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd'), {
    x: 20,
    y: 100,
    size: 12,
    font,
  });
  const plain = Buffer.from(await doc.save({ useObjectStreams: false }));
  const withPlaceholder = plainAddPlaceholder({
    pdfBuffer: plain,
    reason: 'Ban hành',
    contactInfo: '',
    name: 'BaoCao',
    location: 'Bắc Ninh',
    signatureLength: 8192,
    subFilter: SUBFILTER_ETSI_CADES_DETACHED,
  });
  const signed = await new SignPdf().sign(withPlaceholder, new OpensslSigner(who));
  signedPdfCache.set(key, signed);
  return signed;
}

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

export interface PackageSpec {
  signer: TestIdentity;
  /** Who signs the PDF; the organisation by default. */
  pdfSigner?: TestIdentity;
  org?: Partial<PackageManifest['organization']>;
  packageId?: string;
  kind?: 'plan' | 'report';
  period?: { kind: 'semiannual' | 'annual' | 'monthly'; year: number; month?: number | null };
  replaces?: PackageManifest['replaces'];
  extraFiles?: (PackageFile & { role?: ManifestFile['role']; mime: string })[];
  content?: unknown;
  /** Change the manifest after it is built (before signing). */
  editManifest?: (m: PackageManifest) => void;
}

export async function makePackage(spec: PackageSpec): Promise<TestPackage> {
  const org = {
    code: 'SCT',
    name: 'Sở Công Thương',
    agencyType: 'so_ban_nganh',
    abbreviation: 'SCT',
    ...spec.org,
  };
  const kind = spec.kind ?? 'report';
  const rules = {
    periodicDeadlines: [
      { month: 6, day: 15 },
      { month: 12, day: 15 },
    ],
    monthlyDay: 20,
  };
  const period =
    kind === 'report'
      ? periodFor(
          spec.period?.kind ?? 'semiannual',
          spec.period?.year ?? 2026,
          spec.period?.month ?? null,
          rules,
        )
      : null;
  const periodKey =
    period === null
      ? 'plan'
      : period.kind === 'monthly'
        ? `monthly-${period.year}-${String(period.month).padStart(2, '0')}`
        : `${period.kind}-${period.year}`;
  const documentJson = canonicalJson(
    spec.content ?? { kind, organization: org.code, periodKey, figures: { CT01: 12 } },
  );
  const pdf = await signedPdf(spec.pdfSigner ?? spec.signer);
  const files: (PackageFile & { role: ManifestFile['role']; mime: string })[] = [
    { name: 'van-ban.json', bytes: documentJson, role: 'document', mime: 'application/json' },
    { name: 'Báo cáo.pdf', bytes: pdf, role: 'pdf', mime: 'application/pdf' },
    ...(spec.extraFiles ?? []).map((f) => ({ ...f, role: f.role ?? ('attachment' as const) })),
  ];
  const manifest: PackageManifest = {
    format: 'baocao-package',
    version: 1,
    packageId: spec.packageId ?? randomUUID(),
    createdAt: '2026-06-10T09:30:00+07:00',
    organization: org,
    document: {
      id: randomUUID(),
      kind,
      catalogId: '34-KH-UBND-2025',
      periodKey,
      period,
      title: period ? `Báo cáo ${period.title}` : 'Kế hoạch triển khai',
      number: `05/${kind === 'plan' ? 'KH' : 'BC'}-${org.abbreviation}`,
      issuedOn: '2026-06-10',
      issueNo: 1,
    },
    replaces: spec.replaces ?? null,
    files: files.map((f) => ({
      name: f.name,
      role: f.role,
      mime: f.mime,
      size: f.bytes.length,
      sha256: sha256(f.bytes),
    })),
    audit: { headHash: 'a'.repeat(64), entryCount: 3 },
  };
  spec.editManifest?.(manifest);
  const manifestBytes = canonicalJson(manifest);
  return {
    manifest,
    manifestBytes,
    signature: cmsSignDetached(manifestBytes, spec.signer),
    files: files.map((f) => ({ name: f.name, bytes: f.bytes })),
    sha256: sha256(manifestBytes),
  };
}

/** The multipart body of an upload, as fetch sends it. */
export function packageForm(pkg: TestPackage): FormData {
  const form = new FormData();
  form.append(
    'manifest',
    new Blob([new Uint8Array(pkg.manifestBytes)], { type: 'application/json' }),
    MANIFEST_FILE,
  );
  form.append(
    'signature',
    new Blob([new Uint8Array(pkg.signature)], { type: 'application/pkcs7-signature' }),
    MANIFEST_SIGNATURE_FILE,
  );
  for (const f of pkg.files) form.append('files', new Blob([new Uint8Array(f.bytes)]), f.name);
  return form;
}
