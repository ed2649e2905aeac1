import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeMember } from '../../../test/fixtures.ts';
import { login, orgId, query, type TestEnv, testEnv } from '../../../test/harness.ts';
import { bind, isUnbound } from './index.ts';
import { rebindSealed } from './rebind.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});
afterAll(() => env.close());

/** What the platform wrote before values were bound to their row. */
const unbound = (plain: string) => (env.pii.encrypt as (p: string, b?: string) => string)(plain);

describe('personal numbers stored before they were bound to their row', () => {
  it('are still read, and the recurring job rewrites them bound, after which a swap no longer decrypts', async () => {
    const town1 = await orgId(env, '中共青山区清河镇委员会');
    const a = await makeMember(env, town1);
    const b = await makeMember(env, town1);
    await query(env, 'update members set id_number_enc = $2 where id = $1', [a.id, unbound(a.idNumber)]);
    const admin = await login(env, 'admin');
    const reveal = async (id: number) =>
      (
        await env.app.inject({ method: 'POST', url: `/api/v1/members/${id}/reveal`, headers: admin.headers })
      ).json();
    expect((await reveal(a.id)).idNumber).toBe(a.idNumber);

    expect(
      await rebindSealed(env.database.db, env.pii, {
        table: 'members',
        column: 'id_number_enc',
        boundAs: 'id_number',
      }),
    ).toBeGreaterThan(0);
    const [row] = await query<{ id_number_enc: string }>(
      env,
      'select id_number_enc from members where id = $1',
      [a.id],
    );
    expect(isUnbound(row.id_number_enc)).toBe(false);
    expect(env.pii.decrypt(row.id_number_enc, bind('members', 'id_number', a.id))).toBe(a.idNumber);
    expect((await reveal(a.id)).idNumber).toBe(a.idNumber);

    // a's ciphertext pasted into b's row: refused, not read as b's number
    await query(env, 'update members set id_number_enc = $2 where id = $1', [b.id, row.id_number_enc]);
    expect(() => env.pii.decrypt(row.id_number_enc, bind('members', 'id_number', b.id))).toThrow();
    const swapped = await env.app.inject({
      method: 'POST',
      url: `/api/v1/members/${b.id}/reveal`,
      headers: admin.headers,
    });
    expect(swapped.statusCode).toBe(500);
    expect(swapped.body).not.toContain(a.idNumber);
  });
});
