import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, type Session, type TestEnv, testEnv } from '../../../test/harness.ts';

/**
 * Hostile input at every API route, as each demo role: wrong ids, wrong types, junk queries,
 * arrays and strings where objects belong, deep nesting. Whatever a route thinks of it, it answers
 * with a 4xx (or does the harmless thing), never a 5xx: a 500 is a bug the contract layer or the
 * handler missed. A module's own tests check the exact message; this one checks nobody was
 * forgotten, including routes added later.
 */

let env: TestEnv;
const ACCOUNTS = ['admin', 'town_admin', 'secretary', 'station', 'member'] as const;
const sessions = new Map<string, Session | null>();

beforeAll(async () => {
  env = await testEnv();
  for (const a of ACCOUNTS) sessions.set(a, await login(env, a));
});
afterAll(() => env.close());

const IDS = ['abc', '99999999999999999999', '-1', '0', '1.5', '%00', "1'--"];
const QUERY =
  '?orgId=abc&page=-1&pageSize=100000&q=%00%27&year=abc&month=13&from=not-a-date&to=2026-02-30&status=%3Cscript%3E&kind=x&sort=;drop&memberId=-1&examId=1e309';
const deep = (n: number): unknown => (n === 0 ? 'x' : { a: deep(n - 1), b: [deep(0)] });
const WRONG_TYPES = {
  orgId: 'abc',
  name: 123,
  title: {},
  items: 'x',
  ids: [null, {}],
  memberIds: ['x', -1],
  page: -1,
  date: 'not-a-date',
  startsAt: '2026-13-45T99:99',
  year: 1e12,
  answer: { choices: ['x'], text: 5 },
  text: '\u0000',
  unknownKey: 'x'.repeat(10_000),
};
const BODIES: unknown[] = [{}, [], 'x', WRONG_TYPES, deep(60), { ...WRONG_TYPES, orgId: 1, name: '' }];

// what these do is end the caller's own session or its password: they are fuzzed too, last
const SELF_ENDING = /\/auth\/(logout|password)/;

async function as(account: string): Promise<Session | null> {
  return sessions.get(account) ?? null;
}

describe('hostile input at every route: never a 5xx', () => {
  it('every route, every demo role, wrong ids, types, queries and shapes', { timeout: 600_000 }, async () => {
    const routes = [...env.routes].sort(
      (a, b) => Number(SELF_ENDING.test(a.url)) - Number(SELF_ENDING.test(b.url)),
    );
    expect(routes.length).toBeGreaterThan(100);
    const failures: string[] = [];
    let requests = 0;
    // routes whose handler or contract was reached (an answer other than 401/403) by some role
    const reached = new Set<string>();
    for (const route of routes) {
      for (const account of ACCOUNTS) {
        for (let v = 0; v < IDS.length; v++) {
          const url = route.url.replace(/:(\w+)/g, () => encodeURIComponent(IDS[v]).replace('%2500', '%00'));
          const full = `${url}${v % 2 === 0 ? QUERY : ''}`;
          const body =
            route.method === 'GET' || route.method === 'DELETE' ? undefined : BODIES[v % BODIES.length];
          let s = await as(account);
          for (let retry = 0; retry < 2; retry++) {
            const res = await env.app.inject({
              method: route.method as 'GET',
              url: full,
              headers: s?.headers,
              ...(body === undefined
                ? {}
                : {
                    payload: JSON.stringify(body),
                    headers: { ...s?.headers, 'content-type': 'application/json' },
                  }),
            });
            requests++;
            if (res.statusCode !== 401 && res.statusCode !== 403) reached.add(`${route.method} ${route.url}`);
            if (res.statusCode >= 500) {
              failures.push(
                `${route.method} ${full} as ${account} → ${res.statusCode} ${res.body.slice(0, 200)}`,
              );
              break;
            }
            // a fuzzed route ended this session (logout, a disabled account): log in again once
            if (res.statusCode === 401 && s && retry === 0) {
              const again = await login(env, account).catch(() => null);
              sessions.set(account, again);
              s = again;
              if (again) continue;
            }
            break;
          }
        }
      }
    }
    expect(requests).toBeGreaterThan(routes.length * ACCOUNTS.length * IDS.length - 1);
    expect(failures).toEqual([]);
    // the gate let the junk through to the contract or the handler on (nearly) every route: the
    // test exercises the routes, not only the session check
    const unreached = routes.map((r) => `${r.method} ${r.url}`).filter((k) => !reached.has(k));
    console.log(
      `fuzz: ${requests} requests, ${reached.size} of ${routes.length} routes reached; not: ${unreached.join(', ')}`,
    );
    expect(reached.size).toBeGreaterThan(routes.length * 0.9);
  });
});
