import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeMember, makeOrg, makeUser } from '../../../../test/fixtures.ts';
import { login, orgId, query, type Session, type TestEnv, testEnv } from '../../../../test/harness.ts';
import { addMonthsToDate as addMonths, shanghaiToday } from '../../../platform/time.ts';

let env: TestEnv;
let town: Session; // org_admin of 清河镇
let town2: Session; // org_admin of 石桥镇
let branch: number; // a fresh branch in 清河镇
let elsewhere: number; // a branch in 石桥镇

const today = shanghaiToday();
const daysAgo = (n: number) =>
  new Date(Date.parse(`${today}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  env = await testEnv();
  town = await login(env, 'town_admin');
  town2 = await login(env, 'town2_admin');
  branch = (await makeOrg(env, await orgId(env, '中共青山区清河镇委员会'), 'branch', '预备党员测试党支部'))
    .id;
  elsewhere = (await makeOrg(env, await orgId(env, '中共青山区石桥镇委员会'), 'branch', '石桥测试党支部')).id;
});
afterAll(() => env.close());

const api = (s: Session, method: string, url: string, payload?: object) =>
  env.app.inject({ method: method as 'GET', url: `/api/v1${url}`, payload, headers: s.headers });

type Due = {
  memberId: string;
  ready: boolean;
  missing: string[];
  overdueItems: string[];
  earliestOn: string | null;
  probationEndsOn: string | null;
  deadline: { item: string; dueOn: string } | null;
  alerts: { kind: string; on: string | null }[];
};
const dueRow = async (id: number) =>
  ((await api(town, 'GET', `/pipeline/due?orgId=${branch}&pageSize=200`)).json().items as Due[]).find(
    (d) => d.memberId === String(id),
  );

/** A probationer of this branch who joined `joined` days ago, sworn in, who has asked to convert. */
async function probationer(name: string, joined: number) {
  const { id } = await makeMember(env, branch, { name, status: 'applicant' });
  await query(
    env,
    `update members set status = 'probationary', joined_on = $2, admission_resolution_on = $2,
       admission_approved_on = $3, oath_on = $3 where id = $1`,
    [id, daysAgo(joined), daysAgo(joined - 20)],
  );
  return id;
}

const decisions = (id: number) =>
  query<{ kind: string; months: number | null; resolution_on: string; approved_on: string | null }>(
    env,
    `select kind, months, to_char(resolution_on, 'YYYY-MM-DD') as resolution_on,
            to_char(approved_on, 'YYYY-MM-DD') as approved_on
       from standing_decisions where member_id = $1 order by id`,
    [id],
  );

describe('培养联系人和入党介绍人 are full members in scope, shown by name', () => {
  let activist: number;
  let candidate: number;
  let full1: { id: number };
  let full2: { id: number };

  beforeAll(async () => {
    activist = (await makeMember(env, branch, { name: '钱积极', status: 'activist' })).id;
    candidate = (await makeMember(env, branch, { name: '孙对象', status: 'candidate' })).id;
    full1 = await makeMember(env, branch, { name: '李正式' });
    full2 = await makeMember(env, branch, { name: '周正式' });
  });

  it('an activist gets one cultivation contact; the file names them, history and audit kept', async () => {
    const res = await api(town, 'PATCH', `/members/${activist}/pipeline`, {
      cultivationContactIds: [String(full1.id)],
    });
    expect(res.statusCode, res.body).toBe(200);
    const file = (await api(town, 'GET', `/members/${activist}/pipeline`)).json();
    expect(file.cultivationContacts).toEqual([{ id: String(full1.id), name: '李正式' }]);
    expect(file.step.missing.map((g: { item: string }) => g.item)).not.toContain('cultivationContactIds');
    const history = (await api(town, 'GET', `/members/${activist}/history`)).json();
    expect(history.items[0]).toMatchObject({
      source: 'pipeline',
      // the history names the contact, as the file does
      changes: { cultivationContactIds: [[], ['李正式']] },
    });
    const [audit] = await query<{ action: string }>(
      env,
      "select action from audit_log where target_type = 'member' and target_id = $1 order by id desc limit 1",
      [String(activist)],
    );
    expect(audit.action).toBe('member.pipeline_updated');
  });

  it('a probationary member, someone outside the caller’s scope, oneself or the same person twice cannot sponsor; nothing is written', async () => {
    const probationary = await probationer('吴预备', 100);
    const outside = await makeMember(env, elsewhere, { name: '王外镇' });
    const cases: [string[], string][] = [
      [[String(full1.id), String(probationary)], '吴预备不是党籍正常的正式党员，不能作入党介绍人'],
      [
        [String(full1.id), String(outside.id)],
        `编号 ${outside.id} 的党员不在您管理的范围内，不能作入党介绍人`,
      ],
      [[String(candidate), String(full1.id)], '本人不能作自己的入党介绍人'],
      [[String(full1.id), String(full1.id)], '入党介绍人重复'],
    ];
    for (const [ids, message] of cases) {
      const res = await api(town, 'PATCH', `/members/${candidate}/pipeline`, { sponsorIds: ids });
      expect(res.statusCode, message).toBe(400);
      expect(res.json().error.details).toContainEqual(
        expect.objectContaining({ path: 'sponsorIds', message }),
      );
    }
    const three = await api(town, 'PATCH', `/members/${candidate}/pipeline`, {
      sponsorIds: [String(full1.id), String(full2.id), String(probationary)],
    });
    expect(three.statusCode).toBe(400);
    const [{ sponsor_ids }] = await query<{ sponsor_ids: string[] }>(
      env,
      'select sponsor_ids from members where id = $1',
      [candidate],
    );
    expect(sponsor_ids).toEqual([]);
  });

  it('two full members sponsor the candidate, and the training hours are recorded with them', async () => {
    const res = await api(town, 'PATCH', `/members/${candidate}/pipeline`, {
      sponsorIds: [String(full1.id), String(full2.id)],
      trainingHours: 16,
    });
    expect(res.statusCode, res.body).toBe(200);
    const file = (await api(town, 'GET', `/members/${candidate}/pipeline`)).json();
    expect(file.sponsors.map((p: { name: string }) => p.name)).toEqual(['李正式', '周正式']);
    expect(file.trainingHours).toBe(16);
    expect(file.step.missing).toContainEqual({
      item: 'trainingHours',
      message: '集中培训一般不少于三天或二十四学时，已登记 16 学时',
    });
    // the contact of an activist is not yet a candidate's item, and vice versa
    const early = await api(town, 'PATCH', `/members/${activist}/pipeline`, {
      sponsorIds: [String(full1.id)],
    });
    expect(early.json().error.message).toContain('还不到登记“入党介绍人”的阶段');
  });

  it('another town neither reads the file nor names sponsors in it', async () => {
    expect((await api(town2, 'GET', `/members/${candidate}/pipeline`)).statusCode).toBe(403);
    expect((await api(town2, 'PATCH', `/members/${candidate}/pipeline`, { sponsorIds: [] })).statusCode).toBe(
      403,
    );
  });
});

describe('延长预备期: once, 6–12 months, with the branch meeting and the approval', () => {
  let id: number;
  const joinedOn = daysAgo(400);

  beforeAll(async () => {
    id = await probationer('郑延长', 400);
  });

  it('before: the probation has ended and the conversion meeting is overdue', async () => {
    const row = await dueRow(id);
    expect(row).toMatchObject({
      probationEndsOn: addMonths(joinedOn, 12),
      deadline: { item: 'conversionResolutionOn', dueOn: addMonths(joinedOn, 12) },
    });
    expect(row?.overdueItems).toContain('conversionResolutionOn');
  });

  it('a refused extension writes nothing', async () => {
    const res = await api(town, 'PUT', `/members/${id}/probation/extension`, {
      months: 6,
      resolutionOn: daysAgo(30),
      approvedOn: daysAgo(40),
      reason: '需要继续教育和考察',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toMatchObject([
      { path: 'approvedOn', message: `上级党委批准不能早于支部党员大会讨论（${daysAgo(30)}）` },
    ]);
    const tooLong = await api(town, 'PUT', `/members/${id}/probation/extension`, {
      months: 13,
      resolutionOn: daysAgo(30),
      reason: '需要继续教育和考察',
    });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().error.message).toContain('最长不超过一年');
    expect(await decisions(id)).toEqual([]);
  });

  it('the branch meeting resolves six months: it counts at once, and the approval is awaited', async () => {
    const res = await api(town, 'PUT', `/members/${id}/probation/extension`, {
      months: 6,
      resolutionOn: daysAgo(30),
      reason: '需要继续教育和考察',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().probation).toMatchObject({
      endsOn: addMonths(joinedOn, 18),
      extension: { months: 6, resolutionOn: daysAgo(30), approvedOn: null, reason: '需要继续教育和考察' },
    });
    expect(res.json().step.missing).toContainEqual({
      item: 'probationExtensionApprovedOn',
      message: '延长预备期尚待上级党委批准',
    });
    expect((await dueRow(id))?.deadline).toEqual({
      item: 'probationExtensionApprovedOn',
      dueOn: addMonths(daysAgo(30), 3),
    });
  });

  it('the approval is recorded on the same decision; the full-membership date follows: join date + 18 months', async () => {
    const res = await api(town, 'PUT', `/members/${id}/probation/extension`, {
      months: 6,
      resolutionOn: daysAgo(30),
      approvedOn: daysAgo(10),
      reason: '需要继续教育和考察',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      probation: { endsOn: addMonths(joinedOn, 18), extension: { approvedOn: daysAgo(10) } },
      step: { earliestOn: addMonths(joinedOn, 18), ready: false },
      can: { extend: false, cancel: true },
    });
    expect(await decisions(id)).toEqual([
      { kind: 'extend_probation', months: 6, resolution_on: daysAgo(30), approved_on: daysAgo(10) },
    ]);
    const row = await dueRow(id);
    expect(row).toMatchObject({
      probationEndsOn: addMonths(joinedOn, 18),
      earliestOn: addMonths(joinedOn, 18),
      overdueItems: [],
      deadline: { item: 'conversionResolutionOn', dueOn: addMonths(joinedOn, 18) },
    });
    const history = (await api(town, 'GET', `/members/${id}/history`)).json();
    expect(history.items[0]).toMatchObject({
      source: 'pipeline',
      changes: { probationExtensionApprovedOn: [null, daysAgo(10)] },
    });
    const audits = await query<{ action: string; after: { probationEndsOn: string } }>(
      env,
      "select action, after from audit_log where target_type = 'member' and target_id = $1 order by id",
      [String(id)],
    );
    expect(audits.map((a) => a.action)).toEqual(['member.probation_extended', 'member.probation_extended']);
    expect(audits[1].after.probationEndsOn).toBe(addMonths(joinedOn, 18));
  });

  it('there is no second extension, and the conversion meeting cannot precede the longer probation', async () => {
    const again = await api(town, 'PUT', `/members/${id}/probation/extension`, {
      months: 12,
      resolutionOn: daysAgo(5),
      reason: '仍需考察',
    });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.message).toContain(
      `预备期只能延长一次：已于 ${daysAgo(10)} 经上级党委批准延长 6 个月`,
    );
    const meeting = await api(town, 'PATCH', `/members/${id}/pipeline`, {
      conversionRequestOn: daysAgo(3),
      conversionResolutionOn: daysAgo(2),
    });
    expect(meeting.statusCode).toBe(400);
    expect(meeting.json().error.message).toContain(`（${addMonths(joinedOn, 18)} 起）方可讨论转正`);
  });

  it('another town cannot extend it', async () => {
    const res = await api(town2, 'PUT', `/members/${id}/probation/extension`, {
      months: 6,
      resolutionOn: daysAgo(30),
      approvedOn: daysAgo(10),
      reason: '需要继续教育和考察',
    });
    expect(res.statusCode).toBe(403);
  });
});

describe('取消预备党员资格: the branch resolves, the committee approves, and then the person leaves', () => {
  let id: number;

  beforeAll(async () => {
    id = await probationer('冯取消', 380);
    await query(
      env,
      'update members set conversion_request_on = $2, conversion_resolution_on = $3 where id = $1',
      [id, daysAgo(20), daysAgo(10)],
    );
  });

  it('awaiting approval the due list flags it, and the conversion is held', async () => {
    const res = await api(town, 'PUT', `/members/${id}/probation/cancellation`, {
      resolutionOn: daysAgo(10),
      reason: '不履行党员义务',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      probation: { cancellation: { resolutionOn: daysAgo(10), approvedOn: null } },
      step: { alerts: [{ kind: 'cancellationPending', on: addMonths(daysAgo(10), 3) }] },
    });
    expect((await dueRow(id))?.alerts).toEqual([
      { kind: 'cancellationPending', on: addMonths(daysAgo(10), 3) },
    ]);
    const convert = await api(town, 'POST', `/members/${id}/advance`, { to: 'full', on: daysAgo(1) });
    expect(convert.statusCode).toBe(400);
    expect(convert.json().error.message).toContain('决定取消其预备党员资格，不能转正');
  });

  it('approved, the person leaves the Party: standing left, how and when on file, out of every list', async () => {
    const res = await api(town, 'PUT', `/members/${id}/probation/cancellation`, {
      resolutionOn: daysAgo(10),
      approvedOn: daysAgo(2),
      reason: '不履行党员义务',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().can).toEqual({
      manage: false,
      advance: false,
      extend: false,
      cancel: false,
      approve: false,
      withdraw: false,
    });
    const [m] = await query<{ party_standing: string; left_how: string; left_on: string; left: boolean }>(
      env,
      `select party_standing, left_how, to_char(left_on, 'YYYY-MM-DD') as left_on, left_at is not null as left
         from members where id = $1`,
      [id],
    );
    expect(m).toEqual({
      party_standing: 'left',
      left_how: 'probation_cancelled',
      left_on: daysAgo(2),
      left: true,
    });
    expect(await decisions(id)).toEqual([
      { kind: 'cancel_probation', months: null, resolution_on: daysAgo(10), approved_on: daysAgo(2) },
    ]);
    expect(await dueRow(id)).toBeUndefined();
    const again = await api(town, 'PUT', `/members/${id}/probation/cancellation`, {
      resolutionOn: daysAgo(10),
      approvedOn: daysAgo(2),
      reason: '不履行党员义务',
    });
    // on file, read only
    expect(again.statusCode).toBe(409);
    const file = (await api(town, 'GET', `/members/${id}/pipeline`)).json();
    expect(file).toMatchObject({
      probation: { cancellation: { approvedOn: daysAgo(2) } },
      can: { manage: false, extend: false, cancel: false },
    });
  });
});

describe('细则第三十六条: a probationer who transferred in', () => {
  it('is flagged: the conversion may be postponed up to six months after the probation ends', async () => {
    const id = await probationer('陈转入', 200);
    await query(
      env,
      `insert into transfers (kind, status, member_id, from_org_name, to_org_id, to_org_name, letter_no, issued_on,
                              valid_until, dues_paid_until, reason, created_at)
       values ('incoming', 'accepted', $1, '外省某党支部', $2, '预备党员测试党支部', '转入001', $3, $3, '2026-01', '工作调动', $4)`,
      [id, branch, daysAgo(100), `${daysAgo(100)}T10:00:00+08:00`],
    );
    expect((await dueRow(id))?.alerts).toEqual([
      { kind: 'transferredIn', on: addMonths(addMonths(daysAgo(200), 12), 6) },
    ]);
  });
});

describe('党章第七条；细则第三十二条: the branch resolves, the committee above approves', () => {
  let secretary: Session; // secretary of the test branch

  beforeAll(async () => {
    const u = await makeUser(env, { orgId: branch, role: 'secretary' });
    secretary = await login(env, u.username);
  });

  it('the branch secretary records the extension its meeting resolved, but not the committee’s approval', async () => {
    const id = await probationer('卫延长', 370);
    const file = (await api(secretary, 'GET', `/members/${id}/pipeline`)).json();
    expect(file.can).toMatchObject({ extend: true, approve: false });
    const approved = await api(secretary, 'PUT', `/members/${id}/probation/extension`, {
      months: 6,
      resolutionOn: daysAgo(10),
      approvedOn: daysAgo(2),
      reason: '需要继续教育和考察',
    });
    expect(approved.statusCode).toBe(403);
    expect(approved.json().error.details[0].path).toBe('approvedOn');
    expect(await decisions(id)).toEqual([]);
    const resolved = await api(secretary, 'PUT', `/members/${id}/probation/extension`, {
      months: 6,
      resolutionOn: daysAgo(10),
      reason: '需要继续教育和考察',
    });
    expect(resolved.statusCode, resolved.body).toBe(200);
    // the town committee's admin records the approval
    expect((await api(town, 'GET', `/members/${id}/pipeline`)).json().can).toMatchObject({ approve: true });
    const byTown = await api(town, 'PUT', `/members/${id}/probation/extension`, {
      months: 6,
      resolutionOn: daysAgo(10),
      approvedOn: daysAgo(2),
      reason: '需要继续教育和考察',
    });
    expect(byTown.statusCode, byTown.body).toBe(200);
    expect(byTown.json().probation.extension).toMatchObject({ approvedOn: daysAgo(2) });
  });

  it('nor the approval of a cancellation: 403 naming approvedOn, nothing written', async () => {
    const id = await probationer('蒋取消', 370);
    const res = await api(secretary, 'PUT', `/members/${id}/probation/cancellation`, {
      resolutionOn: daysAgo(10),
      approvedOn: daysAgo(2),
      reason: '不履行党员义务',
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.details[0].path).toBe('approvedOn');
    expect(await decisions(id)).toEqual([]);
    const [m] = await query<{ party_standing: string }>(
      env,
      'select party_standing from members where id = $1',
      [id],
    );
    expect(m.party_standing).toBe('normal');
  });
});

describe('a cancellation awaiting the committee is withdrawn by the branch', () => {
  let secretary: Session;
  let id: number;

  beforeAll(async () => {
    const u = await makeUser(env, { orgId: branch, role: 'secretary' });
    secretary = await login(env, u.username);
    id = await probationer('沈撤回', 380);
    await query(
      env,
      'update members set conversion_request_on = $2, conversion_resolution_on = $3 where id = $1',
      [id, daysAgo(20), daysAgo(10)],
    );
  });

  it('with nothing to withdraw, a 409 that says so', async () => {
    const res = await api(secretary, 'POST', `/members/${id}/probation/cancellation/withdrawal`, {
      reason: '复议',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain('没有待上级批准的取消预备党员资格决定');
  });

  it('given the branch resolved to cancel, when it withdraws the resolution, then the file no longer holds the conversion', async () => {
    const cancel = await api(secretary, 'PUT', `/members/${id}/probation/cancellation`, {
      resolutionOn: daysAgo(10),
      reason: '不履行党员义务',
    });
    expect(cancel.statusCode, cancel.body).toBe(200);
    expect(cancel.json().can).toMatchObject({ withdraw: true });
    expect((await dueRow(id))?.alerts.map((a) => a.kind)).toContain('cancellationPending');

    const empty = await api(secretary, 'POST', `/members/${id}/probation/cancellation/withdrawal`, {
      reason: '  ',
    });
    expect(empty.statusCode).toBe(400);

    const res = await api(secretary, 'POST', `/members/${id}/probation/cancellation/withdrawal`, {
      reason: '支部党员大会复议，撤回原决定',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      probation: { cancellation: null },
      can: { withdraw: false, cancel: true },
    });
    expect(res.json().step.alerts.map((a: { kind: string }) => a.kind)).not.toContain('cancellationPending');
    expect(await decisions(id)).toEqual([]);
    expect((await dueRow(id))?.alerts.map((a) => a.kind) ?? []).not.toContain('cancellationPending');
    const [a] = await query<{ before: Record<string, unknown>; after: Record<string, unknown> }>(
      env,
      "select before, after from audit_log where action = 'member.probation_cancellation_withdrawn' and target_id = $1",
      [String(id)],
    );
    expect(a.before).toMatchObject({ resolutionOn: daysAgo(10), reason: '不履行党员义务' });
    expect(a.after).toMatchObject({ cancellation: null, withdrawalReason: '支部党员大会复议，撤回原决定' });
    // the conversion is no longer held: it goes ahead
    const convert = await api(secretary, 'POST', `/members/${id}/advance`, { to: 'full', on: daysAgo(1) });
    expect(convert.statusCode, convert.body).toBe(200);
  });

  it('another town’s admin cannot withdraw it (403); an approved one cannot be withdrawn (409)', async () => {
    const id = await probationer('许已批', 380);
    await api(secretary, 'PUT', `/members/${id}/probation/cancellation`, {
      resolutionOn: daysAgo(5),
      reason: '不履行党员义务',
    });
    const outside = await api(town2, 'POST', `/members/${id}/probation/cancellation/withdrawal`, {
      reason: '复议',
    });
    expect(outside.statusCode).toBe(403);
    const approved = await api(town, 'PUT', `/members/${id}/probation/cancellation`, {
      resolutionOn: daysAgo(5),
      approvedOn: daysAgo(1),
      reason: '不履行党员义务',
    });
    expect(approved.statusCode, approved.body).toBe(200);
    const late = await api(secretary, 'POST', `/members/${id}/probation/cancellation/withdrawal`, {
      reason: '复议',
    });
    expect(late.statusCode).toBe(409);
  });
});
