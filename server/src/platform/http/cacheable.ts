import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from './errors.ts';

/**
 * What a route anyone may read without logging in (the public org pages, the kiosk) sends: the
 * JSON with a strong ETag of its bytes and `Cache-Control: public, max-age=<seconds>`, or a bare
 * 304 when the client already holds those bytes (If-None-Match). A phone on a village network
 * revalidates in a few hundred bytes; a proxy in front may serve the page for `maxAge` seconds.
 */
export function sendCacheable(req: FastifyRequest, reply: FastifyReply, data: unknown, maxAge: number) {
  const json = JSON.stringify(data);
  const etag = `"${createHash('sha1').update(json).digest('base64url')}"`;
  reply.header('cache-control', `public, max-age=${maxAge}`).header('etag', etag);
  if (matches(req.headers['if-none-match'], etag)) return reply.code(304).send();
  return reply.type('application/json; charset=utf-8').send(json);
}

/** If-None-Match holds the tag (a list of tags, weak or not, or "*"). */
function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}

/**
 * The per-address limit of a public route (@fastify/rate-limit, registered by app.ts):
 * PUBLIC_RATE_LIMIT_PER_MINUTE requests a minute, answered past it with the one error shape.
 */
export function publicRateLimit() {
  return {
    max: (req: FastifyRequest) => req.ctx.config.publicRateLimitPerMinute,
    timeWindow: '1 minute',
    errorResponseBuilder: (_req: FastifyRequest, c: { ttl: number }) => {
      const s = Math.max(1, Math.ceil(c.ttl / 1000));
      return new AppError(429, 'rate_limited', {
        zh: `访问过于频繁，请 ${s} 秒后再试`,
        en: `Too many requests; retry in ${s} s`,
      });
    },
  };
}
