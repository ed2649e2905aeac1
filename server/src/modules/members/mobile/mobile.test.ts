import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeMember, makeOrg, makeUser } from '../../../../test/fixtures.ts';
import { login, orgId, query, type Session, type TestEnv, testEnv } from '../../../../test/harness.ts';
import { addDays, addMonthsToDate, shanghaiToday } from '../../../platform/time.ts';

let env: TestEnv;
let town: Session; // org_admin of 清河镇: the home side
let hostSecretary: Session; // secretary of a 石桥镇 branch that hosts the migrant
let qinghe: { id: number }; // a branch in 清河镇
let shiqiao: { id: number }; // a branch in 石桥镇

beforeAll(async () => {
  // "half a year later" is a request header (X-Test-Now)
  env = await testEnv({ testClock: true });
  town = await login(env, 'town_admin');
  qinghe = await makeOrg(env, await orgId(env, '中共青山区清河镇委员会'), 'branch', '清河镇流动测试党支部');
  shiqiao = await makeOrg(env, await orgId(env, '中共青山区石桥镇委员会'), 'branch', '石桥镇流入测试党支部');
  const sec = await makeUser(env, { orgId: shiqiao.id, role: 'secretary' });
  hostSecretary = await login(env, sec.username);
});
afterAll(() => env.close());

const api = (s: Session, method: string, url: string, payload?: object, now?: string) =>
  env.app.inject({
    method: method as 'GET',
    url: `/api/v1${url}`,
    payload,
    headers: now ? { ...s.headers, 'x-test-now': now } : s.headers,
  });

type P = { id: string; memberId: string; transferDue: boolean; transferDueOn: string; can: { end: boolean } };
const ids = (page: { items: P[] }) => page.items.map((p) => p.memberId);
const record = async (memberId: number) =>
  (
    await query<{ mobile: boolean; mobile_location: string | null }>(
      env,
      'select mobile, mobile_location from members where id = $1',
      [memberId],
    )
  )[0];

