import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeMember, makeOrg, makeUser } from '../../../../test/fixtures.ts';
import { login, orgId, query, type Session, type TestEnv, testEnv } from '../../../../test/harness.ts';
import { makeIdCard } from '../record/id-card.ts';
import {
  addDays,
  addMonthsToDate,
  addMonthsToMonth,
  monthsEndingWith,
  shanghaiMonth,
  shanghaiToday,
} from '../../../platform/time.ts';

let env: TestEnv;
let town: Session; // org_admin of 清河镇
let town2: Session; // org_admin of 石桥镇
let town2Id: number;
let qinghe: { id: number; path: string }; // a branch in 清河镇
let shiqiao: { id: number; path: string }; // a branch in 石桥镇
let town1Id: number;

beforeAll(async () => {
  // "a month later": requests may carry X-Test-Now (the receipt going overdue)
  env = await testEnv({ testClock: true });
  town = await login(env, 'town_admin');
  town2 = await login(env, 'town2_admin');
  town1Id = await orgId(env, '中共青山区清河镇委员会');
  town2Id = await orgId(env, '中共青山区石桥镇委员会');
  qinghe = await makeOrg(env, town1Id, 'branch', '清河镇转接测试党支部');
  shiqiao = await makeOrg(env, town2Id, 'branch', '石桥镇转接测试党支部');
});
afterAll(() => env.close());

const api = (s: Session, method: string, url: string, payload?: object, now?: string) =>
  env.app.inject({
    method: method as 'GET',
    url: `/api/v1${url}`,
    payload,
    headers: now ? { ...s.headers, 'x-test-now': now } : s.headers,
  });

// the letter number and "dues paid until" are the server's: the request names neither
const letterBody = (memberId: number, over: object = {}) => ({
  memberId: String(memberId),
  kind: 'internal',
  toOrgId: String(shiqiao.id),
  reason: '工作调动',
  ...over,
});

type T = {
  id: string;
  status: string;
  memberId: string;
  overdue: boolean;
  kind: string;
  letterNo: string;
  receiptOverdue: boolean;
};
const ids = (page: { items: T[] }) => page.items.map((t) => t.id);

describe('choosing where to send a member', () => {
  it('a town admin finds a branch of another town by name, though it is outside their scope', async () => {
    const [{ name }] = await query<{ name: string }>(env, 'select name from orgs where id = $1', [
      shiqiao.id,
    ]);
    const page = (await api(town, 'GET', `/transfers/destinations?q=${encodeURIComponent(name)}`)).json();
    expect(page.items.map((o: { id: string }) => o.id)).toContain(String(shiqiao.id));
    expect(page.items.every((o: { kind: string }) => o.kind === 'branch')).toBe(true);
  });
});

