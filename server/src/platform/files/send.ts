import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { toErrorBody } from '../http/error-handler.ts';
import { AppError } from '../http/errors.ts';
import { requestLang } from '../http/lang.ts';
import { contentDisposition } from './disposition.ts';
import type { FileStore } from './index.ts';

/**
 * What a Range header asks of a file of `size` bytes (RFC 9110 §14): the whole file (no header, a
 * unit other than bytes, a header we do not read, several ranges — a server may ignore Range, and
 * browsers ask one range at a time), one range (first and last byte, inclusive), or nothing it
 * holds (416).
 */
export type RangeAsked = { kind: 'whole' } | { kind: 'part'; start: number; end: number } | { kind: 'none' };

export function rangeAsked(header: string | undefined, size: number): RangeAsked {
  if (!header) return { kind: 'whole' };
  const m = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header);
  if (!m || (m[1] === '' && m[2] === '')) return { kind: 'whole' };
  if (m[1] === '') {
    // the last n bytes
    const n = Number(m[2]);
    if (n === 0 || size === 0) return { kind: 'none' };
    return { kind: 'part', start: Math.max(0, size - n), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? Number.POSITIVE_INFINITY : Number(m[2]);
  if (end < start) return { kind: 'whole' };
  if (start >= size) return { kind: 'none' };
  return { kind: 'part', start, end: Math.min(end, size - 1) };
}

export type SentFile = {
  store: FileStore;
  key: string;
  contentType: string;
  /** The name the browser saves it under. */
  name: string;
  /** `inline`: shown in the page (a video, a PDF); `attachment`: downloaded. */
  disposition?: 'inline' | 'attachment';
  cacheControl?: string;
};

/**
 * Sends a stored file with HTTP range requests (RFC 9110 §14): Accept-Ranges on every answer, 206
 * with Content-Range for a range (what a video player asks when the viewer seeks, or when a phone
 * fetches the first bytes before playing), 416 with `Content-Range: bytes *​/size` for a range past
 * the end, 200 with the whole file otherwise. A file under a key never changes (a new upload gets a
 * new key), so the ETag comes from the key and If-Range is honoured with it. Only the bytes asked
 * for are read from the store.
 */
export async function sendFile(req: FastifyRequest, reply: FastifyReply, f: SentFile): Promise<FastifyReply> {
  const size = await f.store.size(f.key);
  const etag = `"${createHash('sha1').update(`${f.key}:${size}`).digest('base64url').slice(0, 22)}"`;
  reply
    .header('accept-ranges', 'bytes')
    .header('etag', etag)
    .header('cache-control', f.cacheControl ?? 'private, max-age=3600')
    .header('content-disposition', contentDisposition(f.name, f.disposition ?? 'attachment'));
  const ifRange = req.headers['if-range'];
  const asked: RangeAsked =
    ifRange && ifRange !== etag ? { kind: 'whole' } : rangeAsked(req.headers.range, size);
  if (asked.kind === 'none') {
    const { body } = toErrorBody(
      new AppError(416, 'range_not_satisfiable', {
        zh: `请求的字节范围超出文件大小（${size} 字节）`,
        en: `The range asked for lies outside the file (${size} bytes)`,
      }),
      requestLang(req),
    );
    return reply
      .code(416)
      .header('content-range', `bytes */${size}`)
      .type('application/json; charset=utf-8')
      .send(body);
  }
  if (asked.kind === 'part') {
    return reply
      .code(206)
      .type(f.contentType)
      .header('content-range', `bytes ${asked.start}-${asked.end}/${size}`)
      .header('content-length', asked.end - asked.start + 1)
      .send(await f.store.get(f.key, asked));
  }
  return reply
    .type(f.contentType)
    .header('content-length', size)
    .send(await f.store.get(f.key));
}
