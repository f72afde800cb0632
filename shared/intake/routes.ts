import { z } from 'zod';
import type { IntakeErrorCode } from './errors.ts';
import {
  decisionRequestSchema,
  enrolRequestSchema,
  enrolResultSchema,
  healthSchema,
  officerContentsQuerySchema,
  officerContentsSchema,
  officerLoginSchema,
  officerOrganizationsQuerySchema,
  officerOrganizationsSchema,
  officerPackageSchema,
  officerSessionSchema,
  packageFileParamsSchema,
  packageIdParamsSchema,
  packageListSchema,
  packageStatusSchema,
  receiptResponseSchema,
  serverCertificateSchema,
  uploadResultSchema,
} from './schemas.ts';

/**
 * THE table of the intake server's HTTP API: method, path, who may call, what goes in and what
 * comes out. The server registers its handlers from it, the OpenAPI document is generated from it
 * and the desktop client takes its paths and answer schemas from it: described once.
 */
export type IntakeAuth = 'public' | 'device' | 'officer';

export interface IntakeRoute {
  method: 'GET' | 'POST';
  /** Fastify style: /api/v1/packages/:packageId */
  path: string;
  auth: IntakeAuth;
  summary: string;
  params?: z.ZodObject;
  query?: z.ZodObject;
  /** A JSON body, or 'multipart' for the package upload. */
  body?: z.ZodType | 'multipart';
  /** The `value` of a success answer, or 'binary' for a file download. */
  response: z.ZodType | 'binary';
  /** Refusals the route may give besides VALIDATION, INTERNAL and (for authenticated routes) 401. */
  errors: readonly IntakeErrorCode[];
}

const route = <R extends IntakeRoute>(r: R) => r;

export const API_PREFIX = '/api/v1';