describe('a member goes away to work in another town, hosted by a branch there', () => {
  let memberId: number;
  let period: P;
  const today = shanghaiToday();
  const outOn = addDays(today, -20);
  const halfYearOn = addMonthsToDate(outOn, 6);

  beforeAll(async () => {
    memberId = (await makeMember(env, qinghe.id, { name: '王流动' })).id;
  });

  it('the home branch records the period: the record becomes a migrant’s, located there', async () => {
    const res = await api(town, 'POST', '/mobile-periods', {
      memberId: String(memberId),
      outOn,
      destination: '江城市石桥镇',
      hostOrgId: String(shiqiao.id),
      certificateNo: '流证2026-0031',
    });
    expect(res.statusCode, res.body).toBe(201);
    period = res.json();
    expect(period).toMatchObject({
      memberName: '王流动',
      orgId: String(qinghe.id),
      outOn,
      backOn: null,
      destination: '江城市石桥镇',
      hostOrgId: String(shiqiao.id),
      hostOrgName: '石桥镇流入测试党支部',
      certificateNo: '流证2026-0031',
      transferDueOn: halfYearOn,
      transferDue: false,
      can: { end: true },
    });
    expect(await record(memberId)).toEqual({ mobile: true, mobile_location: '江城市石桥镇' });
    const history = (await api(town, 'GET', `/members/${memberId}/history`)).json();
    expect(history.items[0]).toMatchObject({ source: 'mobile', changes: { mobile: [false, true] } });
  });

  it('a second period while away is refused in words', async () => {
    const res = await api(town, 'POST', '/mobile-periods', {
      memberId: String(memberId),
      outOn: today,
      destination: '别处',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain('尚未登记返回');
  });

  it('the host branch sees the migrant it hosts, read only; the home side lists them as away', async () => {
    const hosted = (await api(hostSecretary, 'GET', '/mobile-periods?side=host')).json();
    expect(hosted.items).toMatchObject([
      { memberName: '王流动', orgName: '清河镇流动测试党支部', can: { end: false } },
    ]);
    // hosting is not holding the record
    expect((await api(hostSecretary, 'GET', `/members/${memberId}`)).statusCode).toBe(403);
    expect(
      (await api(hostSecretary, 'POST', `/mobile-periods/${period.id}/return`, { backOn: today })).statusCode,
    ).toBe(403);
    const away = (await api(town, 'GET', `/mobile-periods?side=home&orgId=${qinghe.id}`)).json();
    expect(ids(away)).toEqual([String(memberId)]);
    // the home town is not the host of anyone here
    expect((await api(town, 'GET', `/mobile-periods?side=host&orgId=${qinghe.id}`)).json().total).toBe(0);
  });

  it('six months in one place: the branch is reminded that the membership should be transferred', async () => {
    const due = (now: string) =>
      api(town, 'GET', `/mobile-periods?side=home&orgId=${qinghe.id}&due=true`, undefined, now);
    const dayBefore = `${addDays(halfYearOn, -1)}T04:00:00Z`;
    expect(ids((await due(dayBefore)).json())).not.toContain(String(memberId));
    const onTheDay = (await due(`${halfYearOn}T04:00:00Z`)).json();
    expect(onTheDay.items).toMatchObject([{ memberId: String(memberId), transferDue: true }]);
  });

  it('the return is recorded with its date; the record is no longer a migrant’s and the reminder ends', async () => {
    const later = `${halfYearOn}T04:00:00Z`;
    const early = await api(
      town,
      'POST',
      `/mobile-periods/${period.id}/return`,
      { backOn: addDays(outOn, -1) },
      later,
    );
    expect(early.statusCode).toBe(400);
    expect(early.json().error.details[0].path).toBe('backOn');
    const res = await api(town, 'POST', `/mobile-periods/${period.id}/return`, { backOn: halfYearOn }, later);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ backOn: halfYearOn, transferDue: false, can: { end: false } });
    expect(await record(memberId)).toEqual({ mobile: false, mobile_location: null });
    const due = (
      await api(town, 'GET', `/mobile-periods?side=home&orgId=${qinghe.id}&due=true`, undefined, later)
    ).json();
    expect(ids(due)).not.toContain(String(memberId));
    const closed = (
      await api(town, 'GET', `/mobile-periods?side=home&memberId=${memberId}&open=false`)
    ).json();
    expect(closed.items).toMatchObject([{ id: period.id, backOn: halfYearOn }]);
    expect(
      (await api(town, 'POST', `/mobile-periods/${period.id}/return`, { backOn: halfYearOn }, later))
        .statusCode,
    ).toBe(409);
    const audit = await query<{ action: string }>(
      env,
      "select action from audit_log where target_type = 'member' and target_id = $1 and action like 'mobile.%' order by id",
      [memberId],
    );
    expect(audit.map((a) => a.action)).toEqual(['mobile.period_recorded', 'mobile.period_ended']);
  });
});

describe('what a period away must say', () => {
  const body = async (over: object = {}) => ({
    memberId: String((await makeMember(env, qinghe.id)).id),
    outOn: addDays(shanghaiToday(), -3),
    destination: '外省某市',
    ...over,
  });
  const refused = async (over: object, path: string, words: string) => {
    const res = await api(town, 'POST', '/mobile-periods', await body(over));
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.details[0].path).toBe(path);
    expect(res.json().error.message).toContain(words);
  };

  it('the day out is not in the future', () =>
    refused({ outOn: addDays(shanghaiToday(), 1) }, 'outOn', '不能晚于今天'));
  it('the host in the deployment is a branch, not the member’s own', async () => {
    await refused({ hostOrgId: String(await orgId(env, '中共青山区石桥镇委员会')) }, 'hostOrgId', '党支部');
    await refused({ hostOrgId: String(qinghe.id) }, 'hostOrgId', '就是该党员组织关系所在的党支部');
  });
  it('a host outside the deployment is named; both at once is refused', async () => {
    const res = await api(
      town,
      'POST',
      '/mobile-periods',
      await body({ hostOrgName: '外省某市某社区党支部' }),
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ hostOrgId: null, hostOrgName: '外省某市某社区党支部' });
    await refused({ hostOrgId: String(shiqiao.id), hostOrgName: '某党支部' }, 'hostOrgName', '不再填写名称');
  });
  it('an activist is not a migrant member', async () => {
    const activist = (await makeMember(env, qinghe.id, { status: 'activist' })).id;
    const res = await api(town, 'POST', '/mobile-periods', await body({ memberId: String(activist) }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].path).toBe('memberId');
  });
  it('a town cannot record another town’s member going away', async () => {
    const town2 = await login(env, 'town2_admin');
    const res = await api(town2, 'POST', '/mobile-periods', await body());
    expect(res.statusCode).toBe(403);
  });
});
