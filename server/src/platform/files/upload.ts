import type { FastifyRequest } from 'fastify';
import { AppError, badRequest } from '../http/errors.ts';

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
