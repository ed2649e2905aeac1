import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeMember, makeOrg } from '../../../../test/fixtures.ts';
import { login, orgId, query, type Session, type TestEnv, testEnv } from '../../../../test/harness.ts';

// The record form and what it leaves to others (流动党员 to its periods), and the history said in
// words (入党介绍人、培养联系人 by name).

let env: TestEnv;
let town: Session;
let branch: number;

beforeAll(async () => {
  env = await testEnv();
  town = await login(env, 'town_admin');
  branch = (await makeOrg(env, await orgId(env, '中共青山区清河镇委员会'), 'branch', '档案测试党支部')).id;
});
afterAll(() => env.close());

const api = (s: Session, method: string, url: string, payload?: object) =>
  env.app.inject({ method: method as 'GET', url: `/api/v1${url}`, payload, headers: s.headers });

const versionOf = async (id: number) =>
  (await query<{ version: number }>(env, 'select version from members where id = $1', [id]))[0].version;

describe('流动党员 is kept by its periods, not by the record form', () => {
  it('an edit that turns a member mobile is refused naming the field, pointing to 流动党员; nothing is written', async () => {
    const { id } = await makeMember(env, branch);
    const version = await versionOf(id);
    const res = await api(town, 'PATCH', `/members/${id}`, {
      version,
      mobile: true,
      mobileLocation: '广东省深圳市',
      workUnit: '深圳某公司',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].path).toBe('mobile');
    expect(res.json().error.message).toContain('流动党员');
    expect(await versionOf(id)).toBe(version);
    const [m] = await query<{ mobile: boolean; work_unit: string | null }>(
      env,
      'select mobile, work_unit from members where id = $1',
      [id],
    );
    expect(m).toEqual({ mobile: false, work_unit: null });
  });

  it('nor can the place of a mobile member be changed there', async () => {
    const { id } = await makeMember(env, branch);
    await query(env, "update members set mobile = true, mobile_location = '广东省深圳市' where id = $1", [
      id,
    ]);
    const res = await api(town, 'PATCH', `/members/${id}`, {
      version: await versionOf(id),
      mobileLocation: '浙江省杭州市',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].path).toBe('mobileLocation');
  });

  it('a form that sends them unchanged saves its other fields', async () => {
    const { id } = await makeMember(env, branch);
    const res = await api(town, 'PATCH', `/members/${id}`, {
      version: await versionOf(id),
      mobile: false,
      mobileLocation: null,
      workUnit: '清河镇农技站',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ workUnit: '清河镇农技站', mobile: false });
  });
});

describe('a member’s history names the sponsors and cultivation contacts', () => {
  it('given a candidate whose sponsors were named and then one replaced, the history shows their names, not record ids', async () => {
    const candidate = await makeMember(env, branch, { name: '发展对象甲', status: 'candidate' });
    const a = await makeMember(env, branch, { name: '介绍人甲' });
    const b = await makeMember(env, branch, { name: '介绍人乙' });
    const c = await makeMember(env, branch, { name: '联系人丙' });
    const first = await api(town, 'PATCH', `/members/${candidate.id}/pipeline`, {
      sponsorIds: [String(a.id), String(b.id)],
      cultivationContactIds: [String(c.id)],
    });
    expect(first.statusCode, first.body).toBe(200);
    const second = await api(town, 'PATCH', `/members/${candidate.id}/pipeline`, {
      sponsorIds: [String(a.id), String(c.id)],
    });
    expect(second.statusCode, second.body).toBe(200);
    const history = (await api(town, 'GET', `/members/${candidate.id}/history`)).json();
    const people = history.items
      .filter((h: { changes: object }) => 'sponsorIds' in h.changes)
      .map((h: { changes: Record<string, unknown> }) => h.changes);
    expect(people).toEqual([
      {
        sponsorIds: [
          ['介绍人甲', '介绍人乙'],
          ['介绍人甲', '联系人丙'],
        ],
      },
      { sponsorIds: [[], ['介绍人甲', '介绍人乙']], cultivationContactIds: [[], ['联系人丙']] },
    ]);
    // what is stored stays the ids it was written with
    const [raw] = await query<{ changes: { sponsorIds: unknown[][] } }>(
      env,
      "select changes from member_history where member_id = $1 and changes ? 'sponsorIds' order by id desc limit 1",
      [candidate.id],
    );
    expect(raw.changes.sponsorIds[1].map(String)).toEqual([String(a.id), String(c.id)]);
  });
});