describe('an internal transfer from one town to another', () => {
  let memberId: number;
  let transfer: T;

  beforeAll(async () => {
    memberId = (await makeMember(env, qinghe.id, { name: '王转接' })).id;
  });

  it('the sending town issues the letter: numbered by the town committee, valid 90 days by default, dues paid until the last month on record', async () => {
    // dues counted from three months ago, and paid for all three
    const thisMonth = shanghaiMonth();
    const start = addMonthsToMonth(thisMonth, -3);
    await query(env, 'update members set dues_from_month = $1 where id = $2', [start, memberId]);
    for (const i of [0, 1, 2])
      await query(env, 'insert into dues_payments (member_id, month, amount_fen) values ($1, $2, 500)', [
        memberId,
        addMonthsToMonth(start, i),
      ]);
    const res = await api(town, 'POST', '/transfers', letterBody(memberId));
    expect(res.statusCode, res.body).toBe(201);
    transfer = res.json();
    const today = shanghaiToday();
    expect(transfer).toMatchObject({
      kind: 'internal',
      status: 'pending',
      memberName: '王转接',
      fromOrgId: String(qinghe.id),
      fromOrgName: '清河镇转接测试党支部',
      toOrgId: String(shiqiao.id),
      toOrgName: '石桥镇转接测试党支部',
      issuedOn: today,
      overdue: false,
      duesPaidUntil: addMonthsToMonth(thisMonth, -1),
      receiptDueOn: null,
      receiptOn: null,
      can: { print: true, receipt: false, cancel: true, accept: false },
    });
    // 清河镇 is the town committee above the branch: it issues the letter (条例第二十五条)
    expect(transfer.letterNo).toMatch(new RegExp(`^${today.slice(0, 4)}-清河-\\d{4}$`));
    const days = (Date.parse(res.json().validUntil) - Date.parse(today)) / 86_400_000;
    expect(days).toBe(90);
  });

  it('the member page can tell it is pending: the list filtered to the member', async () => {
    const page = (await api(town, 'GET', `/transfers?side=out&memberId=${memberId}&status=pending`)).json();
    expect(ids(page)).toEqual([transfer.id]);
  });

  it('both sides see it pending: out for the sender, in for the receiver, and not the other way', async () => {
    const out = (await api(town, 'GET', `/transfers?side=out&orgId=${qinghe.id}`)).json();
    expect(ids(out)).toEqual([transfer.id]);
    const inbox = (await api(town2, 'GET', '/transfers?side=in&status=pending')).json();
    expect(ids(inbox)).toContain(transfer.id);
    expect(ids((await api(town2, 'GET', '/transfers?side=out')).json())).not.toContain(transfer.id);
    expect(ids((await api(town, 'GET', '/transfers?side=in')).json())).not.toContain(transfer.id);
  });

  it('the record does not move before acceptance, and a second letter for the member is refused in words', async () => {
    const [{ org_id }] = await query<{ org_id: number }>(env, 'select org_id from members where id = $1', [
      memberId,
    ]);
    expect(org_id).toBe(qinghe.id);
    const again = await api(town, 'POST', '/transfers', letterBody(memberId));
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('transfer_pending');
    expect(again.json().error.message).toContain('已有一份待办理的组织关系介绍信');
  });

  it('the sending town cannot accept for the receiving town', async () => {
    const res = await api(town, 'POST', `/transfers/${transfer.id}/accept`);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toContain('只有接收党组织（石桥镇转接测试党支部）');
  });

  it('the receiving town accepts: the record moves, dues are counted on from the letter, the receipt is due in a month', async () => {
    const res = await api(town2, 'POST', `/transfers/${transfer.id}/accept`);
    expect(res.statusCode, res.body).toBe(200);
    const today = shanghaiToday();
    expect(res.json()).toMatchObject({
      status: 'accepted',
      overdue: false,
      expired: false,
      certificateNote: null,
      receiptDueOn: addMonthsToDate(today, 1),
      receiptOn: null,
      receiptOverdue: false,
      can: { receipt: true },
    });
    expect(res.json().decidedAt).not.toBeNull();
    const [{ dues_from_month }] = await query<{ dues_from_month: string }>(
      env,
      'select dues_from_month from members where id = $1',
      [memberId],
    );
    expect(dues_from_month).toBe(shanghaiMonth());

    const member = await api(town2, 'GET', `/members/${memberId}`);
    expect(member.json()).toMatchObject({ orgId: String(shiqiao.id), orgName: '石桥镇转接测试党支部' });
    expect((await api(town, 'GET', `/members/${memberId}`)).statusCode).toBe(403);

    const history = (await api(town2, 'GET', `/members/${memberId}/history`)).json();
    expect(history.items[0]).toMatchObject({
      source: 'transfer',
      changes: { orgId: [String(qinghe.id), String(shiqiao.id)] },
    });
    const audit = await query<{ action: string }>(
      env,
      "select action from audit_log where target_type = 'transfer' and target_id = $1 order by id",
      [transfer.id],
    );
    expect(audit.map((a) => a.action)).toEqual(['transfer.created', 'transfer.accepted']);
  });

  it('both sides then list it as accepted', async () => {
    const out = (await api(town, 'GET', `/transfers?side=out&orgId=${qinghe.id}&status=accepted`)).json();
    expect(out.items).toMatchObject([{ id: transfer.id, status: 'accepted' }]);
    const inbox = (await api(town2, 'GET', `/transfers?side=in&orgId=${shiqiao.id}`)).json();
    expect(inbox.items).toMatchObject([{ id: transfer.id, status: 'accepted' }]);
    expect(ids((await api(town2, 'GET', '/transfers?side=in&status=pending')).json())).not.toContain(
      transfer.id,
    );
  });

  it('a month and a day later the receipt is overdue, listed for both sides and counted', async () => {
    const later = `${addDays(addMonthsToDate(shanghaiToday(), 1), 1)}T04:00:00Z`;
    const out = (
      await api(town, 'GET', `/transfers?side=out&orgId=${qinghe.id}&receipt=overdue`, undefined, later)
    ).json();
    expect(out.items).toMatchObject([{ id: transfer.id, receiptOverdue: true }]);
    const inbox = (await api(town2, 'GET', '/transfers?side=in&receipt=overdue', undefined, later)).json();
    expect(ids(inbox)).toContain(transfer.id);
    // today it is only open, not overdue
    expect(ids((await api(town2, 'GET', '/transfers?side=in&receipt=overdue')).json())).not.toContain(
      transfer.id,
    );
    expect(ids((await api(town2, 'GET', '/transfers?side=in&receipt=open')).json())).toContain(transfer.id);
  });

  it('the receipt is recorded with its date, once, by a side of the transfer, and leaves the overdue list', async () => {
    const later = `${addDays(addMonthsToDate(shanghaiToday(), 1), 1)}T04:00:00Z`;
    const laterDay = later.slice(0, 10);
    const tooEarly = await api(town2, 'POST', `/transfers/${transfer.id}/receipt`, {
      receiptOn: addDays(shanghaiToday(), -1),
    });
    expect(tooEarly.statusCode).toBe(400);
    expect(tooEarly.json().error.details[0].path).toBe('receiptOn');
    const res = await api(town2, 'POST', `/transfers/${transfer.id}/receipt`, { receiptOn: laterDay }, later);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ receiptOn: laterDay, receiptOverdue: false, can: { receipt: false } });
    // the sending side would record it when it arrives: it is recorded already
    const again = await api(
      town,
      'POST',
      `/transfers/${transfer.id}/receipt`,
      { receiptOn: laterDay },
      later,
    );
    expect(again.statusCode).toBe(409);
    const out = (
      await api(town, 'GET', `/transfers?side=out&orgId=${qinghe.id}&receipt=overdue`, undefined, later)
    ).json();
    expect(ids(out)).not.toContain(transfer.id);
    const done = (await api(town, 'GET', `/transfers?side=out&orgId=${qinghe.id}&receipt=done`)).json();
    expect(ids(done)).toContain(transfer.id);
    const [audit] = await query<{ after: { receiptOn: string } }>(
      env,
      "select after from audit_log where action = 'transfer.receipt_recorded' and target_id = $1",
      [transfer.id],
    );
    expect(audit.after.receiptOn).toBe(laterDay);
  });

  it('accepting twice is refused in words', async () => {
    const res = await api(town2, 'POST', `/transfers/${transfer.id}/accept`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'transfer_not_pending' });
    expect(res.json().error.message).toContain('已办结');
  });

  it('the monthly counts show it out for the sender, in and accepted for the receiver', async () => {
    const month = shanghaiToday().slice(0, 7);
    const sent = (await api(town, 'GET', `/transfers/monthly?orgId=${qinghe.id}`)).json();
    expect(sent.items.map((i: { month: string }) => i.month)).toEqual(monthsEndingWith(shanghaiMonth(), 12));
    expect(sent.items.at(-1)).toEqual({ month, out: 1, in: 0, accepted: 1 });
    const received = (await api(town2, 'GET', `/transfers/monthly?orgId=${shiqiao.id}`)).json();
    expect(received.items.at(-1)).toMatchObject({ month, out: 0, in: 1, accepted: 1 });
    expect((await api(town2, 'GET', `/transfers/monthly?orgId=${qinghe.id}`)).statusCode).toBe(403);
  });
});

