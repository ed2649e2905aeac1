import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, makeUser } from '../../../../test/fixtures.ts';
import { login, orgId, query, type Session, type TestEnv, testEnv } from '../../../../test/harness.ts';
import { makeIdCard } from '../record/id-card.ts';
import { bind } from '../../../platform/pii/index.ts';

let env: TestEnv;
let town: Session;
let town2Admin: Session;
let town1: number;

beforeAll(async () => {
  env = await testEnv();
  town = await login(env, 'town_admin');
  town2Admin = await login(env, 'town2_admin');
  town1 = await orgId(env, '中共青山区清河镇委员会');
});
afterAll(() => env.close());

const api = (s: Session, method: string, url: string, payload?: object) =>
  env.app.inject({ method: method as 'GET', url: `/api/v1${url}`, payload, headers: s.headers });

let seq = 40;
/** A member of `branch` entered through the records API, with an account of their own. */
async function memberWithAccount(branch: number) {
  seq += 2;
  const birthDate = `1982-05-${String(seq % 28).padStart(2, '0')}`;
  const res = await api(town, 'POST', '/members', {
    name: '孙丽',
    gender: 'female',
    ethnicity: '汉族',
    idNumber: makeIdCard('440306', birthDate, seq, 'female'),
    birthDate,
    education: '大学专科',
    status: 'full',
    joinedOn: '2008-07-01',
    fullOn: '2009-07-01',
    orgId: String(branch),
    phone: '13611112222',
    workUnit: '清河镇供销社',
  });
  expect(res.statusCode, res.body).toBe(201);
  const user = await makeUser(env, { orgId: branch, role: 'member' });
  await query(env, 'update members set user_id = $1 where id = $2', [user.id, res.json().id]);
  return { memberId: res.json().id as string, session: await login(env, user.username) };
}

