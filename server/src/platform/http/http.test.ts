import fc from 'fast-check';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, orgId, query, type Session, type TestEnv, testEnv } from '../../../test/harness.ts';
import { noJobs } from '../jobs/index.ts';
import { installGate } from './api.ts';

let env: TestEnv;
let s: Session;
let town1: number;
beforeAll(async () => {
  env = await testEnv();
  s = await login(env, 'town_admin');
  town1 = await orgId(env, '中共青山区清河镇委员会');
});
afterAll(() => env.close());

const send = (payload: string, contentType = 'application/json') =>
  env.app.inject({
    method: 'POST',
    url: '/api/v1/orgs',
    payload,
    headers: { ...s.headers, 'content-type': contentType },
  });

describe('bad input is a 4xx in one shape, and changes nothing', () => {
  it('malformed JSON → 400 invalid_json', async () => {
    const res = await send('{"name":');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: { code: 'invalid_json', message: '请求内容不是有效的 JSON' } });
  });

  it('a body over 1 MB → 413', async () => {
    const res = await send(JSON.stringify({ name: 'x'.repeat(1_100_000) }));
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('body_too_large');
  });

  it('wrong types and unknown fields → 400 naming each field', async () => {
    const res = await send(
      JSON.stringify({ parentId: 5, name: 12, code: 'OK-1', kind: 'club', extra: true }),
    );
    expect(res.statusCode).toBe(400);
    const paths = res
      .json()
      .error.details.map((d: { path: string }) => d.path)
      .sort();
    expect(paths).toEqual(['extra', 'kind', 'name', 'parentId']);
    expect(res.json().error.message).toContain('名称（name）');
  });

  it('an unknown route → 404 in the same shape; a malformed id → 400', async () => {
    const res = await env.app.inject({ method: 'GET', url: '/api/v1/no/such/thing', headers: s.headers });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('route_not_found');
    const bad = await env.app.inject({ method: 'GET', url: '/api/v1/orgs/abc', headers: s.headers });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('id');
  });

  it('random bodies never cause a 5xx; what is refused leaves no trace', async () => {
    const [{ n: before }] = await query<{ n: number }>(env, 'select count(*)::int as n from orgs');
    let created = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string().map((x) => x),
          fc.json(),
          fc
            .record({
              parentId: fc.oneof(fc.string(), fc.integer().map(String), fc.constant(String(town1))),
              name: fc.oneof(fc.string(), fc.integer()),
              code: fc.string(),
              kind: fc.oneof(fc.constantFrom('branch', 'group', 'committee'), fc.string()),
            })
            .map((o) => JSON.stringify(o)),
        ),
        async (body) => {
          const res = await send(body);
          expect(res.statusCode).toBeLessThan(500);
          if (res.statusCode === 201) created++;
          else expect(res.json().error.message.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 150 },
    );
    const [{ n: after }] = await query<{ n: number }>(env, 'select count(*)::int as n from orgs');
    expect(after).toBe(before + created);
  });

  it('health and readiness answer without a session', async () => {
    expect((await env.app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await env.app.inject({ method: 'GET', url: '/readyz' })).json()).toEqual({ status: 'ready' });
    env.state.shuttingDown = true;
    expect((await env.app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(503);
    env.state.shuttingDown = false;
  });

  it('serves the OpenAPI description of every route', async () => {
    const doc = (await env.app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/orgs', '/api/v1/orgs/{id}/move', '/api/v1/auth/login']),
    );
  });
});

describe('the gate', () => {
  it('refuses to register a route that does not say who may call it', async () => {
    const app = Fastify();
    await expect(
      app.register(async (api) => {
        installGate(api, { db: env.database.db, config: env.config, pii: env.pii, jobs: noJobs }, []);
        api.get('/open', async () => 'oops');
      }),
    ).rejects.toThrow(/has no access policy/);
    await app.close().catch(() => {});
  });
});
