import { createHash } from 'node:crypto';
import type { IdentitySummary } from '../../../shared/api/signing.ts';
import { AppError } from '../../../shared/errors.ts';
import type { VerificationReport } from '../../../shared/domain/signing/verification.ts';
import type { createAuditLog } from '../audit/auditLog.ts';
import type { OrganizationRepository } from '../organization/organizationRepository.ts';
import type { UsersRepository } from '../organization/usersRepository.ts';
import type { Db } from '../store/openDatabase.ts';
import { describeCertificate } from './crypto/certificateInfo.ts';
import { signCmsDetached } from './crypto/cmsSigner.ts';
import type { Identity } from './identity.ts';
import { assertCanSign, signingRefusal } from './identities/certificateChecks.ts';
import { openKey, sealKey, type SecretBox } from './identities/keyVault.ts';
import { unpackP12 } from './identities/pkcs12.ts';
import { softwareIdentity } from './identities/softwareKey.ts';
import { createTrialCertificate } from './identities/trial.ts';
import { SEAL_IMAGE_RULES, SIGNATURE_IMAGE_RULES, checkPng } from './images/pngCheck.ts';
import type { Pkcs11Client } from './pkcs11/client.ts';
import { triesSentence } from './pkcs11/messages.ts';
import {
  ORGANIZATION,
  createSigningRepository,
  type IdentityOwner,
  type StoredIdentity,
} from './signingRepository.ts';
import { readCertificates } from './verify/trust.ts';
import { verifyBytes } from './verify/verifyFile.ts';
import { verifyCmsDetached } from './verify/verifyCms.ts';

export interface SigningDeps {
  db: Db;
  clock: () => Date;
  audit: ReturnType<typeof createAuditLog>;
  users: UsersRepository;
  organization: OrganizationRepository;
  /** The OS's key store (Electron safeStorage) when the desktop shell has one. */
  secretBox?: SecretBox;
  /** Made on first use: only a user with a token ever starts the PKCS#11 host or loads pkcs11js. */
  pkcs11: () => Pkcs11Client;
  /** resources/fonts (Liberation Serif) of the installed app, for the number, date and marks. */
  fontsDir?: string;
}

