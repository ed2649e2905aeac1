import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, type TestEnv, testEnv } from '../../../test/harness.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});
afterAll(() => env.close());

const put = (headers: Record<string, string>, key: string, value: unknown) =>
  env.app.inject({ method: 'PUT', url: `/api/v1/settings/${key}`, headers, payload: { value } });

describe('department settings', () => {
  it('start at the regulation’s figure, with its source, until the department changes them', async () => {
    const s = await login(env, 'admin');
    const res = await env.app.inject({ method: 'GET', url: '/api/v1/settings', headers: s.headers });
    expect(res.statusCode).toBe(200);
    const letter = res.json().items.find((i: { key: string }) => i.key === 'members.transferLetterMaxDays');
    expect(letter).toMatchObject({ value: 90, default: 90, canChange: true });
    expect(letter.source).toMatch(/3个月/);
  });

  it('a change inside the bounds is kept and audited; one outside names the field and changes nothing', async () => {
    const s = await login(env, 'admin');
    expect((await put(s.headers, 'members.transferLetterMaxDays', 60)).statusCode).toBe(200);
    const bad = await put(s.headers, 'members.transferLetterMaxDays', 400);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/组织关系介绍信最长有效期/);
    const wrongShape = await put(s.headers, 'members.duesFixedAmounts', { farmer: 50, student: 20 });
    expect(wrongShape.statusCode).toBe(400);
    expect(wrongShape.json().error.message).toMatch(/value\.relief/);
    const res = await env.app.inject({ method: 'GET', url: '/api/v1/settings', headers: s.headers });
    expect(
      res.json().items.find((i: { key: string }) => i.key === 'members.transferLetterMaxDays').value,
    ).toBe(60);
    const { rows } = await env.database.pool.query(
      "select before, after from audit_log where action = 'settings.change' order by id",
    );
    expect(rows).toEqual([{ before: { value: 90 }, after: { value: 60 } }]);
  });

  it('an unknown key is 404; a town admin reads but cannot change', async () => {
    const admin = await login(env, 'admin');
    expect((await put(admin.headers, 'members.nothing', 1)).statusCode).toBe(404);
    const town = await login(env, 'town_admin');
    const res = await env.app.inject({ method: 'GET', url: '/api/v1/settings', headers: town.headers });
    expect(res.json().items.every((i: { canChange: boolean }) => !i.canChange)).toBe(true);
    expect((await put(town.headers, 'members.transferLetterMaxDays', 30)).statusCode).toBe(403);
  });
});
