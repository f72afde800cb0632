import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { IntakeError, intakeHttpStatus, type IntakeErrorCode } from '../../shared/intake/errors.ts';

/**
 * Every refusal in one envelope with a Vietnamese message: our own IntakeErrors as they are, and
 * what Fastify and its plugins throw (body too large, not multipart, a form cut short, too many
 * requests) translated. Anything else is a bug: logged with its stack, answered without it.
 */

function translate(error: FastifyError & { statusCode?: number }): {
  code: IntakeErrorCode;
  message: string;
} {
  const status = error.statusCode ?? 500;
  const fastifyCode = error.code ?? '';
  if (status === 413 || fastifyCode === 'FST_REQ_FILE_TOO_LARGE') {
    return { code: 'PAYLOAD_TOO_LARGE', message: 'Dữ liệu gửi lên lớn hơn giới hạn của máy chủ' };
  }
  if (status === 429) {
    return {
      code: 'RATE_LIMITED',
      message: 'Gửi quá nhiều yêu cầu trong thời gian ngắn; hãy thử lại sau ít phút',
    };
  }
  if (
    fastifyCode === 'FST_MP_PREMATURE_CLOSE' ||
    /unexpected end of (form|multipart)|terminated early|premature/i.test(error.message)
  ) {
    return {
      code: 'VALIDATION',
      message: 'Dữ liệu gửi lên bị cắt cụt (kết nối ngắt giữa chừng); hãy gửi lại',
    };
  }
  if (fastifyCode === 'FST_INVALID_MULTIPART_CONTENT_TYPE' || status === 406 || status === 415) {
    return {
      code: 'VALIDATION',
      message: 'Yêu cầu phải gửi theo dạng multipart/form-data hoặc JSON như API quy định',
    };
  }
  if (
    fastifyCode === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
    fastifyCode === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
    error instanceof SyntaxError
  ) {
    return { code: 'VALIDATION', message: 'Nội dung gửi lên không phải JSON hợp lệ' };
  }
  if (status === 404 || status === 403) {
    return { code: 'NOT_FOUND', message: 'Không có tệp này trên máy chủ tiếp nhận' };
  }
  if (status >= 400 && status < 500) {
    return { code: 'VALIDATION', message: 'Yêu cầu không hợp lệ' };
  }
  return { code: 'INTERNAL', message: 'Máy chủ gặp lỗi không mong muốn; gói chưa được lưu. Hãy thử lại sau' };
}

export function errorHandler(error: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  let code: IntakeErrorCode;
  let message: string;
  if (error instanceof IntakeError) {
    ({ code, message } = error);
    req.log.info({ code }, 'request refused');
  } else {
    ({ code, message } = translate(error));
    if (code === 'INTERNAL') req.log.error({ err: error }, 'unexpected error');
    else req.log.info({ code, fastifyCode: error.code }, 'request refused');
  }
  const headers = (error as { headers?: Record<string, string> }).headers;
  if (headers?.['retry-after']) reply.header('retry-after', headers['retry-after']);
  return reply.code(intakeHttpStatus[code]).send({ ok: false, error: { code, message } });
}

export function notFoundHandler(_req: FastifyRequest, reply: FastifyReply) {
  return reply.code(404).send({
    ok: false,
    error: { code: 'NOT_FOUND', message: 'Không có địa chỉ này trên máy chủ tiếp nhận' },
  });
}

export const unauthenticated = (message = 'Thiếu hoặc sai mã thiết bị; máy cần đăng ký lại với Sở KH&CN') =>
  new IntakeError('UNAUTHENTICATED', message);
