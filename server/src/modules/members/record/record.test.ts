import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeMember, makeOrg, makeUser } from '../../../../test/fixtures.ts';
import { login, orgId, query, type Session, type TestEnv, testEnv } from '../../../../test/harness.ts';
import { makeIdCard } from './id-card.ts';
import { DUPLICATES_ELSEWHERE_PER_DAY } from './store.ts';
import { bind } from '../../../platform/pii/index.ts';

let env: TestEnv;
let town: Session;
let admin: Session;
let secretary: Session;
let town1: number;
let town2: number;
let branch: number;

beforeAll(async () => {
  env = await testEnv();
  town = await login(env, 'town_admin');
  admin = await login(env, 'admin');
  secretary = await login(env, 'secretary');
  town1 = await orgId(env, '中共青山区清河镇委员会');
  town2 = await orgId(env, '中共青山区石桥镇委员会');
  branch = (await makeOrg(env, town1, 'branch', '测试党支部')).id;
});
afterAll(() => env.close());

const api = (s: Session, method: string, url: string, payload?: object) =>
  env.app.inject({ method: method as 'GET', url: `/api/v1${url}`, payload, headers: s.headers });

let seq = 500;
function newMember(over: Record<string, unknown> = {}) {
  seq += 2;
  const birthDate = `1978-10-2${seq % 9}`;
  return {
    name: '周建华',
    gender: 'male',
    ethnicity: '汉族',
    idNumber: makeIdCard('330106', birthDate, seq, 'male'),
    birthDate,
    education: '大学本科',
    degree: '学士',
    status: 'full',
    joinedOn: '2003-06-18',
    fullOn: '2004-06-20',
    orgId: String(branch),
    phone: '13612345678',
    duesCategory: 'salaried',
    monthlyIncomeFen: 650_000,
    ...over,
  };
}

/** A valid new-member body whose ID number (and so birth date) is `idNumber`'s. */
const sameIdAs = (idNumber: string) => ({
  ...newMember(),
  idNumber,
  birthDate: `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`,
});