describe('the printed letter (介绍信 with stub and receipt, and the 党员证明)', () => {
  it('either side reads the standard form’s fields; the ID number is masked unless revealed, and a reveal is audited', async () => {
    const m = await makeMember(env, qinghe.id, { name: '李打印' });
    const t = (await api(town, 'POST', '/transfers', letterBody(m.id))).json();
    const res = await api(town, 'GET', `/transfers/${t.id}/letter`);
    expect(res.statusCode, res.body).toBe(200);
    const letter = res.json();
    expect(letter).toMatchObject({
      letterNo: t.letterNo,
      issuedOn: t.issuedOn,
      validDays: 90,
      issuerName: '中共青山区清河镇委员会',
      fromOrgName: '清河镇转接测试党支部',
      toOrgName: '石桥镇转接测试党支部',
      memberName: '李打印',
      gender: '男',
      memberStatus: '正式党员',
      joinedOn: '2000-07-01',
      idNumberRevealed: false,
      canReveal: true,
    });
    expect(letter.idNumber).not.toBe(m.idNumber);
    expect(letter.idNumber).toContain('*');
    // the receiving side reads it too
    expect((await api(town2, 'GET', `/transfers/${t.id}/letter`)).statusCode).toBe(200);
    const full = (await api(town, 'GET', `/transfers/${t.id}/letter?reveal=true`)).json();
    expect(full).toMatchObject({ idNumber: m.idNumber, idNumberRevealed: true });
    const audits = await query<{ n: number }>(
      env,
      "select count(*)::int as n from audit_log where action = 'member.pii_viewed' and target_id = $1",
      [m.id],
    );
    expect(audits[0].n).toBe(1);
    // the receiving town may not see the full number of a member not yet theirs
    expect((await api(town2, 'GET', `/transfers/${t.id}/letter?reveal=true`)).statusCode).toBe(403);
  });
});

