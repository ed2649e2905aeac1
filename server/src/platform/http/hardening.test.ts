import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { allModules } from '../../modules/index.ts';
import { login, type Session, type TestEnv, testEnv } from '../../../test/harness.ts';
import type { ModuleManifest } from '../module.ts';

let env: TestEnv;
let admin: Session;
beforeAll(async () => {
  env = await testEnv();
  admin = await login(env, 'town_admin');
});
afterAll(() => env.close());

/** A module for these tests only: a nested free-text body, and a route that fails in the database. */
const probe: ModuleManifest = {
  name: 'probe',
  policies: [],
  routes: async (base: FastifyInstance) => {
    const app = base.withTypeProvider<ZodTypeProvider>();
    app.post(
      '/probe/notes',
      {
        config: { access: 'public' },
        schema: {
          body: z.strictObject({ items: z.array(z.strictObject({ note: z.string().max(100) })) }),
        },
      },
      async (req) => ({ count: req.body.items.length }),
    );
    app.get(
      '/probe/fail',
      { config: { access: 'public' }, schema: { querystring: z.strictObject({ q: z.string() }) } },
      async (req) => {
        // a query that fails with the searched value among its parameters
        await env.database.db.execute(sql`select ${req.query.q}::text as q, 1 / 0 as boom`);
        return { ok: true };
      },
    );
  },
};

describe('U+0000 is refused at the contract layer, naming the field (issue 11, item 9)', () => {
  it('login with a NUL username: 400 naming 用户名, not a 500', async () => {
    const res = await env.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: '\u0000', password: 'x' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({
      code: 'invalid_input',
      message: '用户名（username）：不能包含空字符（U+0000）',
      details: [{ path: 'username', message: '不能包含空字符（U+0000）' }],
    });
    const en = await env.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'admin', password: 'a\u0000b' },
      headers: { 'accept-language': 'en' },
    });
    expect(en.json().error.message).toBe('password: must not contain the NUL character (U+0000)');
  });

  it('in a query string', async () => {
    const res = await env.app.inject({
      method: 'GET',
      url: '/api/v1/users?q=ab%00cd',
      headers: admin.headers,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([{ path: 'q', message: '不能包含空字符（U+0000）' }]);
  });

  it('in a nested body field, before any other rule and before the handler', async () => {
    const probed = await buildApp({
      config: env.config,
      database: env.database,
      pii: env.pii,
      modules: [...allModules(env.config), probe],
    });
    try {
      const res = await probed.app.inject({
        method: 'POST',
        url: '/api/v1/probe/notes',
        payload: { items: [{ note: 'fine' }, { note: 'bad\u0000' }] },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details).toEqual([
        { path: 'items.1.note', message: '不能包含空字符（U+0000）' },
      ]);
      const users = await env.app.inject({
        method: 'POST',
        url: '/api/v1/users',
        headers: admin.headers,
        payload: {
          username: 'nul-grant',
          displayName: '测试',
          orgId: '1',
          password: 'Start#2026ab',
          grants: [{ role: 'member', orgId: '1\u0000' }],
        },
      });
      expect(users.statusCode).toBe(400);
      expect(users.json().error.details).toEqual([
        { path: 'grants.0.orgId', message: '不能包含空字符（U+0000）' },
      ]);
    } finally {
      await probed.app.close();
    }
  });
});

describe('personal data out of the request log (issue 11, item 6)', () => {
  it('logs the path without its query string, and errors without the values they were given', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logged = await buildApp({
      config: env.config,
      database: env.database,
      pii: env.pii,
      modules: [...allModules(env.config), probe],
      logger: { level: 'info', stream },
    });
    try {
      const list = await logged.app.inject({
        method: 'GET',
        url: '/api/v1/users?q=110105195001011234&page=1',
        headers: admin.headers,
      });
      expect(list.statusCode).toBe(200);
      const failed = await logged.app.inject({ method: 'GET', url: '/api/v1/probe/fail?q=13912345678' });
      expect(failed.statusCode).toBe(500);
      const log = lines.join('');
      expect(log).toContain('"url":"/api/v1/users"');
      expect(log).toContain('"url":"/api/v1/probe/fail"');
      expect(log).toContain('unhandled error');
      expect(log).not.toContain('110105195001011234');
      expect(log).not.toContain('13912345678');
      expect(log).not.toContain('?q=');
    } finally {
      await logged.app.close();
    }
  });
});

