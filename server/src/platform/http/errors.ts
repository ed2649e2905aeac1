/**
 * The one error type. Services throw AppError with a code and a message per language; the HTTP
 * layer turns it into `{error:{code,message,details}}` in the language the user reads.
 */
export type Lang = 'zh' | 'en';
export type Text = { zh: string; en: string };

export type FieldIssue = { path: string; message: string };

export class AppError extends Error {
  readonly status: number;
  readonly code: string;
  readonly text: Text;
  readonly details?: unknown;
  constructor(status: number, code: string, text: Text, details?: unknown) {
    super(text.en);
    this.status = status;
    this.code = code;
    this.text = text;
    this.details = details;
  }
}

export const badRequest = (code: string, text: Text, details?: unknown) =>
  new AppError(400, code, text, details);
export const notFound = (what: Text) =>
  new AppError(404, 'not_found', { zh: `${what.zh}不存在`, en: `${what.en} not found` });
export const conflict = (code: string, text: Text, details?: unknown) =>
  new AppError(409, code, text, details);
export const forbidden = (text: Text = { zh: '无权执行此操作', en: 'You are not allowed to do this' }) =>
  new AppError(403, 'forbidden', text);
export const unauthenticated = (text: Text = { zh: '请先登录', en: 'Please log in' }) =>
  new AppError(401, 'unauthenticated', text);

/** A field-level input error: 400 naming the field, as the contracts' validation does. */
export function fieldError(path: string, text: Text): AppError {
  return new AppError(400, 'invalid_input', { zh: `${path}：${text.zh}`, en: `${path}: ${text.en}` }, [
    { path, message: text.zh, messageEn: text.en },
  ]);
}
