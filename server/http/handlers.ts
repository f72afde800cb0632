import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { IntakeError } from '../../shared/intake/errors.ts';
import { UPLOAD_PARTS, type IntakeRouteName } from '../../shared/intake/routes.ts';
import type { PackageStatus } from '../../shared/intake/schemas.ts';
import { receivePackage } from '../intake/receivePackage.ts';
import type { StagedPart } from '../intake/packageFiles.ts';
import type { Caller, IntakeContext } from './context.ts';
import { createOfficerHandlers } from './officerHandlers.ts';
import { newDeviceToken, normalizeEnrolmentCode, sha256Hex } from './tokens.ts';

export interface HandlerInput {
  req: FastifyRequest;
  reply: FastifyReply;
  caller: Caller;
  params: Record<string, string>;
  query: Record<string, string | undefined>;
  body: unknown;
}
export type RouteHandler = (input: HandlerInput) => Promise<unknown>;

export function deviceOf(caller: Caller) {
  if (caller.kind !== 'device') throw new Error('route reached without a device; check its auth');
  return caller;
}

const uploadFields = new Set<string>(Object.values(UPLOAD_PARTS));

export function createHandlers(
  ctx: IntakeContext,
  openapi: () => unknown,
): Record<IntakeRouteName, RouteHandler> {
  const ownPackage = async (caller: Caller, packageId: string) => {
    const { org } = deviceOf(caller);
    const p = await ctx.repo.getPackage(packageId);
    // Another department's package is "not found": its existence is not for this device to learn.
    if (!p || p.orgCode !== org.code)
      throw new IntakeError('NOT_FOUND', `Không có gói ${packageId} của đơn vị trên máy chủ`);
    return p;
  };

  return {
    health: async () => ({ serverTime: ctx.clock().toISOString(), version: ctx.version }),
    openapi: async ({ reply }) => {
      reply.header('cache-control', 'no-cache');
      return openapi();
    },
    serverCertificate: async () => ({
      certificate: ctx.signer.certificate.pem,
      sha256: ctx.signer.certificate.sha256,
    }),

    enrol: async ({ body, req }) => {
      const { code, deviceName } = body as { code: string; deviceName: string };
      const token = newDeviceToken();
      const deviceId = randomUUID();
      const org = await ctx.repo.enrolDevice(
        sha256Hex(normalizeEnrolmentCode(code)),
        { id: deviceId, name: deviceName.normalize('NFC'), tokenHash: sha256Hex(token) },
        ctx.clock().toISOString(),
      );
      if (!org) {
        throw new IntakeError(
          'UNAUTHENTICATED',
          'Mã đăng ký không đúng, đã dùng hoặc đã hết hạn (7 ngày); hãy đề nghị Sở KH&CN cấp mã mới',
        );
      }
      req.log.info({ org: org.code, deviceId }, 'device enrolled');
      return {
        deviceId,
        token,
        organization: { code: org.code, name: org.name, agencyType: org.agencyType },
        receiptCertificate: ctx.signer.certificate.pem,
        receiptCertificateSha256: ctx.signer.certificate.sha256,
      };
    },

    uploadPackage: async ({ req, caller }) => {
      const device = deviceOf(caller);
      if (!req.isMultipart()) {
        throw new IntakeError(
          'VALIDATION',
          'Gói phải gửi theo dạng multipart/form-data (manifest, signature, files)',
        );
      }
      const staging = ctx.files.stage(ctx.limits);
      const parts: StagedPart[] = [];
      try {
        for await (const part of req.parts()) {
          if (part.type !== 'file') {
            throw new IntakeError('VALIDATION', `Phần "${part.fieldname}" của gói phải là một tệp`);
          }
          if (!uploadFields.has(part.fieldname)) {
            part.file.resume();
            throw new IntakeError('VALIDATION', `Phần "${part.fieldname}" không có trong định dạng gói`);
          }
          parts.push(await staging.write(part.fieldname, part.filename, part.file));
        }
        await staging.finish();
        return await receivePackage({ ...ctx, log: req.log }, device, staging, parts, ctx.limits);
      } finally {
        staging.discard();
      }
    },

    listPackages: async ({ caller }) => {
      const { org } = deviceOf(caller);
      const packages = await ctx.repo.listPackages({ orgCode: org.code });
      return {
        organization: { code: org.code, name: org.name, agencyType: org.agencyType },
        packages: packages.map((p) => p.status satisfies PackageStatus),
      };
    },
    packageStatus: async ({ caller, params }) => (await ownPackage(caller, params.packageId!)).status,
    receipt: async ({ caller, params }) => {
      const p = await ownPackage(caller, params.packageId!);
      return {
        receiptId: p.status.receiptId,
        packageId: p.status.packageId,
        packageSha256: p.status.packageSha256,
        receivedAt: p.status.receivedAt,
        receipt: p.receiptJws,
      };
    },

    ...createOfficerHandlers(ctx),
  };
}
