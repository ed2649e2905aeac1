import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeMember, makeOrg, makeUser } from '../../../../test/fixtures.ts';
import { login, orgId, query, type Session, type TestEnv, testEnv } from '../../../../test/harness.ts';
import { isCardNumber } from '../../../platform/auth/study-card.ts';

let env: TestEnv;
let town: Session;
let town1: number;
let town2: number;

beforeAll(async () => {
  env = await testEnv({ loginRateLimitPerMinute: 100_000 });
  town = await login(env, 'town_admin');
  town1 = await orgId(env, '中共青山区清河镇委员会');
  town2 = await orgId(env, '中共青山区石桥镇委员会');
});
afterAll(() => env.close());

const api = (s: Session | null, method: string, url: string, payload?: object) =>
  env.app.inject({ method: method as 'GET', url: `/api/v1${url}`, payload, headers: s?.headers });
const cardLogin = (username: string, password: string) =>
  api(null, 'POST', '/auth/login', { username, password });

type Card = { memberId: string; name: string; orgName: string; cardNo: string; password: string };

describe('study cards', () => {
  let branch: number;
  let withAccount: { id: number; username: string };
  let linkedMember: number;
  let cards: Card[];

  beforeAll(async () => {
    branch = (await makeOrg(env, town1, 'branch', '学习卡测试党支部')).id;
    await makeMember(env, branch, { name: '卡一' });
    linkedMember = (await makeMember(env, branch, { name: '卡二' })).id;
    await makeMember(env, branch, { name: '积极分子', status: 'activist' });
    // 卡二 already logs in with an account of their own
    withAccount = await makeUser(env, { orgId: branch, role: 'member' });
    await query(env, 'update members set user_id = $1 where id = $2', [withAccount.id, linkedMember]);

    const res = await api(town, 'POST', '/members/cards/issue', { orgId: String(branch) });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    cards = res.json().items;
  });

  it('issues a card to each Party member without one, with a 12-digit number and a 6-digit password', async () => {
    expect(cards.map((c) => c.name).sort()).toEqual(['卡一', '卡二']); // not to the activist
    for (const c of cards) {
      expect(isCardNumber(c.cardNo), c.cardNo).toBe(true);
      expect(c.password).toMatch(/^\d{6}$/);
    }
    const [x, y] = cards.map((c) => Number(c.cardNo));
    expect(Math.abs(x - y)).toBeGreaterThan(1);

    // only the hash is kept; the member list shows the number
    const rows = await query<{ study_card_no: string; card_password_hash: string; user_id: number }>(
      env,
      `select m.study_card_no, u.card_password_hash, m.user_id
         from members m join users u on u.id = m.user_id where m.id = any($1::int8[])`,
      [cards.map((c) => c.memberId)],
    );
    expect(rows).toHaveLength(2);
    for (const r of rows) {
      expect(r.card_password_hash).toMatch(/^\$argon2id\$/);
      expect(cards.map((c) => c.cardNo)).toContain(r.study_card_no);
    }
    // the member who had an account keeps it; the other got one, with the member role on the branch
    expect(rows.map((r) => r.user_id)).toContain(withAccount.id);
    const grants = await query(
      env,
      "select 1 from role_grants where user_id = any($1::int8[]) and role = 'member' and org_id = $2",
      [rows.map((r) => r.user_id), branch],
    );
    expect(grants).toHaveLength(2);
    const history = await query<{ source: string }>(
      env,
      'select source from member_history where member_id = $1',
      [linkedMember],
    );
    expect(history.map((h) => h.source)).toContain('study_card');
    const audit = await query(
      env,
      "select 1 from audit_log where action = 'member.study_cards_issued' and org_id = $1",
      [branch],
    );
    expect(audit).toHaveLength(1);
    expect(
      JSON.stringify(await query(env, 'select * from audit_log where org_id = $1', [branch])),
    ).not.toContain(cards[0].password);
  });

  it('a second batch leaves those who have a card alone', async () => {
    const res = await api(town, 'POST', '/members/cards/issue', { orgId: String(branch) });
    expect(res.json().items).toEqual([]);
  });

  it('logs a member in with the card number and password, to their own record', async () => {
    const card = cards.find((c) => c.name === '卡一')!;
    const res = await cardLogin(card.cardNo, card.password);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().grants.map((g: { role: string }) => g.role)).toEqual(['member']);
    const cookies = Object.fromEntries(res.cookies.map((c) => [c.name, c.value]));
    const me = await env.app.inject({
      method: 'GET',
      url: '/api/v1/me/member',
      headers: { cookie: `hy_session=${cookies.hy_session}; hy_csrf=${cookies.hy_csrf}` },
    });
    expect(me.statusCode, me.body).toBe(200);
    expect(me.json()).toMatchObject({ id: card.memberId, name: '卡一', studyCardNo: card.cardNo });
    // a card number never works with another password, nor a 12-digit typo
    expect((await cardLogin(card.cardNo, 'Hongyun@2026')).statusCode).toBe(401);
    const typo = `${card.cardNo.slice(0, 11)}${(Number(card.cardNo[11]) + 1) % 10}`;
    expect((await cardLogin(typo, card.password)).statusCode).toBe(401);
  });

  it('a member with an account logs in either way, as the same account', async () => {
    const card = cards.find((c) => c.name === '卡二')!;
    const byCard = await cardLogin(card.cardNo, card.password);
    const byName = await cardLogin(withAccount.username, 'Hongyun@2026');
    expect(byCard.statusCode).toBe(200);
    expect(byName.statusCode).toBe(200);
    expect(byCard.json().id).toBe(byName.json().id);
    // and the card password does not open the account's own password
    expect((await cardLogin(withAccount.username, card.password)).statusCode).toBe(401);
  });

  it('five wrong card passwords lock the account like any other; a reset gives a new password and unlocks', async () => {
    const card = cards.find((c) => c.name === '卡一')!;
    const wrong = card.password === '000000' ? '111111' : '000000';
    // a good login first clears the failure the test above left
    expect((await cardLogin(card.cardNo, card.password)).statusCode).toBe(200);
    const codes = [];
    for (let i = 0; i < 5; i++) codes.push((await cardLogin(card.cardNo, wrong)).statusCode);
    expect(codes).toEqual([401, 401, 401, 401, 423]);
    expect((await cardLogin(card.cardNo, card.password)).statusCode).toBe(423);
    const actions = await query<{ action: string }>(
      env,
      `select action from audit_log where target_type = 'user'
          and target_id = (select user_id::text from members where id = $1) order by id`,
      [card.memberId],
    );
    expect(actions.map((a) => a.action)).toContain('auth.locked');

    const reset = await api(town, 'POST', `/members/${card.memberId}/card/reset`);
    expect(reset.statusCode, reset.body).toBe(200);
    const fresh = reset.json();
    expect(fresh.cardNo).toBe(card.cardNo);
    expect(fresh.password).toMatch(/^\d{6}$/);
    expect((await cardLogin(card.cardNo, fresh.password)).statusCode).toBe(200);
    if (fresh.password !== card.password)
      expect((await cardLogin(card.cardNo, card.password)).statusCode).toBe(401);
    const audit = await query(
      env,
      "select 1 from audit_log where action = 'member.study_card_reset' and target_id = $1",
      [card.memberId],
    );
    expect(audit).toHaveLength(1);
  });

  it('re-issuing to everyone replaces the cards: the old number no longer logs in', async () => {
    const old = cards.find((c) => c.name === '卡二')!;
    const res = await api(town, 'POST', '/members/cards/issue', {
      orgId: String(branch),
      onlyWithout: false,
    });
    expect(res.json().items).toHaveLength(2);
    const renewed = res.json().items.find((c: Card) => c.memberId === old.memberId);
    expect(renewed.cardNo).not.toBe(old.cardNo);
    expect((await cardLogin(old.cardNo, old.password)).statusCode).toBe(401);
    expect((await cardLogin(renewed.cardNo, renewed.password)).statusCode).toBe(200);
  });

  it('refuses another town’s members, and a reset for a member without a card', async () => {
    const other = (await makeOrg(env, town2, 'branch')).id;
    const m = await makeMember(env, other);
    expect((await api(town, 'POST', '/members/cards/issue', { orgId: String(other) })).statusCode).toBe(403);
    expect((await api(town, 'POST', `/members/${m.id}/card/reset`)).statusCode).toBe(403);
    const mine = await makeMember(env, branch);
    const res = await api(town, 'POST', `/members/${mine.id}/card/reset`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('no_study_card');
  });
});