describe('returned, cancelled, expired', () => {
  it('the receiving side returns a letter only with a reason; the record stays; then it cannot be accepted', async () => {
    const { id: memberId } = await makeMember(env, qinghe.id);
    const t = (await api(town, 'POST', '/transfers', letterBody(memberId))).json();
    const bare = await api(town2, 'POST', `/transfers/${t.id}/return`, {});
    expect(bare.statusCode).toBe(400);
    expect(bare.json().error.details[0].path).toBe('reason');
    const res = await api(town2, 'POST', `/transfers/${t.id}/return`, { reason: '介绍信姓名与身份证不符' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'returned', returnReason: '介绍信姓名与身份证不符' });
    const [{ org_id }] = await query<{ org_id: number }>(env, 'select org_id from members where id = $1', [
      memberId,
    ]);
    expect(org_id).toBe(qinghe.id);
    const accept = await api(town2, 'POST', `/transfers/${t.id}/accept`);
    expect(accept.statusCode).toBe(409);
    expect(accept.json().error.message).toContain('已被退回（理由：介绍信姓名与身份证不符）');
    // and the sender may issue a new letter now
    expect((await api(town, 'POST', '/transfers', letterBody(memberId))).statusCode).toBe(201);
  });

  it('only the sending side cancels, while pending; a cancelled letter cannot be accepted', async () => {
    const { id: memberId } = await makeMember(env, qinghe.id);
    const t = (await api(town, 'POST', '/transfers', letterBody(memberId))).json();
    expect((await api(town2, 'POST', `/transfers/${t.id}/cancel`, {})).statusCode).toBe(403);
    const res = await api(town, 'POST', `/transfers/${t.id}/cancel`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('cancelled');
    const accept = await api(town2, 'POST', `/transfers/${t.id}/accept`);
    expect(accept.statusCode).toBe(409);
    expect(accept.json().error.message).toContain('撤回');
    expect((await api(town, 'POST', `/transfers/${t.id}/cancel`, {})).statusCode).toBe(409);
  });

  it('a letter past its validity is listed as overdue on both sides, and cannot be accepted', async () => {
    const { id: memberId } = await makeMember(env, qinghe.id);
    const t = (await api(town, 'POST', '/transfers', letterBody(memberId))).json();
    await query(
      env,
      'update transfers set valid_until = current_date - 3, issued_on = current_date - 93 where id = $1',
      [t.id],
    );
    const out = (await api(town, 'GET', `/transfers?side=out&orgId=${qinghe.id}&overdue=true`)).json();
    expect(out.items).toMatchObject([{ id: t.id, overdue: true, status: 'pending' }]);
    const inbox = (await api(town2, 'GET', '/transfers?side=in&overdue=true')).json();
    expect(ids(inbox)).toContain(t.id);
    const notOverdue = (
      await api(town, 'GET', `/transfers?side=out&orgId=${qinghe.id}&overdue=false`)
    ).json();
    expect(ids(notOverdue)).not.toContain(t.id);
    expect(out.items[0]).toMatchObject({ expired: true });
    const accept = await api(town2, 'POST', `/transfers/${t.id}/accept`);
    expect(accept.statusCode).toBe(409);
    expect(accept.json().error).toMatchObject({ code: 'transfer_expired' });
    expect(accept.json().error.message).toContain('介绍信已过有效期');
    expect(accept.json().error.message).toContain('证明');
    expect((await api(town2, 'POST', `/transfers/${t.id}/return`, { reason: '逾期未报到' })).statusCode).toBe(
      200,
    );
  });

  it('an expired letter is taken in on the sending branch’s certificate, which is kept and shown', async () => {
    const { id: memberId } = await makeMember(env, qinghe.id);
    const t = (await api(town, 'POST', '/transfers', letterBody(memberId))).json();
    await query(
      env,
      'update transfers set valid_until = current_date - 3, issued_on = current_date - 93 where id = $1',
      [t.id],
    );
    const note = '清河镇转接测试党支部出具证明：因住院超期报到';
    const res = await api(town2, 'POST', `/transfers/${t.id}/accept`, { certificateNote: note });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'accepted', expired: true, certificateNote: note });
    const [audit] = await query<{ after: { certificateNote: string } }>(
      env,
      "select after from audit_log where action = 'transfer.accepted' and target_id = $1",
      [t.id],
    );
    expect(audit.after.certificateNote).toBe(note);
  });
});

