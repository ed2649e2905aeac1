import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * Helmet's security headers (CSP, HSTS, X-Content-Type-Options …), worked out once at start-up
 * and copied onto every reply. @fastify/helmet builds a new helmet middleware on every request,
 * re-parsing the CSP directives each time: about a tenth of the CPU of a small request
 * (docs/SCALE.md, "Where the time goes"). The same helmet options are accepted; a route that
 * needs another value sets its header itself, which wins (as swagger-ui does for its CSP).
 */
export function installSecurityHeaders(app: FastifyInstance, options: Readonly<HelmetOptions> = {}) {
  const headers = securityHeaders(options);
  app.addHook('onRequest', (_req, reply, done) => {
    reply.headers(headers);
    done();
  });
}

/** The headers helmet would set with these options, as one object. */
export function securityHeaders(options: Readonly<HelmetOptions>): Record<string, string> {
  const csp = options.contentSecurityPolicy;
  if (csp && typeof csp === 'object') {
    for (const values of Object.values(csp.directives ?? {}))
      if (values && typeof values === 'object' && [...values].some((v) => typeof v === 'function'))
        throw new Error('securityHeaders: CSP directives computed per request (nonces) are not supported');
  }
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: string | number | string[]) => {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader: (name: string) => {
      delete headers[name.toLowerCase()];
    },
  };
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, (err?: unknown) => {
    if (err) throw err;
  });
  return headers;
}
