import type { FastifyRequest } from 'fastify';
import { maskIdNumber, maskPhone } from '../pii/index.ts';

/**
 * What the server log may hold. Searches travel in query strings (`/members?q=<ID number>`) and
 * failed queries carry their parameters, and logs are shipped, kept and read far more widely than
 * the database (issue 11, item 6). So the request log names the path only, and a logged error
 * loses its query parameters, its URLs' query strings and anything shaped like an ID number or a
 * phone number.
 */

/** `/members?q=…` → `/members`. */
export const pathOnly = (url: string): string => url.split('?')[0];

const LONG_NUMBER = /\d{11,}[Xx]?/g;
const URL_QUERY = /(\/[^\s?"'<>]*)\?[^\s"'<>]*/g;

/** Masks ID and phone numbers and drops URL query strings in a text meant for the log. */
export function scrubForLog(text: string): string {
  return text
    .replace(URL_QUERY, '$1')
    .replace(LONG_NUMBER, (n) => (n.length === 11 ? maskPhone(n) : maskIdNumber(n)));
}

type LoggedError = {
  type: string;
  message: string;
  stack?: string;
  code?: unknown;
  statusCode?: unknown;
  constraint?: unknown;
  table?: unknown;
  column?: unknown;
  query?: string;
  cause?: LoggedError;
};

/** Drizzle's "Failed query: …\nparams: …" keeps the query and loses the parameters. */
const withoutParams = (text: string) =>
  text
    .split('\n')
    .filter((line) => !line.startsWith('params: '))
    .join('\n');

function errorForLog(err: unknown, depth = 0): LoggedError {
  if (!(err instanceof Error)) return { type: typeof err, message: scrubForLog(String(err)) };
  const e = err as Error & Record<string, unknown>;
  const out: LoggedError = {
    type: e.constructor?.name ?? 'Error',
    message: scrubForLog(withoutParams(e.message)),
    stack: e.stack ? scrubForLog(withoutParams(e.stack)) : undefined,
  };
  // PostgreSQL's fields that say where it went wrong; `detail` may quote a value, so it stays out
  for (const k of ['code', 'statusCode', 'constraint', 'table', 'column'] as const)
    if (e[k] !== undefined) out[k] = e[k];
  if (typeof e.query === 'string') out.query = e.query;
  if (e.cause !== undefined && depth < 3) out.cause = errorForLog(e.cause, depth + 1);
  return out;
}

export const logSerializers = {
  req: (req: FastifyRequest) => ({
    method: req.method,
    url: pathOnly(req.url),
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  }),
  err: (err: unknown) => errorForLog(err),
};

/** The app's logger options with these serializers, whatever the caller passed. */
export function withLogSerializers(logger: boolean | object): false | object {
  if (logger === false) return false;
  const opts = logger === true ? {} : (logger as { serializers?: object });
  return { ...opts, serializers: { ...opts.serializers, ...logSerializers } };
}