/** The secret that opens an identity for one signing; never stored, never logged. */
export interface SigningSecret {
  pin?: string;
  password?: string;
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/**
 * Identities and everything signing needs from the store, for the contract handlers and for the
 * workflow ("Duyệt và ký", "Ban hành"), which calls `openSigner` with the PIN or password the
 * user typed for that signing.
 */
const labelOrder = new Intl.Collator('vi');

export function createSigningService(deps: SigningDeps) {
  const repo = createSigningRepository(deps.db, deps.clock);
  const { audit, clock } = deps;

  const summary = (id: StoredIdentity): IdentitySummary => ({
    kind: id.kind,
    label: id.label,
    certificate: describeCertificate(id.certificate),
    token: id.token ? { library: id.token.library, serial: id.token.serial, label: id.token.label } : null,
    createdAt: id.createdAt,
    refusal: signingRefusal(id.certificate, clock()),
  });

  /** Stores `identity` for `owner` with its audit entry, in one transaction. */
  const store = (
    owner: IdentityOwner,
    actor: string,
    identity: Omit<StoredIdentity, 'id' | 'owner' | 'createdAt'>,
  ) => {
    deps.db.transaction(() => {
      repo.setIdentity(owner, actor, identity);
      const c = describeCertificate(identity.certificate);
      audit.append(actor, 'signing.identity.set', {
        owner: owner === ORGANIZATION ? ORGANIZATION : 'user',
        userId: owner === ORGANIZATION ? null : owner,
        kind: identity.kind,
        subject: c.subject,
        serialNumber: c.serialNumber,
        certificateSha256: c.sha256,
      });
    })();
    return summary(repo.identity(owner)!);
  };

  const refuseUnfit = (der: Buffer) => {
    const why = signingRefusal(der, clock());
    if (why) throw new AppError('VALIDATION', `Không dùng được chứng thư này để ký: ${why}`);
  };

  const trustedRoots = () => repo.trustedRoots().map((r) => r.der);

  async function openSigner(owner: IdentityOwner, secret: SigningSecret): Promise<Identity> {
    const id = repo.identity(owner);
    if (!id) {
      throw new AppError(
        'NOT_FOUND',
        owner === ORGANIZATION
          ? 'Cơ quan chưa có chữ ký số: quản trị viên cần chọn ở trang "Chữ ký số của cơ quan".'
          : 'Bạn chưa chọn chữ ký số: vào trang "Chữ ký số" để chọn USB token, tệp .p12 hoặc chữ ký dùng thử.',
      );
    }
    assertCanSign(id.certificate, clock());
    if (id.kind === 'pkcs11') {
      if (!secret.pin) throw new AppError('VALIDATION', 'Chưa nhập mã PIN của thiết bị ký số.');
      const token = id.token!;
      const client = deps.pkcs11();
      // The certificate on the token must still be the one chosen (a renewed token has another).
      const onToken = (await client.listCertificates(token.library, token.serial)).find(
        (c) => c.id === token.certificateId,
      );
      if (!onToken)
        throw new AppError(
          'NOT_FOUND',
          'Trên thiết bị không còn chứng thư số đã chọn; hãy chọn lại ở trang "Chữ ký số".',
        );
      if (!Buffer.from(onToken.der, 'base64').equals(id.certificate)) {
        throw new AppError(
          'VALIDATION',
          'Chứng thư số trên thiết bị đã khác chứng thư đã chọn; hãy chọn lại ở trang "Chữ ký số".',
        );
      }
      let pin: string | null = secret.pin;
      return {
        kind: 'pkcs11',
        certificate: id.certificate,
        chain: id.chain,
        async signRaw(tbs) {
          if (pin === null) throw new AppError('VALIDATION', 'Phiên ký đã đóng, hãy nhập lại mã PIN');
          return client.sign(token.library, token.serial, token.certificateId, pin, tbs);
        },
        async close() {
          pin = null;
        },
      };
    }
    if (!secret.password) throw new AppError('VALIDATION', 'Chưa nhập mật khẩu bảo vệ khóa ký.');
    const key = openKey(id.sealedKey!, id.keyProtection!, secret.password, deps.secretBox);
    return softwareIdentity(id.kind, key, id.certificate, id.chain);
  }

  return {
    repo,
    fontsDir: deps.fontsDir,
    openSigner,
    trustedRoots,
    identity: (owner: IdentityOwner) => {
      const id = repo.identity(owner);
      return id ? summary(id) : null;
    },

    listTokens: async (library: string) =>
      (await deps.pkcs11().listTokens(library)).map((t) => ({
        label: t.label,
        serialNumber: t.serialNumber,
        manufacturer: t.manufacturer,
        model: t.model,
        pinStatus: t.flags & 0x70000 ? triesSentence(t.flags) : null,
      })),
    // In the order a person looks for them (a token enumerates its objects in no fixed order).
    listTokenCertificates: async (library: string, tokenSerial: string) =>
      (await deps.pkcs11().listCertificates(library, tokenSerial))
        .sort((a, b) => labelOrder.compare(a.label, b.label) || a.id.localeCompare(b.id))
        .flatMap((c) => {
          const der = Buffer.from(c.der, 'base64');
          try {
            return [
              {
                id: c.id,
                label: c.label,
                certificate: describeCertificate(der),
                refusal: signingRefusal(der, clock()),
              },
            ];
          } catch {
            return [];
          }
        }),

    async useToken(
      owner: IdentityOwner,
      actor: string,
      choice: { library: string; tokenSerial: string; certificateId: string },
    ) {
      const client = deps.pkcs11();
      const token = (await client.listTokens(choice.library)).find(
        (t) => t.serialNumber === choice.tokenSerial,
      );
      if (!token)
        throw new AppError(
          'NOT_FOUND',
          `Không thấy thiết bị ký số (số sê-ri ${choice.tokenSerial}). Hãy cắm USB token vào máy.`,
        );
      const cert = (await client.listCertificates(choice.library, choice.tokenSerial)).find(
        (c) => c.id === choice.certificateId,
      );
      if (!cert) throw new AppError('NOT_FOUND', 'Trên thiết bị không có chứng thư số đã chọn.');
      const der = Buffer.from(cert.der, 'base64');
      refuseUnfit(der);
      return store(owner, actor, {
        kind: 'pkcs11',
        label: `${token.label} (${token.manufacturer})`,
        certificate: der,
        chain: [],
        token: {
          library: choice.library,
          serial: token.serialNumber,
          label: token.label,
          certificateId: cert.id,
        },
        sealedKey: null,
        keyProtection: null,
      });
    },

    importP12(
      owner: IdentityOwner,
      actor: string,
      input: { fileName: string; bytes: Buffer; password: string },
    ) {
      const p12 = unpackP12(input.bytes, input.password);
      refuseUnfit(p12.certificate);
      // The key is sealed under the .p12's own password, which the user gives again at each signing.
      const { sealed, protection } = sealKey(p12.keyPkcs8, input.password, deps.secretBox);
      p12.keyPkcs8.fill(0);
      return store(owner, actor, {
        kind: 'pkcs12',
        label: input.fileName.normalize('NFC'),
        certificate: p12.certificate,
        chain: p12.chain,
        token: null,
        sealedKey: sealed,
        keyProtection: protection,
      });
    },

    async createTrial(owner: IdentityOwner, actor: string, password: string) {
      const org = deps.organization.get();
      const commonName =
        owner === ORGANIZATION ? (org?.name ?? 'Cơ quan') : (deps.users.get(owner)?.fullName ?? 'Người ký');
      const trial = await createTrialCertificate({
        commonName,
        organization: org?.name ?? 'Cơ quan',
        now: clock(),
      });
      const { sealed, protection } = sealKey(trial.keyPkcs8, password, deps.secretBox);
      trial.keyPkcs8.fill(0);
      return store(owner, actor, {
        kind: 'trial',
        label: 'Chữ ký dùng thử do BaoCao tạo',
        certificate: trial.certificate,
        chain: [],
        token: null,
        sealedKey: sealed,
        keyProtection: protection,
      });
    },

    removeIdentity(owner: IdentityOwner, actor: string) {
      deps.db.transaction(() => {
        if (repo.removeIdentity(owner)) {
          audit.append(actor, 'signing.identity.remove', {
            owner: owner === ORGANIZATION ? ORGANIZATION : 'user',
          });
        }
      })();
    },

    /** "Ký thử": signs a short text with the identity and checks the result. */
    async testSign(owner: IdentityOwner, secret: SigningSecret): Promise<string> {
      const identity = await openSigner(owner, secret);
      try {
        const text = Buffer.from(`BaoCao ký thử ${clock().toISOString()}`);
        const p7s = await signCmsDetached(text, identity, { signingTime: clock() });
        const report = await verifyCmsDetached(text, p7s, { trustedRoots: trustedRoots(), at: clock() });
        const sig = report.signatures[0];
        if (!sig?.intact)
          throw new AppError('INTERNAL', 'Ký thử không thành công: chữ ký tạo ra không kiểm tra được.');
        return report.verdict === 'valid'
          ? 'Ký thử thành công: chữ ký đúng và chứng thư được tin cậy.'
          : 'Ký thử thành công: chữ ký đúng, chứng thư chưa được tin cậy (chưa có gốc chứng thư của nó trong danh sách tin cậy).';
      } finally {
        await identity.close();
      }
    },

    signatureImage: (userId: string) => repo.signatureImage(userId),
    setSignatureImage(userId: string, png: Buffer) {
      const { width, height } = checkPng(png, SIGNATURE_IMAGE_RULES);
      deps.db.transaction(() => {
        repo.setSignatureImage(userId, png, width, height);
        audit.append(userId, 'signing.signatureImage.set', { sha256: sha256(png), width, height });
      })();
      return { width, height };
    },
    seal: () => repo.seal(),
    setSeal(actor: string, png: Buffer, diameterMm: number) {
      const { width, height } = checkPng(png, SEAL_IMAGE_RULES);
      deps.db.transaction(() => {
        repo.setSeal(png, width, height, diameterMm, actor);
        audit.append(actor, 'signing.seal.set', { sha256: sha256(png), diameterMm });
      })();
      return { width, height, diameterMm };
    },

    listTrustedRoots: () => repo.trustedRoots().map(({ der: _d, ...r }) => r),
    addTrustedRoots(actor: string, fileName: string, bytes: Buffer) {
      const certs = readCertificates(bytes);
      if (!certs) {
        throw new AppError(
          'VALIDATION',
          `Tệp ${fileName} không phải chứng thư số (.cer, .crt, .pem hoặc .der).`,
        );
      }
      const described = certs.map((der) => ({ der, c: describeCertificate(der) }));
      for (const { c } of described) {
        if (!c.selfSigned) {
          throw new AppError(
            'VALIDATION',
            `Chứng thư "${c.commonName ?? c.subject}" không phải chứng thư gốc (tự ký); hãy nhập chứng thư gốc của tổ chức cấp.`,
          );
        }
      }
      deps.db.transaction(() => {
        for (const { der, c } of described) {
          if (repo.addTrustedRoot(c.sha256, der, c.subject, c.notAfter, actor)) {
            audit.append(actor, 'signing.trustedRoot.add', { sha256: c.sha256, subject: c.subject });
          }
        }
      })();
    },
    removeTrustedRoot(actor: string, fingerprint: string) {
      deps.db.transaction(() => {
        if (repo.removeTrustedRoot(fingerprint))
          audit.append(actor, 'signing.trustedRoot.remove', { sha256: fingerprint });
      })();
    },

    /** "Kiểm tra chữ ký" with the department's trusted roots. */
    verify(bytes: Buffer, fileName: string): Promise<VerificationReport> {
      return verifyBytes(bytes, fileName, { trustedRoots: trustedRoots(), at: clock() });
    },
  };
}
export type SigningService = ReturnType<typeof createSigningService>;