describe('smaller ones (issue 11, item 11)', () => {
  it('an unknown API route is named without its query string, which may hold a typed ID number', async () => {
    const res = await env.app.inject({ method: 'GET', url: '/api/v1/no-such-route?q=110105198001011234' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.message).toBe('接口不存在：GET /api/v1/no-such-route');
  });

  it('inline scripts are allowed on /api/docs only', async () => {
    const scriptSrc = (csp: string | undefined) =>
      (csp ?? '')
        .split(';')
        .map((d) => d.trim())
        .find((d) => d.startsWith('script-src ')) ?? '';
    const api = await env.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: admin.headers });
    const home = await env.app.inject({ method: 'GET', url: '/' });
    const docs = await env.app.inject({ method: 'GET', url: '/api/docs' });
    expect(docs.statusCode).toBe(200);
    for (const res of [api, home]) {
      expect(scriptSrc(res.headers['content-security-policy'] as string)).toBe("script-src 'self'");
    }
    expect(scriptSrc(docs.headers['content-security-policy'] as string)).toContain("'unsafe-inline'");
  });

  it('an oversized request header answers 431 in the one error shape', async () => {
    const listening = await buildApp({ config: env.config, database: env.database, pii: env.pii });
    await listening.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = listening.app.server.address() as { port: number };
    try {
      const send = (headers: string) =>
        new Promise<string>((resolve, reject) => {
          const socket = net.connect(port, '127.0.0.1');
          const got: Buffer[] = [];
          socket.on('data', (d: Buffer) => got.push(d));
          socket.on('close', () => resolve(Buffer.concat(got).toString('utf8')));
          socket.on('error', (e) => (got.length ? resolve(Buffer.concat(got).toString('utf8')) : reject(e)));
          socket.write(
            `GET /healthz HTTP/1.1\r\nHost: localhost\r\n${headers}X-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
          );
        });
      const [head, body] = (await send('')).split('\r\n\r\n');
      expect(head.split('\r\n')[0]).toBe('HTTP/1.1 431 Request Header Fields Too Large');
      expect(head.toLowerCase()).toContain('content-type: application/json; charset=utf-8');
      expect(JSON.parse(body)).toEqual({
        error: { code: 'header_too_large', message: '请求头过大，请清除本站 Cookie 后重试' },
      });
      const english = (await send('Accept-Language: en-US\r\n')).split('\r\n\r\n')[1];
      expect(JSON.parse(english).error.message).toBe(
        'Request headers too large; clear this site’s cookies and retry',
      );
    } finally {
      await listening.app.close();
    }
  });

  it('the web app’s fallback route serves client routes but is not in the OpenAPI document', async () => {
    const webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hongyun-web-'));
    fs.writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><title>红云</title>');
    const withWeb = await buildApp({
      config: { ...env.config, webDir },
      database: env.database,
      pii: env.pii,
    });
    try {
      const page = await withWeb.app.inject({ method: 'GET', url: '/members/12' });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('红云');
      const doc = (await withWeb.app.inject({ method: 'GET', url: '/api/docs/json' })).json();
      const paths = Object.keys(doc.paths);
      expect(paths).toContain('/api/v1/auth/login');
      expect(paths.filter((p) => !p.startsWith('/api/') && !['/healthz', '/readyz'].includes(p))).toEqual([]);
    } finally {
      await withWeb.app.close();
      fs.rmSync(webDir, { recursive: true, force: true });
    }
  });
});