describe('member records', () => {
  it('creates a record with the dues standard computed, ID and phone encrypted at rest and masked in answers', async () => {
    const input = newMember();
    const res = await api(town, 'POST', '/members', input);
    expect(res.statusCode, res.body).toBe(201);
    const m = res.json();
    expect(m.idNumber).toBe(`${input.idNumber.slice(0, 4)}**********${input.idNumber.slice(-4)}`);
    expect(m.phone).toBe('136****5678');
    expect(m.duesStandardFen).toBe(9750); // 6,500 yuan × 1.5%
    const [row] = await query<{ id_number_enc: string; phone_enc: string }>(
      env,
      'select id_number_enc, phone_enc from members where id = $1',
      [m.id],
    );
    expect(row.id_number_enc).not.toContain(input.idNumber.slice(6, 14));
    expect(env.pii.decrypt(row.id_number_enc, bind('members', 'id_number', m.id))).toBe(input.idNumber);
  });

  it('refuses bad records naming each field, and writes nothing', async () => {
    const [{ n: before }] = await query<{ n: number }>(env, 'select count(*)::int as n from members');
    const good = newMember();
    const cases: [Record<string, unknown>, string][] = [
      [{ idNumber: good.idNumber.slice(0, 17) + (good.idNumber[17] === '1' ? '2' : '1') }, 'idNumber'],
      [{ idNumber: '330106197802301234', birthDate: '1978-02-28' }, 'idNumber'], // 30 February
      [{ joinedOn: '1995-01-01', fullOn: '1996-01-02' }, 'joinedOn'],
      [{ fullOn: '2003-01-01' }, 'fullOn'],
      [{ phone: '1234567' }, 'phone'],
      [{ birthDate: '1978-10-01' }, 'birthDate'],
    ];
    for (const [over, field] of cases) {
      const res = await api(town, 'POST', '/members', { ...good, ...over });
      expect(res.statusCode, JSON.stringify(over)).toBe(400);
      expect(res.json().error.details.map((d: { path: string }) => d.path)).toContain(field);
    }
    const [{ n: after }] = await query<{ n: number }>(env, 'select count(*)::int as n from members');
    expect(after).toBe(before);
  });

  it('says which field is wrong in the words of the form: 姓名, not the name of an org, nor an identifier', async () => {
    const shape = await api(town, 'POST', '/members', { ...newMember(), name: '', phone: '123' });
    expect(shape.json().error.message).toContain('姓名（name）');
    expect(shape.json().error.message).toContain('手机号（phone）');
    const good = newMember();
    const rule = await api(town, 'POST', '/members', {
      ...good,
      joinedOn: '1990-01-01',
      fullOn: '1991-01-02',
    });
    expect(rule.json().error.message).toMatch(/^入党日期：/);
  });

  it('the same ID number already in another org is a 409 that does not name an org outside the scope', async () => {
    const other = await makeMember(env, town2);
    const dup = await api(town, 'POST', '/members', sameIdAs(other.idNumber));
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.message).toContain('其他党组织');
    expect(dup.json().error.message).not.toMatch(/石桥|town2/);
    expect(dup.json().error.details[0].path).toBe('idNumber');
    // the probe is on record for the department, the ID number masked
    const [probe] = await query<{ after: { idNumber: string } }>(
      env,
      "select after from audit_log where action = 'member.duplicate_elsewhere' order by id desc limit 1",
    );
    expect(probe.after.idNumber).toBe(`${other.idNumber.slice(0, 4)}**********${other.idNumber.slice(-4)}`);
  });

  it('asking whether ID numbers are on record outside one’s reach is bounded per day, then refused with 429', async () => {
    const prober = await makeUser(env, { orgId: town1, role: 'org_admin' });
    const s = await login(env, prober.username);
    const others = await Promise.all(
      Array.from({ length: DUPLICATES_ELSEWHERE_PER_DAY + 1 }, () => makeMember(env, town2)),
    );
    const answers: number[] = [];
    for (const o of others) answers.push((await api(s, 'POST', '/members', sameIdAs(o.idNumber))).statusCode);
    expect(answers.slice(0, DUPLICATES_ELSEWHERE_PER_DAY).every((c) => c === 409)).toBe(true);
    expect(answers.at(-1)).toBe(429);
    // a duplicate inside the reach is still named, whatever the bound
    const mine = await makeMember(env, town1);
    const own = await api(s, 'POST', '/members', sameIdAs(mine.idNumber));
    expect(own.statusCode).toBe(409);
    expect(own.json().error.message).toContain('“');
  });

  it('members belong to a branch, and only inside the admin’s scope', async () => {
    expect(
      (await api(town, 'POST', '/members', newMember({ orgId: String(town1) }))).json().error.message,
    ).toContain('党支部');
    const otherBranch = (await makeOrg(env, town2, 'branch')).id;
    expect((await api(town, 'POST', '/members', newMember({ orgId: String(otherBranch) }))).statusCode).toBe(
      403,
    );
  });

  it('keeps every edit as history, personal data masked', async () => {
    const created = (await api(town, 'POST', '/members', newMember())).json();
    const res = await api(town, 'PATCH', `/members/${created.id}`, {
      workUnit: '清河镇人民政府',
      phone: '13987654321',
      version: created.version,
    });
    expect(res.statusCode, res.body).toBe(200);
    const history = (await api(town, 'GET', `/members/${created.id}/history`)).json().items;
    expect(history[0]).toMatchObject({
      source: 'edit',
      changes: { workUnit: [null, '清河镇人民政府'], phone: ['136****5678', '139****4321'] },
    });
    expect(history.at(-1).source).toBe('create');
    expect(JSON.stringify(history)).not.toContain('13987654321');
  });

  it('an edit made on an older version is refused with 409 and changes nothing: no lost update', async () => {
    const created = (await api(town, 'POST', '/members', newMember())).json();
    expect(created.version).toBe(1);
    // two admins open the same record; the first saves
    const first = await api(town, 'PATCH', `/members/${created.id}`, {
      workUnit: '先保存的单位',
      version: 1,
    });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().version).toBe(2);
    // the second saves on what they saw: refused, the first edit stays
    const second = await api(admin, 'PATCH', `/members/${created.id}`, {
      workUnit: '后保存的单位',
      version: 1,
    });
    expect(second.statusCode, second.body).toBe(409);
    expect(second.json().error.code).toBe('stale_record');
    expect(second.json().error.message).toContain('已被他人修改');
    const now = (await api(town, 'GET', `/members/${created.id}`)).json();
    expect(now.workUnit).toBe('先保存的单位');
    // without a version the edit is refused, naming the field
    const bare = await api(town, 'PATCH', `/members/${created.id}`, { workUnit: 'x' });
    expect(bare.statusCode).toBe(400);
    expect(bare.json().error.message).toContain('版本（version）');
  });

  it('finds a member by exact ID number, by phone, and by name prefix, within scope only', async () => {
    const m = await makeMember(env, town1, { name: '欧阳春花', phone: '15011112222' });
    for (const q of [m.idNumber, '15011112222', '欧阳春']) {
      const page = (await api(town, 'GET', `/members?q=${encodeURIComponent(q)}`)).json();
      expect(
        page.items.map((x: { id: string }) => x.id),
        q,
      ).toContain(String(m.id));
    }
    const outside = await makeMember(env, town2);
    expect((await api(town, 'GET', `/members?q=${outside.idNumber}`)).json().total).toBe(0);
  });

  it('a branch moved to another town takes its members with it: they are listed under the new town only', async () => {
    const branch = await makeOrg(env, town1, 'branch');
    const m = await makeMember(env, branch.id);
    const inTown = async (s: Session, town: number) =>
      (await api(s, 'GET', `/members?orgId=${town}&pageSize=200&q=${encodeURIComponent('测试党员')}`))
        .json()
        .items.map((x: { id: string }) => x.id);
    expect(await inTown(admin, town1)).toContain(String(m.id));
    const moved = await api(admin, 'POST', `/orgs/${branch.id}/move`, { parentId: String(town2) });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(await inTown(admin, town2)).toContain(String(m.id));
    expect(await inTown(admin, town1)).not.toContain(String(m.id));
    // and the old town's admin no longer reaches the record
    expect((await api(town, 'GET', `/members/${m.id}`)).statusCode).toBe(403);
  });

  it('filters by subtree and status and pages through', async () => {
    const sub = await makeOrg(env, town1, 'branch');
    await makeMember(env, sub.id, { status: 'full' });
    await makeMember(env, sub.id, { status: 'activist' });
    const all = (await api(town, 'GET', `/members?orgId=${sub.id}`)).json();
    expect(all.total).toBe(2);
    const activists = (await api(town, 'GET', `/members?orgId=${sub.id}&status=activist`)).json();
    expect(activists.items.map((x: { status: string }) => x.status)).toEqual(['activist']);
    expect((await api(town, 'GET', `/members?orgId=${town2}`)).statusCode).toBe(403);
  });

  it('shows the full ID number only to who may, and records each view', async () => {
    const m = await makeMember(env, town1);
    expect((await api(secretary, 'POST', `/members/${m.id}/reveal`)).statusCode).toBe(403);
    const res = await api(admin, 'POST', `/members/${m.id}/reveal`);
    expect(res.json().idNumber).toBe(m.idNumber);
    const audit = await query(
      env,
      "select 1 from audit_log where action = 'member.pii_viewed' and target_id = $1",
      [String(m.id)],
    );
    expect(audit).toHaveLength(1);
  });
});
