import { dummyPasswordHash, verifyPassword } from '../../electron/services/organization/passwords.ts';
import { createLoginThrottle } from '../../electron/services/organization/loginThrottle.ts';
import {
  MANIFEST_FILE,
  MANIFEST_SIGNATURE_FILE,
  packageManifestSchema,
} from '../../shared/domain/packages/manifest.ts';
import { AppError } from '../../shared/errors.ts';
import { IntakeError } from '../../shared/intake/errors.ts';
import { sha256Hex as hashBytes } from '../../electron/services/drafts/attachmentStore.ts';
import type { IntakeContext } from './context.ts';
import type { HandlerInput, RouteHandler } from './handlers.ts';
import { packageContents } from '../officer/packageContents.ts';
import { newOfficerToken, OFFICER_SESSION_HOURS, sha256Hex } from './tokens.ts';

/**
 * The officer API: Sở KH&CN staff sign in, see every department with its packages for a duty,
 * open a package and its files, and accept or return it with a reason the department then reads.
 */

const officerOf = (caller: HandlerInput['caller']) => {
  if (caller.kind !== 'officer') throw new Error('route reached without an officer; check its auth');
  return caller;
};

const collator = new Intl.Collator('vi');

export function createOfficerHandlers(ctx: IntakeContext) {
  const throttle = createLoginThrottle(ctx.clock);
  const packageOrNotFound = async (packageId: string) => {
    const p = await ctx.repo.getPackage(packageId);
    if (!p) throw new IntakeError('NOT_FOUND', `Không có gói ${packageId} trên máy chủ`);
    return p;
  };

  const handlers = {
    officerLogin: async ({ body, req }: HandlerInput) => {
      const { username, password } = body as { username: string; password: string };
      const key = username.toLowerCase();
      try {
        throttle.check(key);
      } catch (e) {
        if (e instanceof AppError) throw new IntakeError('RATE_LIMITED', e.message);
        throw e;
      }
      throttle.fail(key);
      const officer = await ctx.repo.getOfficer(key);
      const ok = await verifyPassword(password, officer?.passwordHash ?? (await dummyPasswordHash()));
      if (!officer || !officer.active || !ok) {
        throw new IntakeError('INVALID_CREDENTIALS', 'Tên đăng nhập hoặc mật khẩu không đúng');
      }
      throttle.succeed(key);
      const token = newOfficerToken();
      const now = ctx.clock();
      const expiresAt = new Date(now.getTime() + OFFICER_SESSION_HOURS * 3_600_000).toISOString();
      await ctx.repo.addOfficerSession(sha256Hex(token), officer.username, now.toISOString(), expiresAt);
      req.log.info({ officer: officer.username }, 'officer logged in');
      return { token, expiresAt, officer: { username: officer.username, fullName: officer.fullName } };
    },

    officerLogout: async ({ caller }: HandlerInput) => {
      await ctx.repo.removeOfficerSession(officerOf(caller).tokenHash);
      return { loggedOut: true as const };
    },

    officerOrganizations: async ({ query }: HandlerInput) => {
      const [orgs, packages] = await Promise.all([
        ctx.repo.listOrganizations(),
        ctx.repo.listPackages({ periodKey: query.periodKey, kind: query.kind }),
      ]);
      const byOrg = new Map<string, typeof packages>();
      for (const p of packages) byOrg.set(p.orgCode, [...(byOrg.get(p.orgCode) ?? []), p]);
      return {
        organizations: orgs
          .filter((o) => !query.agencyType || o.agencyType === query.agencyType)
          .sort((a, b) => collator.compare(a.name, b.name))
          .map((o) => ({
            code: o.code,
            name: o.name,
            agencyType: o.agencyType,
            active: o.active,
            devices: o.devices,
            certificate:
              o.pinnedCertSha256 && o.pinnedAt
                ? { sha256: o.pinnedCertSha256, subject: o.pinnedCertSubject ?? '', pinnedAt: o.pinnedAt }
                : null,
            packages: (byOrg.get(o.code) ?? []).map((p) => p.status),
          })),
      };
    },

    officerPackage: async ({ params }: HandlerInput) => {
      const p = await packageOrNotFound(params.packageId!);
      const [org, files, decisions] = await Promise.all([
        ctx.repo.getOrganization(p.orgCode),
        ctx.repo.packageFiles(p.status.packageId),
        ctx.repo.decisions(p.status.packageId),
      ]);
      return {
        ...p.status,
        organization: { code: org!.code, name: org!.name, agencyType: org!.agencyType },
        manifest: packageManifestSchema.parse(JSON.parse(p.manifestJson)),
        files,
        signer: { sha256: p.signerSha256, subject: p.signerSubject },
        verification: p.verification,
        history: [
          { decision: 'received' as const, reason: null, officer: null, decidedAt: p.status.receivedAt },
          ...decisions,
        ],
      };
    },

    officerPackageFile: async ({ params, reply }: HandlerInput) => {
      const p = await packageOrNotFound(params.packageId!);
      const name = params.name!.normalize('NFC');
      let stored: { storedName: string; mime: string; sha256: string | null };
      if (name === MANIFEST_FILE)
        stored = { storedName: MANIFEST_FILE, mime: 'application/json', sha256: null };
      else if (name === MANIFEST_SIGNATURE_FILE)
        stored = { storedName: MANIFEST_SIGNATURE_FILE, mime: 'application/pkcs7-signature', sha256: null };
      else {
        const f = (await ctx.repo.packageFiles(p.status.packageId)).find((x) => x.name === name);
        if (!f) throw new IntakeError('NOT_FOUND', `Gói không có tệp "${name}"`);
        stored = { storedName: f.sha256, mime: f.mime, sha256: f.sha256 };
      }
      const bytes = ctx.files.read(p.storageDir, stored.storedName);
      if (stored.sha256 && hashBytes(bytes) !== stored.sha256) {
        throw new Error(`stored file ${p.storageDir}/${stored.storedName} no longer matches its SHA-256`);
      }
      const ascii =
        name
          .normalize('NFD')
          .replace(/[^\x20-\x7e]/g, '')
          .replace(/["\\]/g, '') || 'tep';
      return reply
        .header('content-type', stored.mime)
        .header(
          'content-disposition',
          `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`,
        )
        .send(bytes);
    },

    officerContents: async ({ query }: HandlerInput) => {
      const packages = await ctx.repo.listPackages({ periodKey: query.periodKey });
      const contents = [];
      // One at a time: reading 2,000 small files in sequence keeps memory flat and is quick.
      for (const p of packages) contents.push(await packageContents(ctx.repo, ctx.files, p));
      return { packages: contents };
    },

    officerDecision: async ({ params, body, caller, req }: HandlerInput) => {
      const { officer } = officerOf(caller);
      const p = await packageOrNotFound(params.packageId!);
      const d = body as { decision: 'accepted' | 'returned'; reason?: string };
      await ctx.repo.decide(p.status.packageId, {
        decision: d.decision,
        reason: d.reason?.trim() ? d.reason.trim() : null,
        officer: officer.username,
        decidedAt: ctx.clock().toISOString(),
      });
      req.log.info(
        { officer: officer.username, packageId: p.status.packageId, decision: d.decision },
        'decision',
      );
      return (await packageOrNotFound(p.status.packageId)).status;
    },
  } satisfies Record<string, RouteHandler>;
  return handlers;
}
