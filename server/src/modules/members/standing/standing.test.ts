import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, makeUser } from '../../../../test/fixtures.ts';
import { login, orgId, query, type Session, type TestEnv, testEnv } from '../../../../test/harness.ts';
import { validMember } from '../record/matrix.ts';
import { dueDecisions, type StandingFacts } from './rules.ts';

let env: TestEnv;
let secretary: Session; // secretary of a fresh branch in 清河镇
let town: Session; // org_admin of 清河镇
let town2: Session; // org_admin of 石桥镇
let branch: number;

beforeAll(async () => {
  // the test clock: each request says what day it is (X-Test-Now), as an end-to-end test does
  env = await testEnv({ testClock: true });
  town = await login(env, 'town_admin');
  town2 = await login(env, 'town2_admin');
  branch = (await makeOrg(env, await orgId(env, '中共青山区清河镇委员会'), 'branch', '党籍测试党支部')).id;
  const sec = await makeUser(env, { orgId: branch, role: 'secretary' });
  secretary = await login(env, sec.username);
});
afterAll(() => env.close());

/** A request on day `on` (Asia/Shanghai noon). */
const api = (s: Session, on: string, method: string, url: string, payload?: object) =>
  env.app.inject({
    method: method as 'GET',
    url: `/api/v1${url}`,
    payload,
    headers: { ...s.headers, 'x-test-now': `${on}T04:00:00Z` },
  });

type Due = {
  memberId: string;
  decision: string;
  rule: string;
  basisOn: string;
  dueSince: string;
  decisionId: string | null;
};
const dueList = async (on: string, org = branch, s = secretary) => {
  const res = await api(s, on, 'GET', `/standing/due?orgId=${org}&pageSize=200`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: Due[]; total: number };
};
const dueOf = async (on: string, memberId: number) =>
  (await dueList(on)).items.filter((d) => d.memberId === String(memberId));

/** A full member of the branch, joined 20 years after birth (so long before any date below). */
const member = async (name: string) => {
  const m = await validMember(env, branch);
  await query(env, 'update members set name = $1 where id = $2', [name, m.id]);
  return m.id;
};
const rowOf = async (id: number) =>
  (
    await query<{
      party_standing: string;
      suspended_on: string | null;
      left_how: string | null;
      left_on: string | null;
      left_at: Date | null;
      version: number;
    }>(
      env,
      'select party_standing, suspended_on::text, left_how, left_on::text, left_at, version from members where id = $1',
      [id],
    )
  )[0];

