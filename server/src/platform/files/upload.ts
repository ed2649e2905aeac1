import { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import { AppError, badRequest } from '../http/errors.ts';
import type { FileStore } from './index.ts';

const MB = 1024 * 1024;
/** Room for the multipart envelope and a short text field beside the file. */
const ENVELOPE = 64 * 1024;

export type Upload = { body: Buffer; filename: string; fields: Record<string, string> };

export const tooLarge = (field: string, maxBytes: number) =>
  new AppError(
    413,
    'file_too_large',
    {
      zh: `${field}：文件不能超过 ${maxBytes / MB} MB，请压缩后再上传`,
      en: `${field}: at most ${maxBytes / MB} MB; make it smaller first`,
    },
    [{ path: field, message: `文件不能超过 ${maxBytes / MB} MB`, messageEn: `at most ${maxBytes / MB} MB` }],
  );

/**
 * Reads the one file of a multipart upload (field `field`) and its text fields, refusing a file
 * over `maxBytes` before it is read whole: from its Content-Length when the client declares one
 * (a 50 MB upload is answered at once), else as soon as the stream passes the limit. The route's
 * scope registers @fastify/multipart.
 */
export async function readUpload(req: FastifyRequest, field: string, maxBytes: number): Promise<Upload> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > maxBytes + ENVELOPE) throw tooLarge(field, maxBytes);
  if (!req.isMultipart())
    throw badRequest('not_multipart', {
      zh: `请以 multipart/form-data 表单上传（文件字段 ${field}）`,
      en: `Send the file as multipart/form-data (field ${field})`,
    });
  const file = await req.file({ limits: { fileSize: maxBytes } });
  if (!file || file.fieldname !== field)
    throw badRequest('no_file', { zh: `${field}：没有收到文件`, en: `${field}: no file received` });
  const body = await file.toBuffer().catch((err: { code?: string }) => {
    if (err.code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge(field, maxBytes);
    throw err;
  });
  const fields: Record<string, string> = {};
  for (const [k, v] of Object.entries(file.fields)) {
    const one = Array.isArray(v) ? v[0] : v;
    if (one && one.type === 'field' && typeof one.value === 'string') fields[k] = one.value;
  }
  return { body, filename: file.filename, fields };
}

export type Received = {
  key: string;
  size: number;
  filename: string;
  /** What `judge` made of the first bytes (a format, its type). */
  format: string;
  contentType: string;
  ext: string;
};

/**
 * Receives the one file of a multipart upload (field `field`) straight into the file store, never
 * whole in memory (a two-hour Party lecture filmed on a phone is 1–2 GB). The first bytes are read
 * before anything is written and handed to `judge`, which says what the file is by its signature
 * (platform/files/formats.ts) or throws (a disguised or unsupported file: refused before a byte is
 * stored). A file over `maxBytes` is refused from its Content-Length before it is read, or as soon
 * as it passes the limit, and what was written of it removed.
 */
export async function receiveUpload(
  req: FastifyRequest,
  opts: {
    field: string;
    maxBytes: number;
    sniffBytes: number;
    judge: (head: Buffer, filename: string) => { format: string; contentType: string; ext: string };
    store: FileStore;
    keyOf: (ext: string) => string;
  },
): Promise<Received> {
  const { field, maxBytes } = opts;
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > maxBytes + ENVELOPE) throw tooLarge(field, maxBytes);
  if (!req.isMultipart())
    throw badRequest('not_multipart', {
      zh: `请以 multipart/form-data 表单上传（文件字段 ${field}）`,
      en: `Send the file as multipart/form-data (field ${field})`,
    });
  const file = await req.file({ limits: { fileSize: maxBytes } });
  if (!file || file.fieldname !== field)
    throw badRequest('no_file', { zh: `${field}：没有收到文件`, en: `${field}: no file received` });
  const source = file.file;
  const reader = source[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let headBytes = 0;
  let ended = false;
  while (headBytes < opts.sniffBytes) {
    const next = await reader.next();
    if (next.done) {
      ended = true;
      break;
    }
    head.push(next.value as Buffer);
    headBytes += (next.value as Buffer).length;
  }
  const first = Buffer.concat(head);
  let judged: ReturnType<typeof opts.judge>;
  try {
    if (first.length === 0)
      throw badRequest('empty_file', { zh: `${field}：文件是空的`, en: `${field}: the file is empty` });
    judged = opts.judge(first, file.filename);
  } catch (err) {
    source.destroy();
    throw err;
  }
  const key = opts.keyOf(judged.ext);
  const rest = async function* () {
    yield first;
    if (ended) return;
    for (;;) {
      const next = await reader.next();
      if (next.done) return;
      yield next.value as Buffer;
    }
  };
  const stored = await opts.store.put(key, Readable.from(rest()));
  if (source.truncated) {
    await opts.store.remove(key);
    throw tooLarge(field, maxBytes);
  }
  return { key, size: stored.size, filename: file.filename, ...judged };
}
