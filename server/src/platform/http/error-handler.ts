import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type Lang } from './errors.ts';
import { requestLang } from './lang.ts';
import { InputError } from './validation.ts';

type Body = { error: { code: string; message: string; details?: unknown } };

/** Fastify's own input errors, said in words. Anything a client can cause is a 4xx. */
const FRAMEWORK: Record<string, { status: number; code: string; zh: string; en: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: {
    status: 413,
    code: 'body_too_large',
    zh: '请求内容超过 1 MB 上限',
    en: 'Request body exceeds 1 MB',
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    code: 'unsupported_media_type',
    zh: '不支持的内容类型，请以 JSON 提交',
    en: 'Unsupported content type; send JSON',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    status: 400,
    code: 'invalid_json',
    zh: '请求内容为空，但声明为 JSON',
    en: 'Empty body declared as JSON',
  },
  FST_ERR_CTP_INVALID_JSON_BODY: {
    status: 400,
    code: 'invalid_json',
    zh: '请求内容不是有效的 JSON',
    en: 'Body is not valid JSON',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    status: 400,
    code: 'invalid_content_length',
    zh: 'Content-Length 与内容不符',
    en: 'Content-Length does not match the body',
  },
  FST_ERR_BAD_URL: { status: 400, code: 'bad_url', zh: '网址格式不正确', en: 'Malformed URL' },
  FST_ERR_RATE_LIMIT_EXCEEDED: {
    status: 429,
    code: 'rate_limited',
    zh: '请求过于频繁，请稍后再试',
    en: 'Too many requests, try again later',
  },
};

export function toErrorBody(err: unknown, lang: Lang): { status: number; body: Body } {
  if (err instanceof AppError) {
    const details = Array.isArray(err.details)
      ? err.details.map((d: { path: string; message: string; messageEn?: string }) => ({
          path: d.path,
          message: lang === 'en' ? (d.messageEn ?? d.message) : d.message,
        }))
      : err.details;
    return { status: err.status, body: { error: { code: err.code, message: err.text[lang], details } } };
  }
  if (err instanceof InputError) {
    return {
      status: 400,
      body: {
        error: {
          code: 'invalid_input',
          message: err.describe(lang),
          details: err.issues.map((i) => ({
            path: i.path,
            message: lang === 'en' ? i.messageEn : i.message,
          })),
        },
      },
    };
  }
  const pgCode = (err as { code?: string; constraint?: string })?.code;
  if (pgCode === '23505') {
    // the service checks first; this is the race-safe last line
    const c = (err as { constraint?: string }).constraint ?? '';
    return {
      status: 409,
      body: {
        error: {
          code: 'duplicate',
          message: lang === 'en' ? `Duplicate value (${c})` : `数据重复（${c}）`,
          details: { constraint: c },
        },
      },
    };
  }
  const fe = err as FastifyError & { type?: string };
  const known = fe?.code ? FRAMEWORK[fe.code] : undefined;
  if (known) return { status: known.status, body: { error: { code: known.code, message: known[lang] } } };
  if (fe instanceof SyntaxError || fe?.type === 'entity.parse.failed') {
    const k = FRAMEWORK.FST_ERR_CTP_INVALID_JSON_BODY;
    return { status: 400, body: { error: { code: k.code, message: k[lang] } } };
  }
  if (typeof fe?.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    return {
      status: fe.statusCode,
      body: {
        error: { code: 'bad_request', message: lang === 'en' ? fe.message : `请求有误：${fe.message}` },
      },
    };
  }
  return {
    status: 500,
    body: {
      error: {
        code: 'internal',
        message: lang === 'en' ? 'Internal error; it has been logged' : '服务器内部错误，已记录',
      },
    },
  };
}

export function installErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((err: unknown, req: FastifyRequest, reply: FastifyReply) => {
    const { status, body } = toErrorBody(err, requestLang(req));
    if (status >= 500) req.log.error({ err }, 'unhandled error');
    reply.status(status).send(body);
  });
  app.setNotFoundHandler((req, reply) => {
    const lang = requestLang(req);
    reply.status(404).send({
      error: {
        code: 'route_not_found',
        message:
          lang === 'en'
            ? `No such route: ${req.method} ${req.url.split('?')[0]}`
            : `接口不存在：${req.method} ${req.url.split('?')[0]}`,
      },
    });
  });
}

const CLIENT_ERRORS: Record<string, { status: number; code: string; zh: string; en: string }> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    code: 'header_too_large',
    zh: '请求头过大，请清除本站 Cookie 后重试',
    en: 'Request headers too large; clear this site’s cookies and retry',
  },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, code: 'request_timeout', zh: '请求超时', en: 'Request timed out' },
};

/**
 * Requests Node refuses before Fastify sees them (oversized headers, malformed HTTP, timeouts),
 * answered in the one error shape. There is no parsed request to take the language from, so it is
 * Chinese unless the bytes received ask for English first.
 */
export function clientErrorHandler(err: Error & { code?: string; rawPacket?: unknown }, socket: Socket) {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const known = CLIENT_ERRORS[err.code ?? ''] ?? {
    status: 400,
    code: 'bad_request',
    zh: '请求格式不正确',
    en: 'Malformed request',
  };
  const received = Buffer.isBuffer(err.rawPacket) ? err.rawPacket.toString('latin1') : '';
  const english = /\r\naccept-language:[ \t]*en\b/i.test(received);
  const body = JSON.stringify({ error: { code: known.code, message: english ? known.en : known.zh } });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${known.status} ${STATUS_CODES[known.status]}\r\nConnection: close\r\n` +
        `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  }
  socket.destroy(err);
}
