import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeMember, makeOrg } from '../../../../test/fixtures.ts';
import { login, orgId, query, type Session, type TestEnv, testEnv } from '../../../../test/harness.ts';
import { addMonthsToDate as addMonths, shanghaiToday } from '../../../platform/time.ts';
import { alertsOf, checkPipelineDates } from './rules.ts';
import { asPipelineMember } from './store.ts';

let env: TestEnv;
let town: Session; // org_admin of 清河镇
let town2: Session; // org_admin of 石桥镇
let branch: number; // a fresh branch in 清河镇

const today = shanghaiToday();
const daysAgo = (n: number) =>
  new Date(Date.parse(`${today}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  env = await testEnv();
  town = await login(env, 'town_admin');
  town2 = await login(env, 'town2_admin');
  branch = (await makeOrg(env, await orgId(env, '中共青山区清河镇委员会'), 'branch', '发展党员测试党支部'))
    .id;
});
afterAll(() => env.close());

const api = (s: Session, method: string, url: string, payload?: object) =>
  env.app.inject({ method: method as 'GET', url: `/api/v1${url}`, payload, headers: s.headers });

type Due = {
  memberId: string;
  ready: boolean;
  missing: string[];
  overdueItems: string[];
  nextStatus: string;
};
const due = async (s: Session = town) =>
  (await api(s, 'GET', `/pipeline/due?orgId=${branch}`)).json().items as Due[];

describe('an applicant on the way to activist', () => {
  let applicant: number;

  beforeAll(async () => {
    applicant = (await makeMember(env, branch, { name: '周申请', status: 'applicant' })).id;
  });

  it('the branch records the application; the due list then shows the talk missing and overdue after a month', async () => {
    const res = await api(town, 'PATCH', `/members/${applicant}/pipeline`, { appliedOn: daysAgo(45) });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().pipeline.appliedOn).toBe(daysAgo(45));
    const row = (await due()).find((d) => d.memberId === String(applicant));
    expect(row).toMatchObject({
      nextStatus: 'activist',
      missing: ['talkedOn'],
      ready: false,
      overdueItems: ['talkedOn'],
    });
  });

  it('an advance is refused, saying in Chinese what is missing', async () => {
    const res = await api(town, 'POST', `/members/${applicant}/advance`, { to: 'activist', on: today });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toBe(
      '周申请尚不能转为入党积极分子。党组织派人谈话（talkedOn）：尚未登记日期',
    );
    expect(res.json().error.details).toMatchObject([{ path: 'talkedOn' }]);
    const [{ status }] = await query<{ status: string }>(env, 'select status from members where id = $1', [
      applicant,
    ]);
    expect(status).toBe('applicant');
  });

  it('dates are refused when in the future or out of order, naming the item', async () => {
    const future = await api(town, 'PATCH', `/members/${applicant}/pipeline`, { talkedOn: daysAgo(-1) });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.details).toMatchObject([{ path: 'talkedOn', message: '日期不能晚于今天' }]);
    const early = await api(town, 'PATCH', `/members/${applicant}/pipeline`, { talkedOn: daysAgo(46) });
    expect(early.statusCode).toBe(400);
    expect(early.json().error.message).toContain('谈话不能早于递交入党申请书');
    // the decision of the next step is not a date to fill in: it is the advance itself
    const decision = await api(town, 'PATCH', `/members/${applicant}/pipeline`, { activistOn: today });
    expect(decision.statusCode).toBe(400);
    expect(decision.json().error.message).toContain('转入下一阶段');
    // nor are the dates of steps further on
    const later = await api(town, 'PATCH', `/members/${applicant}/pipeline`, { trainingOn: today });
    expect(later.json().error.message).toContain('还不到登记“集中培训”的阶段');
  });

  it('once the talk is recorded (history and audit kept), the member is ready and listed first', async () => {
    await makeMember(env, branch, { name: '吴未到', status: 'activist' }); // activistOn unknown: not ready
    const res = await api(town, 'PATCH', `/members/${applicant}/pipeline`, { talkedOn: daysAgo(40) });
    expect(res.statusCode, res.body).toBe(200);
    const history = (await api(town, 'GET', `/members/${applicant}/history`)).json();
    expect(history.items[0]).toMatchObject({
      source: 'pipeline',
      changes: { talkedOn: [null, daysAgo(40)] },
    });
    const [audit] = await query<{ action: string }>(
      env,
      "select action from audit_log where target_type = 'member' and target_id = $1 order by id desc limit 1",
      [String(applicant)],
    );
    expect(audit.action).toBe('member.pipeline_updated');

    const list = await due();
    expect(list[0]).toMatchObject({
      memberId: String(applicant),
      ready: true,
      missing: [],
      overdueItems: [],
    });
    expect(list.find((d) => d.memberId !== String(applicant))).toMatchObject({
      ready: false,
      missing: ['activistOn', 'activistFiledOn', 'cultivationContactIds'],
    });
  });

  it('now the advance is allowed: status and the designation date change together', async () => {
    const res = await api(town, 'POST', `/members/${applicant}/advance`, { to: 'activist', on: daysAgo(10) });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'activist', pipeline: { activistOn: daysAgo(10) } });
    const history = (await api(town, 'GET', `/members/${applicant}/history`)).json();
    expect(history.items[0].changes).toEqual({
      status: ['applicant', 'activist'],
      activistOn: [null, daysAgo(10)],
    });
    const row = (await due()).find((d) => d.memberId === String(applicant));
    expect(row).toMatchObject({
      nextStatus: 'candidate',
      ready: false,
      missing: ['activistFiledOn', 'cultivationContactIds'],
    });
  });

  it('another town can neither see the list of this branch nor record dates for it', async () => {
    expect((await api(town2, 'GET', `/pipeline/due?orgId=${branch}`)).statusCode).toBe(403);
    expect((await api(town2, 'GET', '/pipeline/due')).json().items.map((d: Due) => d.memberId)).not.toContain(
      String(applicant),
    );
    const res = await api(town2, 'PATCH', `/members/${applicant}/pipeline`, { talkedOn: daysAgo(40) });
    expect(res.statusCode).toBe(403);
    const adv = await api(town2, 'POST', `/members/${applicant}/advance`, { to: 'candidate', on: today });
    expect(adv.statusCode).toBe(403);
  });
});

describe('a candidate admitted, then converted', () => {
  it('becomes probationary with the meeting’s date as join date, and full a year later', async () => {
    const { id } = await makeMember(env, branch, { name: '郑发展', status: 'candidate' });
    const [s1, s2] = [await makeMember(env, branch), await makeMember(env, branch)];
    const resolution = daysAgo(400);
    await query(
      env,
      `update members set applied_on = $2, talked_on = $2, activist_on = $3, activist_filed_on = $3,
         candidate_on = $4, candidate_filed_on = $4, political_review_on = $5, training_on = $5 where id = $1`,
      [id, daysAgo(900), daysAgo(850), daysAgo(480), daysAgo(450)],
    );
    const refused = await api(town, 'POST', `/members/${id}/advance`, { to: 'probationary', on: resolution });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details.map((d: { path: string }) => d.path)).toEqual([
      'sponsorIds',
      'trainingHours',
      'preReviewOn',
      'applicationFormOn',
      'admissionResolutionOn',
      'committeeTalkOn',
    ]);

    const file = await api(town, 'PATCH', `/members/${id}/pipeline`, {
      sponsorIds: [String(s1.id), String(s2.id)],
      trainingHours: 24,
      preReviewOn: daysAgo(440),
      applicationFormOn: daysAgo(430),
      admissionResolutionOn: resolution,
      committeeTalkOn: daysAgo(395),
    });
    expect(file.statusCode, file.body).toBe(200);
    const admitted = await api(town, 'POST', `/members/${id}/advance`, {
      to: 'probationary',
      on: daysAgo(380),
    });
    expect(admitted.statusCode, admitted.body).toBe(200);
    expect(admitted.json()).toMatchObject({ status: 'probationary', joinedOn: resolution });

    const conversion = addMonths(resolution, 12);
    expect(
      (await api(town, 'PATCH', `/members/${id}/pipeline`, { conversionResolutionOn: conversion }))
        .statusCode,
    ).toBe(200);
    // 党章第六条, 细则第三十三条: no conversion without the oath and the written request
    const unsworn = await api(town, 'POST', `/members/${id}/advance`, { to: 'full', on: conversion });
    expect(unsworn.statusCode).toBe(400);
    expect(unsworn.json().error.details.map((d: { path: string }) => d.path)).toEqual([
      'oathOn',
      'conversionRequestOn',
    ]);
    const late = await api(town, 'PATCH', `/members/${id}/pipeline`, { conversionRequestOn: daysAgo(20) });
    expect(late.statusCode).toBe(400);
    expect(late.json().error.message).toContain('预备期满并提出书面转正申请后');
    expect(
      (
        await api(town, 'PATCH', `/members/${id}/pipeline`, {
          oathOn: daysAgo(370),
          conversionRequestOn: daysAgo(60),
        })
      ).statusCode,
    ).toBe(200);
    const full = await api(town, 'POST', `/members/${id}/advance`, { to: 'full', on: conversion });
    expect(full.statusCode, full.body).toBe(200);
    expect(full.json()).toMatchObject({ status: 'full', joinedOn: resolution, fullOn: conversion });
    expect((await due()).map((d) => d.memberId)).not.toContain(String(id));
  });

  it('a conversion resolution before the year is out is refused', async () => {
    const { id } = await makeMember(env, branch, { status: 'applicant' });
    await query(
      env,
      "update members set status = 'probationary', joined_on = $2, admission_resolution_on = $2 where id = $1",
      [id, daysAgo(200)],
    );
    const res = await api(town, 'PATCH', `/members/${id}/pipeline`, { conversionResolutionOn: daysAgo(1) });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('预备期满并提出书面转正申请后');
  });
});

describe('the due list, page by page', () => {
  it('pages through a large scope with the whole list’s totals, and can show only the ready', async () => {
    const all = (await api(town, 'GET', '/pipeline/due?pageSize=5')).json();
    expect(all.items).toHaveLength(5);
    expect(all.total).toBeGreaterThan(5);
    const second = (await api(town, 'GET', '/pipeline/due?pageSize=5&page=2')).json();
    expect(second.items.map((d: Due) => d.memberId)).not.toContain(all.items[0].memberId);
    const ready = (await api(town, 'GET', '/pipeline/due?onlyReady=true&pageSize=200')).json();
    expect(ready.total).toBe(all.readyTotal);
    expect(ready.items.every((d: Due) => d.ready)).toBe(true);
  });
});

describe('the demo district', () => {
  it('seeds recruitment files whose dates follow the rules, with something on each kind of list', async () => {
    // as JSON, dates stay YYYY-MM-DD whatever the machine's time zone
    const rows = (
      await query<{ m: Record<string, unknown> }>(
        env,
        `select to_jsonb(m) as m from members m where m.status <> 'full' and m.left_at is null`,
      )
    ).map((r) => r.m);
    const camel = (r: Record<string, unknown>) =>
      Object.fromEntries(
        Object.entries(r).map(([k, v]) => [k.replace(/_(.)/g, (_, c: string) => c.toUpperCase()), v]),
      ) as Parameters<typeof asPipelineMember>[0];
    const seeded = [
      'recommendedOn',
      'activistFiledOn',
      'candidateFiledOn',
      'preReviewOn',
      'applicationFormOn',
      'committeeTalkOn',
      'oathOn',
      'conversionRequestOn',
    ];
    const broken = rows
      .flatMap((r) => checkPipelineDates(asPipelineMember(camel(r)), today))
      .filter((p) => seeded.includes(p.path));
    expect(broken).toEqual([]);
    const files = rows.map((r) => asPipelineMember(camel(r)));
    expect(files.filter((m) => m.sponsors.length === 2).length).toBeGreaterThan(0);
    expect(files.filter((m) => m.status === 'activist' && m.contacts.length === 0).length).toBeGreaterThan(0);
    expect(files.filter((m) => alertsOf(m).some((a) => a.kind === 'talkLate')).length).toBeGreaterThan(0);
  });
});
