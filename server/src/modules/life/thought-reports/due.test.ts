import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeMember, makeOrg } from '../../../../test/fixtures.ts';
import { login, orgId, type Session, type TestEnv, testEnv } from '../../../../test/harness.ts';

// 20 November 2026: the fourth quarter, the second half year, November.
const NOW = '2026-11-20T10:00:00+08:00';

let env: TestEnv;
let town: Session;
let town1: number;

beforeAll(async () => {
  env = await testEnv({ testClock: true });
  town = await login(env, 'town_admin');
  town1 = await orgId(env, '中共青山区清河镇委员会');
});
afterAll(() => env.close());

const api = (method: 'GET' | 'PUT', url: string, payload?: object) =>
  env.app.inject({
    method,
    url: `/api/v1${url}`,
    payload,
    headers: { ...town.headers, 'x-test-now': new Date(NOW).toISOString() },
  });

describe('未交与缺交 over a town: each writer owes the period of the frequency nearest above them', () => {
  it('a general branch’s half year reaches its branches, a branch’s own month comes first, the rest keep the quarter', async () => {
    const general = (await makeOrg(env, town1, 'general_branch', '频次测试党总支')).id;
    const inherits = (await makeOrg(env, general, 'branch', '频次测试第一支部')).id;
    const own = (await makeOrg(env, general, 'branch', '频次测试第二支部')).id;
    const elsewhere = (await makeOrg(env, town1, 'branch', '频次测试第三支部')).id;
    for (const [org, frequency] of [
      [general, 'half_yearly'],
      [own, 'monthly'],
    ] as const) {
      const set = await api('PUT', '/thought-reports/frequency', { orgId: String(org), frequency });
      expect(set.statusCode, set.body).toBe(200);
    }
    const writers = {
      inherits: await makeMember(env, inherits, { status: 'activist' }),
      own: await makeMember(env, own, { status: 'probationary' }),
      elsewhere: await makeMember(env, elsewhere, { status: 'candidate' }),
    };

    const res = await api('GET', `/thought-reports/due?orgId=${town1}&when=current&pageSize=200`);
    expect(res.statusCode, res.body).toBe(200);
    const periodOf = (id: number) =>
      res
        .json()
        .items.filter((i: { memberId: string }) => i.memberId === String(id))
        .map((i: { period: string }) => i.period);
    expect(periodOf(writers.inherits.id)).toEqual(['2026-H2']);
    expect(periodOf(writers.own.id)).toEqual(['2026-11']);
    expect(periodOf(writers.elsewhere.id)).toEqual(['2026-Q4']);

    // the period before, at the same frequencies
    const before = await api('GET', `/thought-reports/due?orgId=${general}&when=previous&pageSize=200`);
    const owed = before.json().items.map((i: { memberId: string; period: string }) => [i.memberId, i.period]);
    expect(owed).toContainEqual([String(writers.inherits.id), '2026-H1']);
    expect(owed).toContainEqual([String(writers.own.id), '2026-10']);
  });
});
