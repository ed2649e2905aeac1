import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { installSecurityHeaders, securityHeaders } from './security-headers.ts';

const options = {
  contentSecurityPolicy: { directives: { defaultSrc: ["'self'"], scriptSrc: ["'self'"] } },
};

describe('security headers, worked out once', () => {
  it("are helmet's headers for the options given", () => {
    const h = securityHeaders(options);
    expect(h['content-security-policy']).toContain("default-src 'self'");
    expect(h['content-security-policy']).toMatch(/script-src 'self'(;|$)/);
    expect(h['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(h['x-content-type-options']).toBe('nosniff');
    expect(h['x-frame-options']).toBe('SAMEORIGIN');
    expect(h['cross-origin-opener-policy']).toBe('same-origin');
    expect(h['referrer-policy']).toBe('no-referrer');
  });

  it('are on every answer, errors included; a route that sets its own value keeps it', async () => {
    const app = Fastify();
    installSecurityHeaders(app, options);
    app.get('/plain', async () => ({ ok: true }));
    app.get('/own', async (_req, reply) =>
      reply.header('content-security-policy', "default-src 'none'").send('x'),
    );
    try {
      const plain = await app.inject({ url: '/plain' });
      expect(plain.headers['x-content-type-options']).toBe('nosniff');
      expect(plain.headers['content-security-policy']).toBe(
        securityHeaders(options)['content-security-policy'],
      );
      const missing = await app.inject({ url: '/nowhere' });
      expect(missing.statusCode).toBe(404);
      expect(missing.headers['x-frame-options']).toBe('SAMEORIGIN');
      const own = await app.inject({ url: '/own' });
      expect(own.headers['content-security-policy']).toBe("default-src 'none'");
      expect(own.headers['x-content-type-options']).toBe('nosniff');
    } finally {
      await app.close();
    }
  });

  it('refuses CSP values computed per request, which cannot be worked out once', () => {
    expect(() =>
      securityHeaders({
        contentSecurityPolicy: { directives: { scriptSrc: ["'self'", () => "'nonce-x'"] } },
      }),
    ).toThrow(/per request/);
  });
});