describe('a member’s own record and corrections', () => {
  let branch: number;
  let secretary: Session;
  let member: { memberId: string; session: Session };

  beforeAll(async () => {
    branch = (await makeOrg(env, town1, 'branch', '更正测试党支部')).id;
    const sec = await makeUser(env, { orgId: branch, role: 'secretary' });
    secretary = await login(env, sec.username);
    member = await memberWithAccount(branch);
  });

  it('shows the member their own record, personal data masked', async () => {
    const res = await api(member.session, 'GET', '/me/member');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: member.memberId, name: '孙丽', phone: '136****2222' });
    expect(res.json().idNumber).toMatch(/^4403\*{10}\d{3}[\dX]$/);
    // an account not linked to a record is told so; an admin is not a member
    const lone = await makeUser(env, { orgId: branch, role: 'member' });
    const unlinked = await api(await login(env, lone.username), 'GET', '/me/member');
    expect(unlinked.statusCode).toBe(404);
    expect(unlinked.json().error.code).toBe('no_member_record');
    expect((await api(town, 'GET', '/me/member')).statusCode).toBe(403);
  });

  it('a member asks to correct their phone; the secretary approves; the record changes, and its history says correction', async () => {
    const asked = await api(member.session, 'POST', '/me/corrections', {
      field: 'phone',
      value: '13912345678',
      reason: '换了新号码',
    });
    expect(asked.statusCode, asked.body).toBe(201);
    const c = asked.json();
    expect(c).toMatchObject({ field: 'phone', value: '139****5678', status: 'pending' });
    // stored encrypted, like the record's own phone
    const [row] = await query<{ value: string }>(env, 'select value from corrections where id = $1', [c.id]);
    expect(row.value).not.toContain('13912345678');
    expect(env.pii.decrypt(row.value, bind('corrections', 'value', c.id))).toBe('13912345678');

    // one open request per field
    const again = await api(member.session, 'POST', '/me/corrections', {
      field: 'phone',
      value: '13912345679',
      reason: '再改',
    });
    expect(again.statusCode).toBe(409);

    // the reviewer sees what is replaced by what: the old phone masked like the new one
    const queue = (await api(secretary, 'GET', '/corrections?status=pending')).json().items;
    expect(queue.find((x: { id: string }) => x.id === c.id)).toMatchObject({
      previousValue: '136****2222',
      value: '139****5678',
    });

    const approved = await api(secretary, 'POST', `/corrections/${c.id}/approve`);
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'approved', decisionReason: null });
    expect(approved.json().decidedAt).toBeTruthy();

    const record = (await api(secretary, 'GET', `/members/${member.memberId}`)).json();
    expect(record.phone).toBe('139****5678');
    const history = (await api(secretary, 'GET', `/members/${member.memberId}/history`)).json().items;
    expect(history[0]).toMatchObject({
      source: 'correction',
      changes: { phone: ['136****2222', '139****5678'] },
    });
    const [m] = await query<{ phone_enc: string }>(env, 'select phone_enc from members where id = $1', [
      member.memberId,
    ]);
    expect(env.pii.decrypt(m.phone_enc, bind('members', 'phone', member.memberId))).toBe('13912345678');
    const audit = await query<{ after: Record<string, unknown> }>(
      env,
      "select after from audit_log where action = 'member.correction_approved' and target_id = $1",
      [member.memberId],
    );
    expect(audit[0].after).toMatchObject({ correctionId: Number(c.id), phone: '139****5678' });

    // decided once only
    expect((await api(secretary, 'POST', `/corrections/${c.id}/approve`)).statusCode).toBe(409);
    expect((await api(member.session, 'GET', '/me/corrections')).json().items[0].status).toBe('approved');
  });

  it('the secretary sends a request back with a reason the member reads; the record stays as it was', async () => {
    const c = (
      await api(member.session, 'POST', '/me/corrections', {
        field: 'workUnit',
        value: '清河镇人民政府',
        reason: '调动工作',
      })
    ).json();
    // a field that is not personal data shows as it was
    expect(c).toMatchObject({ previousValue: '清河镇供销社', value: '清河镇人民政府' });
    const res = await api(secretary, 'POST', `/corrections/${c.id}/reject`, { reason: '请先办理调动手续' });
    expect(res.statusCode, res.body).toBe(200);
    const mine = (await api(member.session, 'GET', '/me/corrections')).json().items;
    expect(mine.find((x: { id: string }) => x.id === c.id)).toMatchObject({
      status: 'rejected',
      decisionReason: '请先办理调动手续',
    });
    expect((await api(secretary, 'GET', `/members/${member.memberId}`)).json().workUnit).toBe('清河镇供销社');
  });

  it('checks the value as the record form would, naming the field', async () => {
    for (const [field, value] of [
      ['education', '博士后'],
      ['phone', '12345'],
      ['name', '孙丽'], // the same as now
    ]) {
      const res = await api(member.session, 'POST', '/me/corrections', { field, value, reason: '测试' });
      expect(res.statusCode, `${field} ${value}`).toBe(400);
      expect(res.json().error.details[0].path).toBe('value');
    }
    const res = await api(member.session, 'POST', '/me/corrections', {
      field: 'idNumber',
      value: '440306198205010000',
      reason: '测试',
    });
    expect(res.statusCode).toBe(400); // not a field a member may ask to change
  });

  it('another town’s admin neither sees nor decides the branch’s requests', async () => {
    const c = (
      await api(member.session, 'POST', '/me/corrections', {
        field: 'ethnicity',
        value: '满族',
        reason: '登记有误',
      })
    ).json();
    expect((await api(town2Admin, 'GET', `/corrections?orgId=${branch}`)).statusCode).toBe(403);
    const theirs = (await api(town2Admin, 'GET', '/corrections')).json().items;
    expect(theirs.map((x: { id: string }) => x.id)).not.toContain(c.id);
    expect((await api(town2Admin, 'POST', `/corrections/${c.id}/approve`)).statusCode).toBe(403);
    expect(
      (await api(town2Admin, 'POST', `/corrections/${c.id}/reject`, { reason: '无权' })).statusCode,
    ).toBe(403);
    // the town above the branch may
    expect((await api(town, 'POST', `/corrections/${c.id}/approve`)).statusCode).toBe(200);
  });

  it('an admin cannot approve a correction of their own record', async () => {
    const self = await memberWithAccount(branch);
    const [{ id: userId }] = await query<{ id: number }>(
      env,
      'select user_id as id from members where id = $1',
      [self.memberId],
    );
    await query(env, "insert into role_grants (user_id, role, org_id) values ($1, 'secretary', $2)", [
      userId,
      branch,
    ]);
    const c = (
      await api(self.session, 'POST', '/me/corrections', {
        field: 'degree',
        value: '学士',
        reason: '补录学位',
      })
    ).json();
    expect(c.previousValue).toBeNull(); // the record had no degree
    const res = await api(self.session, 'POST', `/corrections/${c.id}/approve`);
    expect(res.statusCode).toBe(403);
  });

  it('a correction never overwrites an edit made after the member asked: approval is refused with 409', async () => {
    const m = await memberWithAccount(branch);
    const c = (
      await api(m.session, 'POST', '/me/corrections', {
        field: 'workUnit',
        value: '会员自报单位',
        reason: '调岗',
      })
    ).json();
    // the branch meanwhile edits the same field through the record form
    const record = (await api(town, 'GET', `/members/${m.memberId}`)).json();
    const edit = await api(town, 'PATCH', `/members/${m.memberId}`, {
      workUnit: '支部核实的单位',
      version: record.version,
    });
    expect(edit.statusCode, edit.body).toBe(200);
    const res = await api(secretary, 'POST', `/corrections/${c.id}/approve`);
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().error.code).toBe('correction_stale');
    expect((await api(town, 'GET', `/members/${m.memberId}`)).json().workUnit).toBe('支部核实的单位');
    // a request on a field no one touched since is approved as before
    const phone = (
      await api(m.session, 'POST', '/me/corrections', {
        field: 'phone',
        value: '13700001111',
        reason: '换号',
      })
    ).json();
    expect((await api(secretary, 'POST', `/corrections/${phone.id}/approve`)).statusCode).toBe(200);
  });

  it('each request says what the caller may do with it', async () => {
    const m = await memberWithAccount(branch);
    const c = (
      await api(m.session, 'POST', '/me/corrections', {
        field: 'ethnicity',
        value: '回族',
        reason: '登记有误',
      })
    ).json();
    expect(c.can).toEqual({ approve: false, reject: false }); // the member's own request
    const listed = (await api(secretary, 'GET', `/corrections?orgId=${branch}`)).json().items;
    expect(listed.find((x: { id: string }) => x.id === c.id).can).toEqual({ approve: true, reject: true });
  });
});