describe('a card is a key to the whole account', () => {
  it("a branch secretary can neither reset nor issue the card of a member whose account is also a town admin's", async () => {
    const branch = (await makeOrg(env, town1, 'branch', '学习卡越权测试党支部')).id;
    const secretary = await makeUser(env, { orgId: branch, role: 'secretary' });
    const s = await login(env, secretary.username);
    // the member's own account also administers the whole town
    const m = await makeMember(env, branch, { name: '兼任管理员' });
    const admin = await makeUser(env, { orgId: branch, role: 'org_admin', grantOrgId: town1 });
    await query(env, 'update members set user_id = $1 where id = $2', [admin.id, m.id]);
    const issued = await api(town, 'POST', '/members/cards/issue', { orgId: String(branch) });
    expect(issued.statusCode, issued.body).toBe(200);
    const [before] = await query<{ card_password_hash: string }>(
      env,
      'select card_password_hash from users where id = $1',
      [admin.id],
    );
    const audits = async () =>
      (
        await query<{ n: number }>(
          env,
          "select count(*)::int as n from audit_log where action like 'member.study_card%'",
        )
      )[0].n;
    const auditsBefore = await audits();

    const reset = await api(s, 'POST', `/members/${m.id}/card/reset`);
    expect(reset.statusCode, reset.body).toBe(403);
    expect(reset.json().error.message).toContain('上级管理员');
    const reissue = await api(s, 'POST', '/members/cards/issue', {
      orgId: String(branch),
      onlyWithout: false,
    });
    expect(reissue.statusCode, reissue.body).toBe(403);
    expect(reissue.json().error.message).toContain('兼任管理员');
    expect(reissue.json().error.message).toContain('未发放任何学习卡');

    const [after] = await query<{ card_password_hash: string }>(
      env,
      'select card_password_hash from users where id = $1',
      [admin.id],
    );
    expect(after.card_password_hash).toBe(before.card_password_hash);
    expect(await audits()).toBe(auditsBefore);
    // the town admin, who reaches the account, may reset it
    const byTown = await api(town, 'POST', `/members/${m.id}/card/reset`);
    expect(byTown.statusCode, byTown.body).toBe(200);
  });
});