describe('what a letter must say', () => {
  let memberId: number;
  beforeAll(async () => {
    memberId = (await makeMember(env, qinghe.id)).id;
  });

  const refused = async (over: object, path: string, words: string) => {
    const res = await api(town, 'POST', '/transfers', letterBody(memberId, over));
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.details[0].path).toBe(path);
    expect(res.json().error.message).toContain(words);
  };

  it('internal names a branch of this deployment; an org outside it marked internal is refused on toOrgId', async () => {
    await refused({ toOrgId: undefined }, 'toOrgId', '系统内转接须选择本系统内的接收党支部');
    await refused({ toOrgId: undefined, toOrgName: '外省某党支部' }, 'toOrgId', '转出系统外');
    await refused({ toOrgId: '999999999' }, 'toOrgId', '接收党组织不在本系统内');
    await refused({ toOrgId: String(town2Id) }, 'toOrgId', '不是党支部');
    await refused({ toOrgId: String(qinghe.id) }, 'toOrgId', '就是该党员现在所在的党支部');
  });

  it('outgoing names the org outside by name only', async () => {
    await refused(
      { kind: 'outgoing', toOrgName: '外省某党支部' },
      'toOrgId',
      '转出系统外只填写接收党组织名称',
    );
    await refused({ kind: 'outgoing', toOrgId: undefined }, 'toOrgName', '须填写接收党组织名称');
  });

  it('letter numbers are generated: one after another for the issuing committee, never twice, even at the same moment', async () => {
    const others = await Promise.all([1, 2, 3, 4].map(() => makeMember(env, qinghe.id)));
    const made = await Promise.all(others.map((o) => api(town, 'POST', '/transfers', letterBody(o.id))));
    expect(made.map((r) => r.statusCode)).toEqual([201, 201, 201, 201]);
    const nos = made.map((r) => r.json().letterNo as string);
    expect(new Set(nos).size).toBe(4);
    const seqs = nos.map((n) => Number(n.split('-').at(-1))).sort((a, b) => a - b);
    expect(seqs.slice(1).map((n, i) => n - seqs[i])).toEqual([1, 1, 1]);
    // a number sent by the client is not taken
    const typed = await api(
      town,
      'POST',
      '/transfers',
      letterBody(memberId, { letterNo: '清组转〔2026〕900号' }),
    );
    expect(typed.statusCode).toBe(400);
  });

  it('the validity is at most the department’s longest, which is also the default', async () => {
    await refused({ validDays: 120 }, 'validDays', '最长 90 天');
    await query(env, "insert into settings (key, value) values ('members.transferLetterMaxDays', '30')");
    try {
      await refused({ validDays: 60 }, 'validDays', '最长 30 天');
      const other = (await makeMember(env, qinghe.id)).id;
      const res = await api(town, 'POST', '/transfers', letterBody(other));
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().validUntil).toBe(addDays(shanghaiToday(), 30));
    } finally {
      await query(env, "delete from settings where key = 'members.transferLetterMaxDays'");
    }
  });

  it('letters are for members: an applicant has none', async () => {
    const applicant = (await makeMember(env, qinghe.id, { status: 'applicant' })).id;
    const res = await api(town, 'POST', '/transfers', letterBody(applicant));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].path).toBe('memberId');
  });

  it('a town cannot issue a letter for another town’s member', async () => {
    const res = await api(town2, 'POST', '/transfers', letterBody(memberId, { toOrgId: String(shiqiao.id) }));
    expect(res.statusCode).toBe(403);
  });
});

