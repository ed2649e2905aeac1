import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrg } from '../../../../test/fixtures.ts';
import { login, orgId, query, type Session, type TestEnv, testEnv } from '../../../../test/harness.ts';
import { makeIdCard } from '../record/id-card.ts';
import { shanghaiToday } from '../../../platform/time.ts';
import { bind } from '../../../platform/pii/index.ts';

let env: TestEnv;
let town: Session;
let secretary: Session;
let town1: number;
let town2: number;

beforeAll(async () => {
  env = await testEnv();
  town = await login(env, 'town_admin');
  secretary = await login(env, 'secretary');
  town1 = await orgId(env, '中共青山区清河镇委员会');
  town2 = await orgId(env, '中共青山区石桥镇委员会');
});
afterAll(() => env.close());

const api = (s: Session, url: string) =>
  env.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: s.headers });

const year = Number(shanghaiToday().slice(0, 4));
let seq = 10;

/** A record with exactly the fields given filled in: the quality figures are about what is missing. */
async function record(
  org: number,
  r: {
    status?: string;
    phone?: boolean;
    workUnit?: string | null;
    photo?: boolean;
    dues?: boolean;
    updated?: 'this year' | 'last year';
    mobileLocation?: string | null;
  },
) {
  seq += 2;
  const birth = `1970-03-${String(seq % 28).padStart(2, '0')}`;
  const id = makeIdCard('440305', birth, seq, 'male');
  const status = r.status ?? 'full';
  const admitted = status === 'full' || status === 'probationary';
  const [{ id: rowId }] = await query<{ id: number }>(env, "select nextval('members_id_seq')::int8 as id");
  await query(
    env,
    `insert into members (id, org_id, name, gender, ethnicity, birth_date, id_number_enc, id_number_index, education,
                          status, joined_on, full_on, phone_enc, phone_index, work_unit, photo, dues_category,
                          dues_standard_fen, mobile, mobile_location, record_updated_at)
     values ($17, $1, '质量测试', 'male', '汉族', $2, $3, $4, '高中', $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
    [
      org,
      birth,
      env.pii.encrypt(id, bind('members', 'id_number', rowId)),
      env.pii.blindIndex('id', id),
      status,
      admitted ? '1995-07-01' : null,
      status === 'full' ? '1996-07-01' : null,
      r.phone === false ? null : env.pii.encrypt('13700000000', bind('members', 'phone', rowId)),
      null,
      r.workUnit === undefined ? '清河镇农机站' : r.workUnit,
      r.photo ? 'photos/x.jpg' : null,
      r.dues ? 'salaried' : null,
      r.dues ? 1500 : null,
      r.mobileLocation !== undefined,
      r.mobileLocation ?? null,
      r.updated === 'last year' ? `${year - 1}-06-01T08:00:00+08:00` : new Date().toISOString(),
      rowId,
    ],
  );
}

describe('record quality', () => {
  /**
   * Given a committee with a general branch of two branches, a village branch and an empty branch:
   *   branch A: complete/updated/photo/dues · no phone, updated last year, admitted without dues ·
   *             an activist, complete and updated (no dues expected of them)
   *   branch B: complete/updated/photo/dues · complete but a mobile member without a place
   *   village:  no work unit (fine in a village), updated, with dues · no phone, last year
   */
  let root: number;
  let general: number;
  let village: number;
  let empty: number;
  beforeAll(async () => {
    root = (await makeOrg(env, town1, 'committee', '质量测试党委')).id;
    general = (await makeOrg(env, root, 'general_branch', '质量测试党总支')).id;
    const a = (await makeOrg(env, general, 'branch')).id;
    const b = (await makeOrg(env, general, 'branch')).id;
    village = (await makeOrg(env, root, 'branch', '质量测试村党支部')).id;
    await query(env, "update orgs set place = '清河镇质量村' where id = $1", [village]);
    empty = (await makeOrg(env, root, 'branch', '质量测试空党支部')).id;

    await record(a, { photo: true, dues: true });
    await record(a, { phone: false, updated: 'last year' });
    await record(a, { status: 'activist' });
    await record(b, { photo: true, dues: true });
    await record(b, { mobileLocation: null, updated: 'last year' });
    await record(village, { workUnit: null, dues: true });
    await record(village, { workUnit: null, phone: false, updated: 'last year' });
  });

  it('gives each child’s whole subtree, and the total, with the rates a bulletin cites', async () => {
    const res = await api(town, `/members/quality?orgId=${root}`);
    expect(res.statusCode, res.body).toBe(200);
    const q = res.json();
    expect(q.from).toBe(`${year}-01-01`);
    expect(q.to).toBe(shanghaiToday());
    const child = (id: number) => q.children.find((c: { orgId: string }) => c.orgId === String(id));

    expect(child(general)).toEqual({
      orgId: String(general),
      orgName: '质量测试党总支',
      members: 5,
      completenessRate: 0.6, // not the one without a phone, not the mobile member without a place
      updateRate: 0.6,
      photoRate: 0.4,
      duesStandardRate: 0.5, // 2 of 4 admitted; the activist owes no dues
    });
    expect(child(village)).toMatchObject({
      members: 2,
      completenessRate: 0.5, // a village member needs no work unit, but does need a phone
      updateRate: 0.5,
      photoRate: 0,
      duesStandardRate: 0.5,
    });
    expect(child(empty)).toMatchObject({ members: 0, completenessRate: 0, updateRate: 0 });

    expect(q.total).toEqual({
      orgId: String(root),
      orgName: '质量测试党委',
      members: 7,
      completenessRate: 0.5714, // 4 of 7
      updateRate: 0.5714,
      photoRate: 0.2857,
      duesStandardRate: 0.5, // 3 of 6
    });
    // the children add up to the total
    const sum = q.children.reduce((s: number, c: { members: number }) => s + c.members, 0);
    expect(sum).toBe(q.total.members);
    const updated = q.children.reduce(
      (s: number, c: { members: number; updateRate: number }) => s + c.members * c.updateRate,
      0,
    );
    expect(updated / sum).toBeCloseTo(q.total.updateRate, 3);
  });

  it('a child’s own report is the row its parent showed for it', async () => {
    const parent = (await api(town, `/members/quality?orgId=${root}`)).json();
    const own = (await api(town, `/members/quality?orgId=${general}`)).json();
    const { orgName: _, ...fromParent } = parent.children.find(
      (c: { orgId: string }) => c.orgId === String(general),
    );
    const { orgName: __, ...fromOwn } = own.total;
    expect(fromOwn).toEqual(fromParent);
    expect(own.children).toHaveLength(2);
  });

  it('from a rate to the records behind it: each record lacking what the rate counts, and what it lacks', async () => {
    type Gap = { id: string; name: string; orgName: string; missing: string[] };
    const gaps = async (rate: string, extra = '') => {
      const res = await api(town, `/members/quality/gaps?orgId=${root}&rate=${rate}${extra}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as { items: Gap[]; total: number };
    };
    // completeness 4 of 7: the three incomplete ones, each with the field it lacks
    const incomplete = await gaps('completenessRate');
    expect(incomplete.total).toBe(3);
    expect(incomplete.items.map((g) => g.missing).sort()).toEqual([['mobileLocation'], ['phone'], ['phone']]);
    // photo 2 of 7, dues standard 3 of 6 admitted (the activist is not listed), updated 4 of 7
    expect((await gaps('photoRate')).total).toBe(5);
    const dues = await gaps('duesStandardRate');
    expect(dues.total).toBe(3);
    expect(dues.items.every((g) => g.missing[0] === 'duesStandardFen')).toBe(true);
    expect((await gaps('updateRate')).total).toBe(3);
    expect((await gaps('updateRate', `&from=${year - 1}-01-01`)).total).toBe(0);
    // paged: the total stays, the page holds what was asked for
    const page2 = await gaps('photoRate', '&pageSize=2&page=2');
    expect(page2).toMatchObject({ total: 5, page: 2, pageSize: 2 });
    expect(page2.items).toHaveLength(2);
    // a rate of a child lists that child's records only
    const village = (
      await api(town, `/members/quality/gaps?orgId=${general}&rate=completenessRate`)
    ).json() as { items: Gap[] };
    expect(village.items.every((g) => g.orgName !== '质量测试村党支部')).toBe(true);
    // no such rate: 400 naming it; another town: 403
    const bad = await api(town, `/members/quality/gaps?orgId=${root}&rate=nothing`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('rate');
    expect((await api(town, `/members/quality/gaps?orgId=${town2}&rate=photoRate`)).statusCode).toBe(403);
  });

  it('counts updates in the period asked for', async () => {
    const q = (await api(town, `/members/quality?orgId=${root}&from=${year - 1}-01-01`)).json();
    expect(q.total.updateRate).toBe(1);
    const bad = await api(town, `/members/quality?orgId=${root}&from=${year}-12-31&to=${year}-01-01`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('from');
  });

  it('defaults to the caller’s scope, and refuses another town', async () => {
    const own = await api(secretary, '/members/quality');
    expect(own.statusCode, own.body).toBe(200);
    const [{ id }] = await query<{ id: number }>(
      env,
      "select g.org_id as id from role_grants g join users u on u.id = g.user_id where u.username = 'secretary'",
    );
    expect(own.json().total.orgId).toBe(String(id));
    expect(own.json().total.members).toBeGreaterThan(0);

    const district = (await api(town, '/members/quality')).json();
    expect(district.total.orgId).toBe(String(town1));
    expect(district.children.length).toBeGreaterThan(3);
    expect((await api(town, `/members/quality?orgId=${town2}`)).statusCode).toBe(403);
  });
});
