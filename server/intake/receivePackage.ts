import { createHash, randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Catalog } from '../../shared/domain/catalog/schema.ts';
import {
  canonicalJson,
  packageFileNameSchema,
  packageManifestSchema,
  type PackageManifest,
} from '../../shared/domain/packages/manifest.ts';
import { IntakeError } from '../../shared/intake/errors.ts';
import type { ReceiptPayload } from '../../shared/intake/receipt.ts';
import { UPLOAD_PARTS } from '../../shared/intake/routes.ts';
import type { UploadResult } from '../../shared/intake/schemas.ts';
import { describeIssues } from '../../shared/validation.ts';
import {
  fingerprintText,
  tryReadCertificate,
  type CertificateInfo,
} from '../../electron/services/receipts/certificates.ts';
import type { ReceiptSigner } from '../receipts/receiptKey.ts';
import type { Device, IntakeRepository, Organization, StoredPackage } from '../store/intakeRepository.ts';
import type { PackageVerifier } from '../verify/packageVerifier.ts';
import { checkFileType } from './fileChecks.ts';
import { storedNameOf, type PackageFiles, type StagedPart, type Staging } from './packageFiles.ts';
import { checkApplicability } from './packageRules.ts';

/**
 * Receiving one package, after its parts are on disk in a staging file: every check, in an order
 * that answers the cheapest and most telling problem first, then the files and the row stored
 * together, and the signed receipt. Any refusal throws an IntakeError and leaves the store as it was
 * (the caller discards the staging file).
 */

export interface IntakeLimits {
  maxFileBytes: number;
  maxTotalBytes: number;
  maxManifestBytes: number;
  maxSignatureBytes: number;
}

export interface ReceiveDeps {
  repo: IntakeRepository;
  files: PackageFiles;
  catalogs: ReadonlyMap<string, Catalog>;
  verifier: PackageVerifier;
  signer: ReceiptSigner;
  clock: () => Date;
  log: FastifyBaseLogger;
}

/**
 * Parsed certificates by PEM text or by the SHA-256 of their DER: the same roots, pins and signers
 * are read for every upload (parsing one is a tenth of the server's own work per package).
 */
const certificateCache = new Map<string, CertificateInfo | null>();
function certificateOf(pemOrDer: string | Uint8Array): CertificateInfo | null {
  const key =
    typeof pemOrDer === 'string' ? pemOrDer : `der:${createHash('sha256').update(pemOrDer).digest('hex')}`;
  let c = certificateCache.get(key);
  if (c === undefined) {
    if (certificateCache.size > 1000) certificateCache.clear();
    c = tryReadCertificate(pemOrDer);
    certificateCache.set(key, c);
  }
  return c;
}

const invalid = (message: string): never => {
  throw new IntakeError('VALIDATION', message);
};

const resultOf = (p: StoredPackage, duplicate: boolean): UploadResult => ({
  receiptId: p.status.receiptId,
  packageId: p.status.packageId,
  packageSha256: p.status.packageSha256,
  receivedAt: p.status.receivedAt,
  receipt: p.receiptJws,
  duplicate,
});

/** One upload of a package id at a time in this process; the database's key guards the rest. */
const inFlight = new Map<string, Promise<unknown>>();
async function oneAtATime<T>(key: string, fn: () => Promise<T>): Promise<T> {
  while (inFlight.has(key)) await inFlight.get(key)!.catch(() => undefined);
  const p = fn();
  inFlight.set(key, p);
  try {
    return await p;
  } finally {
    inFlight.delete(key);
  }
}

function parseManifest(bytes: Buffer): PackageManifest {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return invalid('Tệp kê khai (manifest.json) không phải JSON UTF-8 hợp lệ');
  }
  const r = packageManifestSchema.safeParse(json);
  if (!r.success) invalid(`Tệp kê khai (manifest.json) không hợp lệ. ${describeIssues(r.error.issues)}`);
  if (!Buffer.from(canonicalJson(json)).equals(bytes)) {
    invalid('Tệp kê khai (manifest.json) phải ở dạng JSON chuẩn RFC 8785, đúng từng byte đã ký');
  }
  return r.data!;
}

function conflictMessage(existing: StoredPackage): string {
  return `Mã gói ${existing.status.packageId} đã được dùng cho một gói có nội dung khác (nhận lúc ${existing.status.receivedAt}). Một văn bản sửa đổi phải là gói mới có mã mới, ghi rõ gói mà nó thay thế và lý do`;
}