describe('out of the deployment and back in', () => {
  let member: { id: number; idNumber: string };

  it('an outgoing letter is completed by the sending side, and the member leaves the deployment', async () => {
    member = await makeMember(env, qinghe.id, { name: '李外出' });
    const t = (
      await api(
        town,
        'POST',
        '/transfers',
        letterBody(member.id, { kind: 'outgoing', toOrgId: undefined, toOrgName: '中共某省某市某党支部' }),
      )
    ).json();
    expect(t).toMatchObject({ kind: 'outgoing', toOrgId: null, toOrgName: '中共某省某市某党支部' });
    expect((await api(town2, 'POST', `/transfers/${t.id}/accept`)).statusCode).toBe(403);
    const res = await api(town, 'POST', `/transfers/${t.id}/accept`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('accepted');
    expect((await api(town, 'GET', `/members/${member.id}`)).statusCode).toBe(404);
    const [{ left_at }] = await query<{ left_at: Date | null }>(
      env,
      'select left_at from members where id = $1',
      [member.id],
    );
    expect(left_at).not.toBeNull();
  });

  const arrival = (idNumber: string, birthDate: string, name: string) => ({
    name,
    gender: 'male',
    ethnicity: '汉族',
    idNumber,
    birthDate,
    education: '大学本科',
    status: 'full',
    joinedOn: '2010-07-01',
    fullOn: '2011-07-01',
    orgId: String(shiqiao.id),
    fromOrgName: '中共外省某县某镇委员会',
    letterNo: '外组转〔2026〕18号',
    issuedOn: addDays(shanghaiToday(), -10),
    validUntil: addDays(shanghaiToday(), 80),
    duesPaidUntil: '2026-09',
    reason: '回乡创业',
  });

  it('the receiving branch registers a member from outside: a new record and an accepted incoming transfer', async () => {
    const idNumber = makeIdCard('330102', '1988-04-12', 317, 'male');
    const res = await api(town2, 'POST', '/transfers/incoming', arrival(idNumber, '1988-04-12', '赵回乡'));
    expect(res.statusCode, res.body).toBe(201);
    const t = res.json();
    expect(t).toMatchObject({
      kind: 'incoming',
      status: 'accepted',
      fromOrgId: null,
      fromOrgName: '中共外省某县某镇委员会',
      toOrgId: String(shiqiao.id),
      memberName: '赵回乡',
      // the letter keeps its own date and validity
      issuedOn: addDays(shanghaiToday(), -10),
      validUntil: addDays(shanghaiToday(), 80),
      expired: false,
      receiptDueOn: addMonthsToDate(shanghaiToday(), 1),
      can: { receipt: true, print: false },
    });
    const [{ dues_from_month }] = await query<{ dues_from_month: string }>(
      env,
      'select dues_from_month from members where id = $1',
      [t.memberId],
    );
    expect(dues_from_month).toBe('2026-10');
    const m = (await api(town2, 'GET', `/members/${t.memberId}`)).json();
    expect(m).toMatchObject({ name: '赵回乡', orgId: String(shiqiao.id), status: 'full' });
    const inbox = (await api(town2, 'GET', `/transfers?side=in&orgId=${shiqiao.id}`)).json();
    expect(inbox.items.find((x: T) => x.id === t.id)).toMatchObject({ kind: 'incoming' });
    const history = (await api(town2, 'GET', `/members/${t.memberId}/history`)).json();
    expect(history.items[0].source).toBe('transfer');
  });

  it('the record is checked as any new one, and an ID already on record is refused', async () => {
    const idNumber = makeIdCard('330102', '1988-04-12', 319, 'male');
    const bad = await api(town2, 'POST', '/transfers/incoming', arrival(idNumber, '1988-04-13', '钱不符'));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('birthDate');
    const someoneHere = await makeMember(env, qinghe.id);
    const [{ b }] = await query<{ b: string }>(
      env,
      "select to_char(birth_date, 'YYYY-MM-DD') as b from members where id = $1",
      [someoneHere.id],
    );
    const dup = await api(town2, 'POST', '/transfers/incoming', arrival(someoneHere.idNumber, b, '重复者'));
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('duplicate_id_number');
  });

  it('someone who left and comes back gets their old record back, in the new branch', async () => {
    const [{ b }] = await query<{ b: string }>(
      env,
      "select to_char(birth_date, 'YYYY-MM-DD') as b from members where id = $1",
      [member.id],
    );
    const res = await api(town2, 'POST', '/transfers/incoming', arrival(member.idNumber, b, '李外出'));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().memberId).toBe(String(member.id));
    const m = (await api(town2, 'GET', `/members/${member.id}`)).json();
    expect(m).toMatchObject({ orgId: String(shiqiao.id), status: 'full' });
    const history = (await api(town2, 'GET', `/members/${member.id}/history`)).json();
    expect(history.items[0]).toMatchObject({ source: 'transfer' });
    expect(history.items[0].changes.leftAt[1]).toBeNull();
  });

  it('an expired letter from outside is registered only on a certificate, and is seen as expired', async () => {
    const idNumber = makeIdCard('330102', '1987-05-06', 415, 'male');
    const old = {
      ...arrival(idNumber, '1987-05-06', '孙超期'),
      issuedOn: addDays(shanghaiToday(), -120),
      validUntil: addDays(shanghaiToday(), -30),
    };
    const bare = await api(town2, 'POST', '/transfers/incoming', old);
    expect(bare.statusCode).toBe(400);
    expect(bare.json().error.details[0].path).toBe('certificateNote');
    const res = await api(town2, 'POST', '/transfers/incoming', {
      ...old,
      certificateNote: '原党支部出具证明',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      issuedOn: old.issuedOn,
      validUntil: old.validUntil,
      expired: true,
      certificateNote: '原党支部出具证明',
    });
    const backwards = await api(town2, 'POST', '/transfers/incoming', {
      ...arrival(makeIdCard('330102', '1987-05-07', 417, 'male'), '1987-05-07', '周倒序'),
      validUntil: addDays(shanghaiToday(), -20),
    });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error.details[0].path).toBe('validUntil');
  });

  it('a town cannot register an arrival into another town’s branch', async () => {
    const idNumber = makeIdCard('330102', '1990-02-03', 211, 'male');
    const res = await api(town, 'POST', '/transfers/incoming', arrival(idNumber, '1990-02-03', '孙越界'));
    expect(res.statusCode).toBe(403);
  });
});