export const intakeRoutes = {
  health: route({
    method: 'GET',
    path: `${API_PREFIX}/health`,
    auth: 'public',
    summary: 'Máy chủ đang chạy; giờ của máy chủ',
    response: healthSchema,
    errors: [],
  }),
  openapi: route({
    method: 'GET',
    path: `${API_PREFIX}/openapi.json`,
    auth: 'public',
    summary: 'Tài liệu OpenAPI 3.1 của API này (sinh từ các lược đồ zod)',
    response: z.record(z.string(), z.unknown()),
    errors: [],
  }),
  serverCertificate: route({
    method: 'GET',
    path: `${API_PREFIX}/server/certificate`,
    auth: 'public',
    summary: 'Chứng thư của khóa ký biên nhận (máy trạm ghim khi đăng ký)',
    response: serverCertificateSchema,
    errors: [],
  }),
  enrol: route({
    method: 'POST',
    path: `${API_PREFIX}/enrol`,
    auth: 'public',
    summary: 'Đăng ký máy trạm bằng mã một lần; trả về mã thiết bị và chứng thư ký biên nhận',
    body: enrolRequestSchema,
    response: enrolResultSchema,
    errors: ['UNAUTHENTICATED', 'RATE_LIMITED'],
  }),
  uploadPackage: route({
    method: 'POST',
    path: `${API_PREFIX}/packages`,
    auth: 'device',
    summary:
      'Gửi một gói văn bản (multipart: manifest, signature, files); trả về biên nhận đã ký. Gửi lại cùng gói: cùng biên nhận',
    body: 'multipart',
    response: uploadResultSchema,
    errors: [
      'FORBIDDEN',
      'CONFLICT',
      'CERTIFICATE_CHANGED',
      'SIGNATURE_INVALID',
      'UNKNOWN_ORGANIZATION',
      'NOT_APPLICABLE',
      'PAYLOAD_TOO_LARGE',
      'RATE_LIMITED',
    ],
  }),
  listPackages: route({
    method: 'GET',
    path: `${API_PREFIX}/packages`,
    auth: 'device',
    summary: 'Các gói đơn vị đã gửi và quyết định của Sở (đã nhận / đã tiếp nhận / trả lại, lý do)',
    response: packageListSchema,
    errors: ['RATE_LIMITED'],
  }),
  packageStatus: route({
    method: 'GET',
    path: `${API_PREFIX}/packages/:packageId`,
    auth: 'device',
    summary: 'Trạng thái một gói của đơn vị',
    params: packageIdParamsSchema,
    response: packageStatusSchema,
    errors: ['NOT_FOUND', 'RATE_LIMITED'],
  }),
  receipt: route({
    method: 'GET',
    path: `${API_PREFIX}/packages/:packageId/receipt`,
    auth: 'device',
    summary: 'Biên nhận đã ký của một gói của đơn vị',
    params: packageIdParamsSchema,
    response: receiptResponseSchema,
    errors: ['NOT_FOUND', 'RATE_LIMITED'],
  }),
  officerLogin: route({
    method: 'POST',
    path: `${API_PREFIX}/officer/login`,
    auth: 'public',
    summary: 'Cán bộ Sở KH&CN đăng nhập; trả về mã phiên',
    body: officerLoginSchema,
    response: officerSessionSchema,
    errors: ['INVALID_CREDENTIALS', 'RATE_LIMITED'],
  }),
  officerLogout: route({
    method: 'POST',
    path: `${API_PREFIX}/officer/logout`,
    auth: 'officer',
    summary: 'Kết thúc phiên của cán bộ',
    response: z.object({ loggedOut: z.literal(true) }),
    errors: [],
  }),
  officerOrganizations: route({
    method: 'GET',
    path: `${API_PREFIX}/officer/organizations`,
    auth: 'officer',
    summary:
      'Các đơn vị và các gói của từng đơn vị, lọc theo nhiệm vụ/kỳ (periodKey), loại văn bản, loại cơ quan',
    query: officerOrganizationsQuerySchema,
    response: officerOrganizationsSchema,
    errors: [],
  }),
  officerPackage: route({
    method: 'GET',
    path: `${API_PREFIX}/officer/packages/:packageId`,
    auth: 'officer',
    summary: 'Chi tiết một gói: kê khai, các tệp, người ký, lịch sử quyết định',
    params: packageIdParamsSchema,
    response: officerPackageSchema,
    errors: ['NOT_FOUND'],
  }),
  officerPackageFile: route({
    method: 'GET',
    path: `${API_PREFIX}/officer/packages/:packageId/files/:name`,
    auth: 'officer',
    summary: 'Tải một tệp của gói (PDF đã ký, .docx, .xlsx, tài liệu JSON, kê khai, chữ ký)',
    params: packageFileParamsSchema,
    response: 'binary',
    errors: ['NOT_FOUND'],
  }),
  officerContents: route({
    method: 'GET',
    path: `${API_PREFIX}/officer/contents`,
    auth: 'officer',
    summary:
      'Số liệu chỉ tiêu (báo cáo) và hoạt động theo nhiệm vụ (kế hoạch) trong mọi gói của một nhiệm vụ/kỳ, để tổng hợp',
    query: officerContentsQuerySchema,
    response: officerContentsSchema,
    errors: [],
  }),
  officerDecision: route({
    method: 'POST',
    path: `${API_PREFIX}/officer/packages/:packageId/decision`,
    auth: 'officer',
    summary: 'Tiếp nhận hoặc trả lại một gói (trả lại phải có lý do)',
    params: packageIdParamsSchema,
    body: decisionRequestSchema,
    response: packageStatusSchema,
    errors: ['NOT_FOUND'],
  }),
} as const satisfies Record<string, IntakeRoute>;

export type IntakeRouteName = keyof typeof intakeRoutes;

/** "/api/v1/packages/:packageId/receipt" with the parameters filled in (URL-encoded). */
export function routePath(path: string, params: Record<string, string> = {}): string {
  return path.replace(/:([A-Za-z]+)/g, (_, k: string) => {
    const v = params[k];
    if (v === undefined) throw new Error(`missing route parameter ${k}`);
    return encodeURIComponent(v);
  });
}

/** The names of the multipart parts of an upload. */
export const UPLOAD_PARTS = {
  manifest: 'manifest',
  signature: 'signature',
  file: 'files',
} as const;

/** The device token travels as `Authorization: Bearer <token>`; officers' sessions the same way. */
export const DEVICE_TOKEN_PREFIX = 'bcd_';
export const OFFICER_TOKEN_PREFIX = 'bco_';
