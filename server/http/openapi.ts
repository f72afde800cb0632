import { OpenApiGeneratorV31, OpenAPIRegistry, type RouteConfig } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { packageManifestSchema } from '../../shared/domain/packages/manifest.ts';
import { intakeErrorCodes, intakeHttpStatus, type IntakeErrorCode } from '../../shared/intake/errors.ts';
import { receiptPayloadSchema } from '../../shared/intake/receipt.ts';
import { intakeRoutes, type IntakeRoute } from '../../shared/intake/routes.ts';
import { errorEnvelopeSchema, okEnvelope } from '../../shared/intake/schemas.ts';

/**
 * The OpenAPI 3.1 document of /api/v1, generated from the same route table and zod schemas the
 * server parses with (shared/intake/routes.ts): nothing here restates a field.
 */
// Named components through zod's own .meta({ id }) (read by zod-to-openapi), made once per process:
// zod's global registry refuses a second schema under the same id.
const components = {
  manifest: packageManifestSchema.meta({ id: 'PackageManifest' }),
  receipt: receiptPayloadSchema.meta({ id: 'ReceiptPayload' }),
  error: errorEnvelopeSchema.meta({ id: 'ErrorEnvelope' }),
};

export function buildOpenApiDocument(version: string) {
  const registry = new OpenAPIRegistry();
  const bearer = registry.registerComponent('securitySchemes', 'deviceToken', {
    type: 'http',
    scheme: 'bearer',
    description: 'Mã thiết bị nhận khi đăng ký (bcd_…)',
  });
  const officer = registry.registerComponent('securitySchemes', 'officerSession', {
    type: 'http',
    scheme: 'bearer',
    description: 'Mã phiên của cán bộ Sở KH&CN (bco_…)',
  });
  const envelope = components.error;

  for (const [name, route] of Object.entries(intakeRoutes) as [string, IntakeRoute][]) {
    const errors: IntakeErrorCode[] = ['VALIDATION', 'INTERNAL', ...route.errors];
    if (route.auth !== 'public') errors.push('UNAUTHENTICATED');
    const responses: RouteConfig['responses'] = {
      200:
        route.response === 'binary'
          ? {
              description: 'Nội dung tệp',
              content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
            }
          : {
              description: 'Thành công',
              content: { 'application/json': { schema: okEnvelope(route.response) } },
            },
    };
    const byStatus = new Map<number, IntakeErrorCode[]>();
    for (const code of new Set(errors)) {
      const status = intakeHttpStatus[code];
      byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
    }
    for (const [status, codes] of byStatus) {
      responses[status] = {
        description: `Từ chối: ${codes.join(', ')}`,
        content: { 'application/json': { schema: envelope } },
      };
    }
    const request: RouteConfig['request'] = {};
    if (route.params) request.params = route.params;
    if (route.query) request.query = route.query;
    if (route.body === 'multipart') {
      request.body = {
        required: true,
        content: {
          'multipart/form-data': {
            schema: {
              type: 'object',
              required: ['manifest', 'signature', 'files'],
              properties: {
                manifest: {
                  type: 'string',
                  format: 'binary',
                  description:
                    'manifest.json: PackageManifest ở dạng JSON chuẩn RFC 8785 (đúng từng byte đã ký)',
                },
                signature: {
                  type: 'string',
                  format: 'binary',
                  description: 'manifest.p7s: chữ ký CMS tách rời (DER) của manifest',
                },
                files: {
                  type: 'array',
                  items: { type: 'string', format: 'binary' },
                  description:
                    'Mỗi tệp kê khai trong manifest.files, tên tệp (filename) đúng như trong kê khai',
                },
              },
            },
          },
        },
      };
    } else if (route.body) {
      request.body = { required: true, content: { 'application/json': { schema: route.body } } };
    }
    registry.registerPath({
      operationId: name,
      method: route.method.toLowerCase() as 'get' | 'post',
      path: route.path.replace(/:([A-Za-z]+)/g, '{$1}'),
      summary: route.summary,
      tags: [route.auth === 'officer' ? 'Cán bộ Sở KH&CN' : route.auth === 'device' ? 'Đơn vị' : 'Công khai'],
      ...(route.auth === 'device' ? { security: [{ [bearer.name]: [] }] } : {}),
      ...(route.auth === 'officer' ? { security: [{ [officer.name]: [] }] } : {}),
      request,
      responses,
    });
  }

  const generator = new OpenApiGeneratorV31([
    ...registry.definitions,
    { type: 'schema', schema: components.manifest },
    { type: 'schema', schema: components.receipt },
    { type: 'schema', schema: components.error },
  ]);
  const document = generator.generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'BaoCao — máy chủ tiếp nhận báo cáo của Sở KH&CN',
      version,
      description: `Mọi lỗi trả về dạng { ok: false, error: { code, message } }; mã lỗi: ${intakeErrorCodes.join(', ')}.`,
    },
  });
  // Checked once here, so a schema zod-to-openapi cannot express fails at start-up, not in a client.
  return z.record(z.string(), z.unknown()).parse(JSON.parse(JSON.stringify(document)));
}
