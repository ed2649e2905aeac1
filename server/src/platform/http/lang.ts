import type { FastifyRequest } from 'fastify';
import type { Lang } from './errors.ts';

/** Chinese unless the client asks for English first (the web app sends its UI language). */
export function requestLang(req: FastifyRequest): Lang {
  const header = req.headers['accept-language'];
  return typeof header === 'string' && /^en\b/i.test(header.trim()) ? 'en' : 'zh';
}