export async function receivePackage(
  deps: ReceiveDeps,
  caller: { device: Device; org: Organization },
  staging: Staging,
  parts: StagedPart[],
  limits: IntakeLimits,
): Promise<UploadResult> {
  const manifests = parts.filter((p) => p.field === UPLOAD_PARTS.manifest);
  const signatures = parts.filter((p) => p.field === UPLOAD_PARTS.signature);
  if (manifests.length !== 1) invalid('Gói phải có đúng một tệp kê khai (phần "manifest")');
  if (signatures.length !== 1) invalid('Gói phải có đúng một chữ ký của tệp kê khai (phần "signature")');
  const manifestPart = manifests[0]!;
  const signaturePart = signatures[0]!;
  if (manifestPart.size > limits.maxManifestBytes) invalid('Tệp kê khai quá lớn');
  if (signaturePart.size > limits.maxSignatureBytes) invalid('Tệp chữ ký của kê khai quá lớn');
  const manifestBytes = staging.read(manifestPart);
  const manifest = parseManifest(manifestBytes);
  const packageSha256 = createHash('sha256').update(manifestBytes).digest('hex');

  // Whose package this is.
  const claimed = manifest.organization.code;
  if (claimed !== caller.org.code) {
    const other = await deps.repo.getOrganization(claimed);
    if (!other) {
      throw new IntakeError(
        'UNKNOWN_ORGANIZATION',
        `Đơn vị mã "${claimed}" trong gói chưa được đăng ký trên máy chủ của Sở KH&CN`,
      );
    }
    throw new IntakeError(
      'FORBIDDEN',
      `Gói ghi đơn vị "${claimed}" nhưng máy này đã đăng ký cho ${caller.org.name} (${caller.org.code}); không nhận gói của đơn vị khác`,
    );
  }
  if (manifest.organization.agencyType !== caller.org.agencyType) {
    throw new IntakeError(
      'NOT_APPLICABLE',
      `Loại cơ quan trong gói ("${manifest.organization.agencyType}") khác loại đã đăng ký cho ${caller.org.name} ("${caller.org.agencyType}")`,
    );
  }

  return oneAtATime(manifest.packageId, async () => {
    // Exactly once: the same package again gets the same receipt; the same id with other content is refused.
    const existing = await deps.repo.getPackage(manifest.packageId);
    if (existing) {
      if (existing.status.packageSha256 === packageSha256 && existing.orgCode === caller.org.code) {
        return resultOf(existing, true);
      }
      throw new IntakeError('CONFLICT', conflictMessage(existing));
    }

    // The files: exactly those the manifest lists, each its size, its hash and its type.
    const fileParts = parts.filter((p) => p.field === UPLOAD_PARTS.file);
    const byName = new Map<string, StagedPart>();
    for (const p of fileParts) {
      const name = packageFileNameSchema.safeParse(p.fileName);
      if (!name.success) invalid(`Tên tệp "${p.fileName}" không hợp lệ: ${name.error.issues[0]!.message}`);
      if (byName.has(p.fileName)) invalid(`Tệp "${p.fileName}" được gửi hai lần`);
      byName.set(p.fileName, p);
    }
    for (const f of manifest.files) {
      const part = byName.get(f.name);
      if (!part) invalid(`Thiếu tệp "${f.name}" mà tệp kê khai liệt kê`);
      if (part!.size !== f.size) {
        invalid(
          `Tệp "${f.name}" có ${part!.size.toLocaleString('vi-VN')} byte, kê khai ghi ${f.size.toLocaleString('vi-VN')} byte (tệp bị cắt cụt hoặc bị sửa)`,
        );
      }
      if (part!.sha256 !== f.sha256)
        invalid(`Tệp "${f.name}" không khớp mã SHA-256 trong kê khai: tệp đã bị sửa`);
    }
    const listed = new Set(manifest.files.map((f) => f.name));
    const extra = fileParts.find((p) => !listed.has(p.fileName));
    if (extra) invalid(`Tệp "${extra.fileName}" không có trong tệp kê khai`);
    for (const f of manifest.files) checkFileType(f, staging.read(byName.get(f.name)!));

    // What the document is, for whom, for when.
    checkApplicability(manifest, caller.org.agencyType, deps.catalogs);
    if (manifest.replaces) {
      const replaced = await deps.repo.getPackage(manifest.replaces.packageId);
      if (!replaced || replaced.orgCode !== caller.org.code) {
        throw new IntakeError(
          'NOT_APPLICABLE',
          `Gói được thay thế (${manifest.replaces.packageId}) không có trong các gói đơn vị đã gửi`,
        );
      }
      if (
        replaced.status.document.kind !== manifest.document.kind ||
        replaced.status.document.periodKey !== manifest.document.periodKey
      ) {
        throw new IntakeError(
          'NOT_APPLICABLE',
          'Văn bản sửa đổi phải cùng loại và cùng kỳ với văn bản nó thay thế',
        );
      }
    }

    // Signatures, then the organisation's certificate pin.
    const pdfName = manifest.files.find((f) => f.role === 'pdf')!.name;
    const roots = await deps.repo.listTrustedRoots();
    const pinnedPem = await deps.repo.pinnedCertificatePem(caller.org.code);
    const verdict = await deps.verifier.verifyPackage({
      manifestBytes,
      signature: staging.read(signaturePart),
      pdf: staging.read(byName.get(pdfName)!),
      trustedRoots: roots.map((r) => certificateOf(r.pem)!.der),
      pinnedCert: pinnedPem ? certificateOf(pinnedPem)!.der : null,
    });
    const signer = verdict.signerCertificate ? certificateOf(verdict.signerCertificate) : null;
    if (!verdict.ok || !signer) {
      const problems = verdict.problems.length
        ? verdict.problems
        : ['Không xác định được người ký tệp kê khai'];
      throw new IntakeError('SIGNATURE_INVALID', `Chữ ký số của gói không hợp lệ: ${problems.join('; ')}`);
    }
    let pin: 'first_upload' | 'accepted' | null = null;
    if (!caller.org.pinnedCertSha256) pin = 'first_upload';
    else if (signer.sha256 !== caller.org.pinnedCertSha256) {
      if (signer.sha256 === caller.org.acceptedCertSha256) pin = 'accepted';
      else {
        deps.log.warn(
          { org: caller.org.code, certificate: signer.sha256, pinned: caller.org.pinnedCertSha256 },
          'upload signed with a certificate other than the pinned one',
        );
        throw new IntakeError(
          'CERTIFICATE_CHANGED',
          `Gói được ký bằng chứng thư số khác với chứng thư đã đăng ký của ${caller.org.name}. Chứng thư mới: ${signer.subject}, dấu vân tay SHA-256 ${fingerprintText(signer.sha256)}. Hãy đề nghị quản trị viên máy chủ Sở KH&CN chấp nhận chứng thư mới (accept-cert) rồi gửi lại`,
        );
      }
    }

    // Store: the package made durable and moved into place, then the row (the commit point), then
    // the answer.
    const receivedAt = deps.clock().toISOString();
    const receiptId = randomUUID();
    const payload: ReceiptPayload = {
      format: 'baocao-receipt',
      version: 1,
      receiptId,
      packageId: manifest.packageId,
      packageSha256,
      organization: { code: caller.org.code, name: caller.org.name },
      document: {
        kind: manifest.document.kind,
        catalogId: manifest.document.catalogId,
        periodKey: manifest.document.periodKey,
        number: manifest.document.number,
        issueNo: manifest.document.issueNo,
      },
      replaces: manifest.replaces?.packageId ?? null,
      receivedAt,
    };
    const receiptJws = deps.signer.sign(payload);
    const storedNames = [
      storedNameOf(UPLOAD_PARTS.manifest, packageSha256),
      storedNameOf(UPLOAD_PARTS.signature, signaturePart.sha256),
      ...manifest.files.map((f) => storedNameOf(UPLOAD_PARTS.file, f.sha256)),
    ];
    const storageDir = await deps.files.commit(staging, storedNames, manifest.packageId);
    let inserted = false;
    try {
      inserted = await deps.repo.insertPackage({
        packageId: manifest.packageId,
        packageSha256,
        orgCode: caller.org.code,
        deviceId: caller.device.id,
        manifest,
        storageDir,
        signer: { sha256: signer.sha256, subject: signer.subject, pem: signer.pem },
        verification: verdict.problems,
        receiptId,
        receiptJws,
        receivedAt,
        files: manifest.files.map((f) => ({
          name: f.name,
          role: f.role,
          mime: f.mime,
          size: f.size,
          sha256: f.sha256,
        })),
        pin,
      });
    } finally {
      if (!inserted) deps.files.remove(storageDir);
    }
    if (!inserted) {
      // Another process stored the same id meanwhile: answer as for any second upload.
      const winner = (await deps.repo.getPackage(manifest.packageId))!;
      if (winner.status.packageSha256 === packageSha256) return resultOf(winner, true);
      throw new IntakeError('CONFLICT', conflictMessage(winner));
    }
    deps.log.info(
      { org: caller.org.code, packageId: manifest.packageId, receiptId, pinned: pin },
      'package received',
    );
    return {
      receiptId,
      packageId: manifest.packageId,
      packageSha256,
      receivedAt,
      receipt: receiptJws,
      duplicate: false,
    };
  });
}