describe("the member's login follows the record", () => {
  it('on accept, the account moves to the receiving branch: the old town can no longer reset it or read the record', async () => {
    const m = await makeMember(env, qinghe.id, { name: '带账号转接' });
    // the member logs in with an account of their own, and was this branch's secretary
    const account = await makeUser(env, { orgId: qinghe.id, role: 'member' });
    await query(env, "insert into role_grants (user_id, role, org_id) values ($1, 'secretary', $2)", [
      account.id,
      qinghe.id,
    ]);
    await query(env, 'update members set user_id = $1 where id = $2', [account.id, m.id]);
    const sent = await api(town, 'POST', '/transfers', letterBody(m.id));
    expect(sent.statusCode, sent.body).toBe(201);
    const accepted = await api(town2, 'POST', `/transfers/${sent.json().id}/accept`);
    expect(accepted.statusCode, accepted.body).toBe(200);

    const [u] = await query<{ org_id: number }>(env, 'select org_id from users where id = $1', [account.id]);
    expect(Number(u.org_id)).toBe(shiqiao.id);
    const grants = await query<{ role: string; org_id: number }>(
      env,
      'select role, org_id from role_grants where user_id = $1 order by role',
      [account.id],
    );
    expect(grants.map((g) => [g.role, Number(g.org_id)])).toEqual([['member', shiqiao.id]]);
    // the old town's admin: the account and the record are out of reach now
    const reset = await api(town, 'POST', `/users/${account.id}/reset-password`, {
      password: 'Takeover#2026',
    });
    expect(reset.statusCode, reset.body).toBe(403);
    expect((await api(town, 'GET', `/members/${m.id}`)).statusCode).toBe(403);
    // the new town's admin reaches both
    expect((await api(town2, 'GET', `/users/${account.id}`)).statusCode).toBe(200);
    const [audit] = await query<{ after: { account: { rolesEnded: string[] } } }>(
      env,
      "select after from audit_log where action = 'transfer.accepted' and target_id = $1",
      [sent.json().id],
    );
    expect(audit.after.account.rolesEnded).toEqual(['secretary']);
  });

  it('out of the deployment: an account left with no role is disabled and signed out', async () => {
    const m = await makeMember(env, qinghe.id, { name: '带账号转出' });
    const account = await makeUser(env, { orgId: qinghe.id, role: 'member' });
    await query(env, 'update members set user_id = $1 where id = $2', [account.id, m.id]);
    const own = await login(env, account.username);
    const sent = await api(
      town,
      'POST',
      '/transfers',
      letterBody(m.id, { kind: 'outgoing', toOrgId: null, toOrgName: '外省某党支部' }),
    );
    expect(sent.statusCode, sent.body).toBe(201);
    expect((await api(town, 'POST', `/transfers/${sent.json().id}/accept`)).statusCode).toBe(200);
    const [u] = await query<{ disabled: boolean }>(env, 'select disabled from users where id = $1', [
      account.id,
    ]);
    expect(u.disabled).toBe(true);
    expect((await api(own, 'GET', '/auth/me')).statusCode).toBe(401);
  });
});

