import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, makeUser } from '../../../test/fixtures.ts';
import { login, orgId, query, type Session, type TestEnv, testEnv } from '../../../test/harness.ts';
import type { Actor } from '../access/index.ts';
import { authorizeOnAccount } from './index.ts';
import { hashPassword } from './passwords.ts';
import { newCardNumbers } from './study-card.ts';

let env: TestEnv;
let town1: number;
let town2: number;
beforeAll(async () => {
  env = await testEnv();
  town1 = await orgId(env, '中共青山区清河镇委员会');
  town2 = await orgId(env, '中共青山区石桥镇委员会');
});
afterAll(() => env.close());

const get = (url: string, s: Session) =>
  env.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: s.headers });

/** Gives an account a study card with the given 6-digit password; returns the card number. */
async function giveCard(userId: number, password: string): Promise<string> {
  const [cardNo] = await newCardNumbers(env.database.db, 1);
  await query(env, 'update users set study_card_no = $1, card_password_hash = $2 where id = $3', [
    cardNo,
    await hashPassword(password),
    userId,
  ]);
  return cardNo;
}

const grant = (userId: number, role: string, org: number) =>
  query(env, 'insert into role_grants (user_id, role, org_id) values ($1, $2, $3)', [userId, role, org]);

describe('a session opened with a study card acts only as a member (issue 11, items 1 and 8)', () => {
  it('gets none of the admin grants the account holds, the short card idle timeout, and says so in /auth/me', async () => {
    // given a town admin whose account is also a member of a branch, and has a study card
    const branch = await makeOrg(env, town1, 'branch');
    const u = await makeUser(env, { orgId: branch.id, role: 'org_admin', grantOrgId: town1 });
    await grant(u.id, 'member', branch.id);
    const cardNo = await giveCard(u.id, '246810');

    // when someone logs in with the card
    const card = await login(env, cardNo, '246810');
    const me = (await get('/auth/me', card)).json();
    expect(me).toMatchObject({ username: u.username, viaCard: true, idleMinutes: 10 });
    expect(me.grants.map((g: { role: string }) => g.role)).toEqual(['member']);
    expect(me.actions).not.toContain('user.manage');
    expect(me.actions).toContain('member.self');
    // then no admin route answers, whatever the account holds
    expect((await get('/users', card)).statusCode).toBe(403);
    expect((await get(`/users/${u.id}`, card)).statusCode).toBe(403);

    // the same account by its password is the town admin, with the admin idle timeout
    const byPassword = await login(env, u.username);
    const me2 = (await get('/auth/me', byPassword)).json();
    expect(me2).toMatchObject({ viaCard: false, idleMinutes: 30 });
    expect(me2.grants.map((g: { role: string }) => g.role).sort()).toEqual(['member', 'org_admin']);
    expect((await get('/users', byPassword)).statusCode).toBe(200);

    // the session records how it was opened; the card one expires after 10 idle minutes
    const rows = await query<{ credential: string; idle: number; minutes: number }>(
      env,
      `select credential, idle_minutes as idle,
              round(extract(epoch from expires_at - created_at) / 60)::int as minutes
         from sessions where user_id = $1 order by id`,
      [u.id],
    );
    expect(rows).toEqual([
      { credential: 'study_card', idle: 10, minutes: 10 },
      { credential: 'password', idle: 30, minutes: 30 },
    ]);
  });

  it('a grant added later to the account does not reach an open card session', async () => {
    const branch = await makeOrg(env, town1, 'branch');
    const u = await makeUser(env, { orgId: branch.id, role: 'member' });
    const cardNo = await giveCard(u.id, '135790');
    const card = await login(env, cardNo, '135790');
    await grant(u.id, 'dept_admin', town1);
    expect((await get('/auth/me', card)).json().grants.map((g: { role: string }) => g.role)).toEqual([
      'member',
    ]);
    expect((await get('/audit', card)).statusCode).toBe(403);
  });

  it('CARD_IDLE_MINUTES sets the idle timeout of card sessions', async () => {
    const short = await testEnv({ cardIdleMinutes: 3 } as never);
    try {
      const { rows } = await short.database.pool.query<{ id: number }>(
        "select id from users where username = 'member'",
      );
      const [cardNo] = await newCardNumbers(short.database.db, 1);
      await short.database.pool.query(
        'update users set study_card_no = $1, card_password_hash = $2 where id = $3',
        [cardNo, await hashPassword('112233'), rows[0].id],
      );
      const s = await login(short, cardNo, '112233');
      const me = await short.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: s.headers });
      expect(me.json()).toMatchObject({ viaCard: true, idleMinutes: 3 });
    } finally {
      await short.close();
    }
  });
});

describe('authorizeOnAccount: may the actor act on this account (issuing or resetting a study card)', () => {
  const secretaryOf = (branch: { id: number; path: string }): Actor => ({
    userId: 0,
    username: 'secretary-under-test',
    displayName: '测试书记',
    sessionId: 0,
    grants: [{ id: 0, role: 'secretary', orgId: branch.id, orgPath: branch.path, orgName: '测试支部' }],
  });

  it('allows a plain member of the branch', async () => {
    const branch = await makeOrg(env, town1, 'branch');
    const m = await makeUser(env, { orgId: branch.id, role: 'member' });
    await expect(
      authorizeOnAccount(env.database.db, secretaryOf(branch), 'member.manage', m.id),
    ).resolves.toBeUndefined();
  });

  it('refuses, in words, an account that also holds a role the actor does not cover', async () => {
    const branch = await makeOrg(env, town1, 'branch');
    const m = await makeUser(env, { orgId: branch.id, role: 'member' });
    await grant(m.id, 'org_admin', town1);
    const refusal = await authorizeOnAccount(
      env.database.db,
      secretaryOf(branch),
      'member.manage',
      m.id,
    ).then(
      () => null,
      (e) => e,
    );
    expect(refusal).toMatchObject({ status: 403, code: 'forbidden' });
    expect(refusal.text.zh).toContain('管理范围之外');
    expect(refusal.text.en).toContain('outside your scope');
  });

  it('refuses an account whose home org is outside the actor’s scope, even with no role there', async () => {
    const branch = await makeOrg(env, town1, 'branch');
    const elsewhere = await makeOrg(env, town2, 'branch');
    const m = await makeUser(env, { orgId: elsewhere.id });
    await grant(m.id, 'member', branch.id);
    await expect(
      authorizeOnAccount(env.database.db, secretaryOf(branch), 'member.manage', m.id),
    ).rejects.toMatchObject({ status: 403 });
  });

  it('an unknown account is a 404', async () => {
    const branch = await makeOrg(env, town1, 'branch');
    await expect(
      authorizeOnAccount(env.database.db, secretaryOf(branch), 'member.manage', 987654321),
    ).rejects.toMatchObject({ status: 404 });
  });
});