describe('a secretary marks a member as lost contact; six months later the suspension is due', () => {
  let id: number;
  let decisionId: string;

  beforeAll(async () => {
    id = await member('王失联');
  });

  it('the secretary records the day contact was lost and why; it is kept in the history and audited', async () => {
    const res = await api(secretary, '2025-01-20', 'POST', `/members/${id}/lost-contact`, {
      lostOn: '2025-01-10',
      reason: '外出务工，电话停机，多方查找未果',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      standing: 'normal',
      lostContactOn: '2025-01-10',
      lostContactReason: '外出务工，电话停机，多方查找未果',
      foundOn: null,
      decisionsAllowed: ['suspend', 'lapse', 'remove', 'expel', 'resign', 'death'],
      can: { manage: true },
    });
    const [h] = await query<{ source: string; changes: Record<string, unknown> }>(
      env,
      'select source, changes from member_history where member_id = $1 order by id desc limit 1',
      [id],
    );
    expect(h).toMatchObject({ source: 'standing', changes: { lostContactOn: [null, '2025-01-10'] } });
    const [a] = await query<{ n: number }>(
      env,
      "select count(*)::int as n from audit_log where action = 'member.lost_contact' and target_id = $1",
      [String(id)],
    );
    expect(a.n).toBe(1);
    // the record itself says so, to everyone who reads it
    const detail = (await api(secretary, '2025-01-20', 'GET', `/members/${id}`)).json();
    expect(detail.standing).toMatchObject({ standing: 'normal', lostContactOn: '2025-01-10' });
  });

  it('a second marking while still out of contact is refused, naming the field', async () => {
    const res = await api(secretary, '2025-02-01', 'POST', `/members/${id}/lost-contact`, {
      lostOn: '2025-01-30',
      reason: '再次登记',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0]).toMatchObject({ path: 'lostOn' });
  });

  it('on 2025-07-09 nothing is due; on 2025-07-10, six months on, the suspension is due by art. 24', async () => {
    expect(await dueOf('2025-07-09', id)).toEqual([]);
    expect(await dueOf('2025-07-10', id)).toEqual([
      {
        memberId: String(id),
        name: '王失联',
        orgId: String(branch),
        orgName: '党籍测试党支部',
        status: 'full',
        standing: 'normal',
        decision: 'suspend',
        rule: 'lost_contact',
        basisOn: '2025-01-10',
        dueSince: '2025-07-10',
        decisionId: null,
        // the branch decides; approving is not the branch secretary's
        can: { approve: false },
      },
    ]);
  });

  it('the platform never decides: a branch meeting dated before the six months is refused and nothing is written', async () => {
    const res = await api(secretary, '2025-07-20', 'POST', `/members/${id}/standing-decisions`, {
      kind: 'suspend',
      resolutionOn: '2025-07-01',
      reason: '失联满6个月',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.map((d: { path: string }) => d.path)).toEqual(['resolutionOn']);
    expect(res.json().error.message).toContain('2025-07-10');
    expect(await query(env, 'select 1 from standing_decisions where member_id = $1', [id])).toEqual([]);
  });

  it('the secretary records the branch meeting; it awaits the committee, and the list says so', async () => {
    const res = await api(secretary, '2025-07-25', 'POST', `/members/${id}/standing-decisions`, {
      kind: 'suspend',
      resolutionOn: '2025-07-20',
      reason: '失联满6个月，多方查找仍未取得联系',
    });
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json();
    expect(s.standing).toBe('normal');
    expect(s.decisions).toMatchObject([
      {
        kind: 'suspend',
        resolutionOn: '2025-07-20',
        awaitingApproval: true,
        effectiveOn: null,
        // the approval is the committee above's: the branch's own secretary is not offered it
        can: { approve: false, refuse: false },
      },
    ]);
    expect(s.can).toEqual({ manage: true, approve: false });
    expect(s.decisionsAllowed).toEqual(['death']);
    decisionId = s.decisions[0].id;
    expect(await dueOf('2025-07-25', id)).toMatchObject([
      {
        decision: 'suspend',
        rule: 'awaiting_approval',
        dueSince: '2025-07-20',
        decisionId,
        can: { approve: false },
      },
    ]);
    // the town committee's admin sees the same decision with the approval to record
    const seen = (await api(town, '2025-07-25', 'GET', `/members/${id}/standing`)).json();
    expect(seen.can).toEqual({ manage: true, approve: true });
    expect(seen.decisions[0].can).toEqual({ approve: true, refuse: true });
    expect((await dueList('2025-07-25', branch, town)).items).toContainEqual(
      expect.objectContaining({ memberId: String(id), rule: 'awaiting_approval', can: { approve: true } }),
    );
  });

  it('the branch secretary cannot record the approval of its own branch meeting: 403, nothing changes', async () => {
    const audits = async () =>
      (
        await query<{ n: number }>(env, 'select count(*)::int as n from audit_log where target_id = $1', [
          String(id),
        ])
      )[0].n;
    const before = await audits();
    const res = await api(secretary, '2025-08-10', 'POST', `/standing-decisions/${decisionId}/approval`, {
      approvedOn: '2025-08-05',
      approvedBy: '中共青山区清河镇委员会',
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toContain('须由上级党组织登记');
    const refusal = await api(secretary, '2025-08-10', 'POST', `/standing-decisions/${decisionId}/refusal`, {
      refusedOn: '2025-08-05',
      refusedBy: '中共青山区清河镇委员会',
      reason: '查找不充分',
    });
    expect(refusal.statusCode).toBe(403);
    expect(
      await query(env, 'select approved_on, refused_on from standing_decisions where id = $1', [decisionId]),
    ).toEqual([{ approved_on: null, refused_on: null }]);
    expect((await rowOf(id)).party_standing).toBe('normal');
    expect(await audits()).toBe(before);
  });

  it('another decision waits for the approval', async () => {
    const res = await api(secretary, '2025-07-26', 'POST', `/members/${id}/standing-decisions`, {
      kind: 'expel',
      resolutionOn: '2025-07-26',
      reason: '测试',
    });
    expect(res.statusCode).toBe(409);
  });

  it('an approval dated before the branch meeting is refused, naming approvedOn; the decision still awaits', async () => {
    const res = await api(town, '2025-08-10', 'POST', `/standing-decisions/${decisionId}/approval`, {
      approvedOn: '2025-07-19',
      approvedBy: '中共青山区清河镇委员会',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].path).toBe('approvedOn');
    expect((await rowOf(id)).party_standing).toBe('normal');
  });

  it('the approval is recorded and the suspension takes effect on its day', async () => {
    const before = (await rowOf(id)).version;
    const res = await api(town, '2025-08-10', 'POST', `/standing-decisions/${decisionId}/approval`, {
      approvedOn: '2025-08-05',
      approvedBy: '中共青山区清河镇委员会',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ standing: 'suspended', suspendedOn: '2025-08-05' });
    expect(res.json().decisions[0]).toMatchObject({ awaitingApproval: false, effectiveOn: '2025-08-05' });
    // the record's version moved: an edit form opened before is refused as stale
    expect((await rowOf(id)).version).toBeGreaterThan(before);
    expect(await dueOf('2025-08-10', id)).toEqual([]);
    const twice = await api(town, '2025-08-10', 'POST', `/standing-decisions/${decisionId}/approval`, {
      approvedOn: '2025-08-06',
      approvedBy: '中共青山区清河镇委员会',
    });
    expect(twice.statusCode).toBe(409);
  });

  it('two years after the suspension, still out of contact, removal as lapsed is due', async () => {
    expect(await dueOf('2027-08-04', id)).toEqual([]);
    expect(await dueOf('2027-08-05', id)).toMatchObject([
      { decision: 'lapse', rule: 'suspended_lost', basisOn: '2025-08-05', dueSince: '2027-08-05' },
    ]);
  });

  it('removed as lapsed with the approval: the person has left, and is counted nowhere', async () => {
    const res = await api(town, '2027-09-01', 'POST', `/members/${id}/standing-decisions`, {
      kind: 'lapse',
      resolutionOn: '2027-08-10',
      reason: '停止党籍满2年仍无法取得联系，按自行脱党予以除名',
      approvedOn: '2027-08-25',
      approvedBy: '中共青山区清河镇委员会',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      standing: 'left',
      leftHow: 'lapsed',
      leftOn: '2027-08-25',
      decisionsAllowed: [],
      can: { manage: false },
    });
    expect(await rowOf(id)).toMatchObject({
      party_standing: 'left',
      left_how: 'lapsed',
      left_on: '2027-08-25',
    });
    expect((await rowOf(id)).left_at).not.toBeNull();
    expect(await dueOf('2027-09-01', id)).toEqual([]);
    const list = (await api(secretary, '2027-09-01', 'GET', `/members?orgId=${branch}&pageSize=200`)).json();
    expect(list.items.map((m: { id: string }) => m.id)).not.toContain(String(id));
  });

  it('stays on file: the record still reads, with how and when, and offers no edit', async () => {
    const res = await api(secretary, '2027-09-01', 'GET', `/members/${id}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().standing).toMatchObject({ standing: 'left', leftHow: 'lapsed', leftOn: '2027-08-25' });
    expect(res.json().can).toEqual({
      edit: false,
      revealPii: false,
      transfer: false,
      manageCard: false,
      advance: false,
    });
    expect((await api(secretary, '2027-09-01', 'GET', `/members/${id}/history`)).statusCode).toBe(200);
    expect(
      (await api(secretary, '2027-09-01', 'GET', `/members/${id}/standing`)).json().decisions,
    ).toHaveLength(2);
    // outside the branch's scope it is as unseen as before
    expect((await api(town2, '2027-09-01', 'GET', `/members/${id}`)).statusCode).toBe(403);
  });

  it('read only: an edit, pipeline dates and a standing change are refused with 409, saying why', async () => {
    const version = (await rowOf(id)).version;
    const edit = await api(secretary, '2027-09-01', 'PATCH', `/members/${id}`, {
      workUnit: '某公司',
      version,
    });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().error).toMatchObject({ code: 'member_left' });
    expect(edit.json().error.message).toBe('王失联已出党（自行脱党，2027-08-25），档案只读，不能修改');
    const dates = await api(secretary, '2027-09-01', 'PATCH', `/members/${id}/pipeline`, {
      appliedOn: '1990-01-01',
    });
    expect(dates.statusCode).toBe(409);
    const lost = await api(secretary, '2027-09-01', 'POST', `/members/${id}/lost-contact`, {
      lostOn: '2027-08-30',
      reason: '测试',
    });
    expect(lost.statusCode).toBe(409);
    expect((await rowOf(id)).version).toBe(version);
    // someone outside learns nothing: refused as before, not told the person left
    const outside = await api(town2, '2027-09-01', 'PATCH', `/members/${id}`, {
      workUnit: '某公司',
      version,
    });
    expect(outside.statusCode).toBe(403);
  });
});

describe('a correction asked before leaving is not approved after it', () => {
  it('approval is refused with 409; the request may still be rejected', async () => {
    const id = await member('陈更正');
    const [c] = await query<{ id: number }>(
      env,
      "insert into corrections (member_id, field, value, reason) values ($1, 'workUnit', '新单位', '调动') returning id",
      [id],
    );
    const res = await api(secretary, '2025-05-06', 'POST', `/members/${id}/standing-decisions`, {
      kind: 'resign',
      resolutionOn: '2025-05-06',
      reason: '本人坚持要求退党，经教育无效',
    });
    expect(res.statusCode, res.body).toBe(200);
    // 退党 is announced by the branch meeting and only filed above: in effect at once
    expect(res.json()).toMatchObject({ standing: 'left', leftHow: 'resignation', leftOn: '2025-05-06' });
    expect((await api(secretary, '2025-05-07', 'POST', `/corrections/${c.id}/approve`)).statusCode).toBe(409);
    const rejected = await api(secretary, '2025-05-07', 'POST', `/corrections/${c.id}/reject`, {
      reason: '已出党',
    });
    expect(rejected.statusCode, rejected.body).toBe(200);
  });
});

describe('a member who dies, with a login', () => {
  it('the death takes effect at once, even with a decision awaiting approval; the login ends', async () => {
    const id = await member('刘逝世');
    const user = await makeUser(env, { orgId: branch, role: 'member' });
    await query(env, 'update members set user_id = $1, abroad_kind = $2, abroad_since = $3 where id = $4', [
      user.id,
      'settled',
      '2024-03-01',
      id,
    ]);
    const suspend = await api(secretary, '2025-04-01', 'POST', `/members/${id}/standing-decisions`, {
      kind: 'suspend',
      resolutionOn: '2025-03-20',
      reason: '出国定居',
    });
    expect(suspend.statusCode, suspend.body).toBe(200);
    const death = await api(secretary, '2025-04-02', 'POST', `/members/${id}/standing-decisions`, {
      kind: 'death',
      resolutionOn: '2025-03-28',
      reason: '因病逝世',
      approvedOn: '2025-03-30',
      approvedBy: '镇党委',
    });
    expect(death.statusCode).toBe(400);
    expect(death.json().error.details[0].path).toBe('approvedOn');
    const res = await api(secretary, '2025-04-02', 'POST', `/members/${id}/standing-decisions`, {
      kind: 'death',
      resolutionOn: '2025-03-28',
      reason: '因病逝世',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ standing: 'left', leftHow: 'death', leftOn: '2025-03-28' });
    expect(await query(env, 'select role from role_grants where user_id = $1', [user.id])).toEqual([]);
    expect(
      (await query<{ disabled: boolean }>(env, 'select disabled from users where id = $1', [user.id]))[0],
    ).toEqual({
      disabled: true,
    });
    // the suspension left awaiting can no longer be approved
    const pending = res.json().decisions.find((d: { kind: string }) => d.kind === 'suspend');
    const late = await api(town, '2025-04-03', 'POST', `/standing-decisions/${pending.id}/approval`, {
      approvedOn: '2025-04-01',
      approvedBy: '镇党委',
    });
    expect(late.statusCode).toBe(409);
  });
});

describe('党章第九条: six months of dues unpaid feed the due list', () => {
  it('given a member with a standard and nothing paid since January, by September removal as lapsed is due', async () => {
    const id = await member('赵欠费');
    await query(
      env,
      "update members set dues_category = 'farmer', dues_standard_fen = 50, dues_from_month = '2025-01' where id = $1",
      [id],
    );
    expect(await dueOf('2025-09-15', id)).toEqual([
      expect.objectContaining({
        decision: 'lapse',
        rule: 'dues_unpaid',
        basisOn: '2025-01-01',
        dueSince: '2025-07-01',
      }),
    ]);
    // the list can be narrowed to one decision
    const only = (
      await api(secretary, '2025-09-15', 'GET', `/standing/due?orgId=${branch}&decision=suspend`)
    ).json();
    expect(only.items.every((d: Due) => d.decision === 'suspend')).toBe(true);
  });
});

describe('abroad, and found again', () => {
  it('studying abroad for more than five years makes suspension due; coming back clears it', async () => {
    const id = await member('孙留学');
    const res = await api(secretary, '2025-01-01', 'PUT', `/members/${id}/abroad`, {
      kind: 'studying',
      since: '2020-02-29',
    });
    expect(res.statusCode, res.body).toBe(200);
    // five years from 29 February end on 1 March (platform/time.ts); "more than" is the day after
    expect(await dueOf('2025-03-01', id)).toEqual([]);
    expect(await dueOf('2025-03-02', id)).toMatchObject([{ decision: 'suspend', rule: 'studying_abroad' }]);
    const half = await api(secretary, '2025-03-02', 'PUT', `/members/${id}/abroad`, {
      kind: 'settled',
      since: null,
    });
    expect(half.statusCode).toBe(400);
    const back = await api(secretary, '2025-03-02', 'PUT', `/members/${id}/abroad`, {
      kind: null,
      since: null,
    });
    expect(back.json()).toMatchObject({ abroadKind: null, abroadSince: null });
    expect(await dueOf('2025-03-02', id)).toEqual([]);
  });

  it('a suspended member found again may have the membership restored; the restoration takes effect on approval', async () => {
    const id = await member('钱恢复');
    await query(
      env,
      "update members set party_standing = 'suspended', suspended_on = '2024-06-01', lost_contact_on = '2023-11-01' where id = $1",
      [id],
    );
    const early = await api(secretary, '2025-01-05', 'POST', `/members/${id}/found`, {
      foundOn: '2023-10-01',
    });
    expect(early.statusCode).toBe(400);
    const found = await api(secretary, '2025-01-05', 'POST', `/members/${id}/found`, {
      foundOn: '2025-01-02',
    });
    expect(found.statusCode, found.body).toBe(200);
    expect(await dueOf('2025-01-05', id)).toMatchObject([
      { decision: 'restore', rule: 'found_again', dueSince: '2025-01-02' },
    ]);
    const res = await api(town, '2025-02-01', 'POST', `/members/${id}/standing-decisions`, {
      kind: 'restore',
      resolutionOn: '2025-01-20',
      reason: '本人主动联系并书面申请恢复党籍',
      approvedOn: '2025-01-28',
      approvedBy: '中共青山区委组织部',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ standing: 'normal', suspendedOn: null });
  });
});

describe('the due list in SQL says what the rules say', () => {
  it('for members at the edges of every rule, on several days', async () => {
    const other = (
      await makeOrg(env, await orgId(env, '中共青山区清河镇委员会'), 'branch', '党籍规则对照党支部')
    ).id;
    const cases: Partial<StandingFacts>[] = [
      { lostContactOn: '2024-08-31' },
      { lostContactOn: '2024-09-01' },
      { lostContactOn: '2024-08-31', foundOn: '2024-12-01' },
      { abroadKind: 'settled', abroadSince: '2025-02-28' },
      { abroadKind: 'studying', abroadSince: '2020-02-29' },
      { abroadKind: 'studying', abroadSince: '2020-03-01' },
      { standing: 'suspended', suspendedOn: '2023-02-28', lostContactOn: '2022-06-01' },
      {
        standing: 'suspended',
        suspendedOn: '2023-03-31',
        lostContactOn: '2022-06-01',
        foundOn: '2025-01-15',
      },
      { standing: 'suspended', suspendedOn: '2023-03-31' },
      { status: 'probationary', lostContactOn: '2024-08-31' },
      { status: 'candidate', lostContactOn: '2024-08-31' },
    ];
    const ids: number[] = [];
    const rulesSeen = new Set<string>();
    for (const c of cases) {
      const m = await validMember(env, other);
      await query(
        env,
        `update members set status = $2, party_standing = $3, lost_contact_on = $4, found_on = $5, suspended_on = $6,
                abroad_kind = $7, abroad_since = $8 where id = $1`,
        [
          m.id,
          c.status ?? 'full',
          c.standing ?? 'normal',
          c.lostContactOn ?? null,
          c.foundOn ?? null,
          c.suspendedOn ?? null,
          c.abroadKind ?? null,
          c.abroadSince ?? null,
        ],
      );
      ids.push(m.id);
    }
    for (const day of ['2025-02-28', '2025-03-01', '2025-03-02', '2025-03-31']) {
      const listed = (await dueList(day, other, town)).items
        .map((d) => `${d.memberId} ${d.decision} ${d.rule} ${d.basisOn} ${d.dueSince}`)
        .sort();
      const expected = cases
        .flatMap((c, i) =>
          dueDecisions(
            {
              name: '',
              status: 'full',
              standing: 'normal',
              joinedOn: null,
              lostContactOn: null,
              foundOn: null,
              suspendedOn: null,
              abroadKind: null,
              abroadSince: null,
              ...c,
            },
            day,
          ).map((d) => `${ids[i]} ${d.decision} ${d.rule} ${d.basisOn} ${d.dueSince}`),
        )
        .sort();
      expect(listed, day).toEqual(expected);
      for (const e of expected) rulesSeen.add(e.split(' ')[2]);
    }
    // the days were chosen so that every rule of art. 24 is met by someone on one of them
    expect([...rulesSeen].sort()).toEqual(
      ['found_again', 'lost_contact', 'settled_abroad', 'studying_abroad', 'suspended_lost'].sort(),
    );
  });

  it('a town admin of another town is refused the branch’s list', async () => {
    expect((await api(town2, '2025-03-01', 'GET', `/standing/due?orgId=${branch}`)).statusCode).toBe(403);
  });
});

describe('the committee above refuses a decision (不予批准)', () => {
  let id: number;
  let decisionId: string;

  beforeAll(async () => {
    id = await member('周不批');
    await query(
      env,
      "update members set lost_contact_on = '2025-01-10', lost_contact_reason = '外出务工，电话停机' where id = $1",
      [id],
    );
    const res = await api(secretary, '2025-07-25', 'POST', `/members/${id}/standing-decisions`, {
      kind: 'suspend',
      resolutionOn: '2025-07-20',
      reason: '失联满6个月',
    });
    expect(res.statusCode, res.body).toBe(200);
    decisionId = res.json().decisions[0].id;
  });

  it('a refusal dated before the branch meeting, or after today, is refused naming refusedOn', async () => {
    for (const refusedOn of ['2025-07-19', '2025-08-11']) {
      const res = await api(town, '2025-08-10', 'POST', `/standing-decisions/${decisionId}/refusal`, {
        refusedOn,
        refusedBy: '中共青山区清河镇委员会',
        reason: '查找工作不充分',
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details[0].path).toBe('refusedOn');
    }
  });

  it('given the town committee refused on 2025-08-05, the decision has no effect and the suspension is due again', async () => {
    const before = (await rowOf(id)).version;
    const res = await api(town, '2025-08-10', 'POST', `/standing-decisions/${decisionId}/refusal`, {
      refusedOn: '2025-08-05',
      refusedBy: '中共青山区清河镇委员会',
      reason: '查找工作不充分，请继续查找',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ standing: 'normal', suspendedOn: null });
    expect(res.json().decisions[0]).toMatchObject({
      id: decisionId,
      awaitingApproval: false,
      effectiveOn: null,
      approvedOn: null,
      refusedOn: '2025-08-05',
      refusedBy: '中共青山区清河镇委员会',
      refusalReason: '查找工作不充分，请继续查找',
      can: { approve: false, refuse: false },
    });
    // nothing of the record changed: an edit form opened before is still good
    expect((await rowOf(id)).version).toBe(before);
    // the member's due item is back: suspension due since 2025-07-10 by art. 24
    expect(await dueOf('2025-08-10', id)).toMatchObject([
      { decision: 'suspend', rule: 'lost_contact', dueSince: '2025-07-10', decisionId: null },
    ]);
    const [a] = await query<{ after: Record<string, unknown> }>(
      env,
      "select after from audit_log where action = 'member.standing_refused' and target_id = $1",
      [String(id)],
    );
    expect(a.after).toMatchObject({ refusedOn: '2025-08-05', refusalReason: '查找工作不充分，请继续查找' });
    // the branch may take it up again: a new decision is not held by the refused one
    const allowed = (await api(secretary, '2025-08-10', 'GET', `/members/${id}/standing`)).json();
    expect(allowed.decisionsAllowed).toContain('suspend');
  });

  it('a refused decision can be neither approved nor refused again (409)', async () => {
    const approve = await api(town, '2025-08-12', 'POST', `/standing-decisions/${decisionId}/approval`, {
      approvedOn: '2025-08-12',
      approvedBy: '中共青山区清河镇委员会',
    });
    expect(approve.statusCode).toBe(409);
    expect(approve.json().error.message).toContain('不予批准');
    const again = await api(town, '2025-08-12', 'POST', `/standing-decisions/${decisionId}/refusal`, {
      refusedOn: '2025-08-12',
      refusedBy: '中共青山区清河镇委员会',
      reason: '再次',
    });
    expect(again.statusCode).toBe(409);
  });

  it('another town’s admin cannot refuse it', async () => {
    const id2 = await member('吴外镇');
    await query(env, "update members set lost_contact_on = '2025-01-10' where id = $1", [id2]);
    const d = await api(secretary, '2025-07-25', 'POST', `/members/${id2}/standing-decisions`, {
      kind: 'suspend',
      resolutionOn: '2025-07-20',
      reason: '失联满6个月',
    });
    const res = await api(
      town2,
      '2025-08-10',
      'POST',
      `/standing-decisions/${d.json().decisions[0].id}/refusal`,
      {
        refusedOn: '2025-08-05',
        refusedBy: '中共青山区石桥镇委员会',
        reason: '不属本镇',
      },
    );
    expect(res.statusCode).toBe(403);
  });
});

describe('two identical requests at once', () => {
  it('recording a branch decision twice at the same moment: exactly one is recorded, the other is a 409', async () => {
    const id = await member('郑并发');
    await query(env, "update members set lost_contact_on = '2025-01-10' where id = $1", [id]);
    const body = { kind: 'suspend', resolutionOn: '2025-07-20', reason: '失联满6个月' };
    const answers = await Promise.all([
      api(secretary, '2025-07-25', 'POST', `/members/${id}/standing-decisions`, body),
      api(secretary, '2025-07-25', 'POST', `/members/${id}/standing-decisions`, body),
    ]);
    expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const lost = answers.find((r) => r.statusCode === 409)!;
    expect(lost.json().error.code).toBe('decision_awaiting_approval');
    expect(lost.json().error.message).toContain('尚待上级党组织批准');
    expect(await query(env, 'select kind from standing_decisions where member_id = $1', [id])).toEqual([
      { kind: 'suspend' },
    ]);
    const [a] = await query<{ n: number }>(
      env,
      "select count(*)::int as n from audit_log where action = 'member.standing_decided' and target_id = $1",
      [String(id)],
    );
    expect(a.n).toBe(1);
  });
});