describe('the dues standard history starts at arrival', () => {
  const standards = (memberId: number | string) =>
    query<{ from_month: string; category: string; standard_fen: number }>(
      env,
      'select from_month, category, standard_fen from dues_standards where member_id = $1 order by from_month',
      [memberId],
    );

  it('given a farmer member with a standard, when the receiving town accepts the letter, then the history has the standard from the month dues are counted on', async () => {
    const { id } = await makeMember(env, qinghe.id, { name: '韩标准' });
    await query(
      env,
      "update members set dues_category = 'farmer', dues_standard_fen = 300, joined_on = '2010-07-01' where id = $1",
      [id],
    );
    const made = await api(town, 'POST', '/transfers', letterBody(id));
    expect(made.statusCode, made.body).toBe(201);
    expect(await standards(id)).toEqual([]);
    const res = await api(town2, 'POST', `/transfers/${made.json().id}/accept`);
    expect(res.statusCode, res.body).toBe(200);
    const [{ dues_from_month }] = await query<{ dues_from_month: string }>(
      env,
      'select dues_from_month from members where id = $1',
      [id],
    );
    expect(await standards(id)).toEqual([
      { from_month: dues_from_month, category: 'farmer', standard_fen: 300 },
    ]);
  });

  it('a member without a standard arrives without a history: a record-quality problem, not an invented figure', async () => {
    const { id } = await makeMember(env, qinghe.id, { name: '杨无标准' });
    const made = await api(town, 'POST', '/transfers', letterBody(id));
    await api(town2, 'POST', `/transfers/${made.json().id}/accept`);
    expect(await standards(id)).toEqual([]);
  });

  it('a member registered from outside gets the standard of their category from the month after "dues paid until"', async () => {
    const idNumber = makeIdCard('330102', '1986-05-20', 411, 'male');
    const res = await api(town2, 'POST', '/transfers/incoming', {
      name: '褚外来',
      gender: 'male',
      ethnicity: '汉族',
      idNumber,
      birthDate: '1986-05-20',
      education: '大学本科',
      status: 'full',
      joinedOn: '2010-07-01',
      fullOn: '2011-07-01',
      duesCategory: 'farmer',
      orgId: String(shiqiao.id),
      fromOrgName: '中共外省某县某镇委员会',
      letterNo: '外组转〔2026〕31号',
      issuedOn: addDays(shanghaiToday(), -10),
      validUntil: addDays(shanghaiToday(), 80),
      duesPaidUntil: shanghaiMonth(),
      reason: '回乡创业',
    });
    expect(res.statusCode, res.body).toBe(201);
    const memberId = res.json().memberId;
    const [m] = await query<{ dues_from_month: string; dues_standard_fen: number }>(
      env,
      'select dues_from_month, dues_standard_fen from members where id = $1',
      [memberId],
    );
    expect(m.dues_from_month).toBe(addMonthsToMonth(shanghaiMonth(), 1));
    expect(m.dues_standard_fen).toBeGreaterThan(0);
    expect(await standards(memberId)).toEqual([
      { from_month: m.dues_from_month, category: 'farmer', standard_fen: m.dues_standard_fen },
    ]);
  });
});

describe('letter numbers and receipts at the same moment', () => {
  it('the database itself refuses a letter number issued twice; letters from outside may repeat one', async () => {
    const a = await makeMember(env, qinghe.id);
    const b = await makeMember(env, qinghe.id);
    const made = await api(town, 'POST', '/transfers', letterBody(a.id));
    expect(made.statusCode, made.body).toBe(201);
    const letterNo = made.json().letterNo as string;
    const insert = (memberId: number, kind: string) =>
      query(
        env,
        `insert into transfers (kind, status, member_id, from_org_id, from_org_name, to_org_id, to_org_name,
                                letter_no, issued_on, valid_until, dues_paid_until, reason)
         values ($2, 'returned', $1, $3, '清河', $4, '石桥', $5, current_date, current_date + 30, '2026-01', '测试')`,
        [memberId, kind, qinghe.id, shiqiao.id, letterNo],
      );
    await expect(insert(b.id, 'internal')).rejects.toThrow(/transfers_letter_no_key/);
    await expect(insert(b.id, 'incoming')).resolves.toBeDefined();
  });

  it('two letters issued at once by the same committee get two numbers', async () => {
    const [a, b] = await Promise.all([makeMember(env, qinghe.id), makeMember(env, qinghe.id)]);
    const made = await Promise.all([
      api(town, 'POST', '/transfers', letterBody(a.id)),
      api(town, 'POST', '/transfers', letterBody(b.id)),
    ]);
    expect(made.map((r) => r.statusCode)).toEqual([201, 201]);
    expect(made[0].json().letterNo).not.toBe(made[1].json().letterNo);
  });

  it('the receipt sent twice at the same moment: exactly one is recorded, the other is a 409 saying when', async () => {
    const { id } = await makeMember(env, qinghe.id);
    const made = await api(town, 'POST', '/transfers', letterBody(id));
    const tid = made.json().id as string;
    expect((await api(town2, 'POST', `/transfers/${tid}/accept`)).statusCode).toBe(200);
    const today = shanghaiToday();
    const answers = await Promise.all([
      api(town2, 'POST', `/transfers/${tid}/receipt`, { receiptOn: today }),
      api(town2, 'POST', `/transfers/${tid}/receipt`, { receiptOn: today }),
    ]);
    expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const lost = answers.find((r) => r.statusCode === 409)!;
    expect(lost.json().error).toMatchObject({ code: 'receipt_recorded' });
    expect(lost.json().error.message).toContain(`回执已于 ${today} 登记`);
    const [a] = await query<{ n: number }>(
      env,
      "select count(*)::int as n from audit_log where action = 'transfer.receipt_recorded' and target_id = $1",
      [tid],
    );
    expect(a.n).toBe(1);
  });
});
