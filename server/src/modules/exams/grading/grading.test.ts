import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, orgId, query, type Session, type TestEnv, testEnv } from '../../../../test/harness.ts';
import { type MadeExam, makeAttempt, makeCandidates, makeExam } from './fixtures.ts';

// The day the tests live in (X-Test-Now: every operation reads ctx.now()).
const NOW = '2026-11-20T10:00:00+08:00';

let env: TestEnv;
let town: Session;
let town2: Session;
let secretary: Session;
let town1: number;
let town2Id: number;
let branchA: number;
let branchB: number;
let exam: MadeExam;
/** 甲 乙 丙 in branch A, 丁 戊 in branch B. */
let jia: number;
let yi: number;
let bing: number;
let ding: number;
let wu: number;
let jiaAttempt: number;
let yiAttempt: number;
let bingAttempt: number;

beforeAll(async () => {
  env = await testEnv({ testClock: true });
  [town, town2, secretary] = await Promise.all(
    ['town_admin', 'town2_admin', 'secretary'].map((u) => login(env, u)),
  );
  town1 = await orgId(env, '中共青山区清河镇委员会');
  [{ id: town2Id }] = await query<{ id: number }>(
    env,
    "select g.org_id as id from role_grants g join users u on u.id = g.user_id where u.username = 'town2_admin'",
  );
  const a = await makeCandidates(env, town1, 3, ['甲考生', '乙考生', '丙考生']);
  const b = await makeCandidates(env, town1, 2, ['丁考生', '戊考生']);
  [branchA, branchB] = [a.branchId, b.branchId];
  [jia, yi, bing] = a.ids;
  [ding, wu] = b.ids;
  // 单选 2 分 + 简答 10 分, 及格 7.2 分
  exam = await makeExam(env, town1, { memberIds: [...a.ids, ...b.ids], title: '冬训考试' });
  jiaAttempt = await makeAttempt(env, exam, jia, [
    { choices: [0] },
    { text: '甲：带头学习，带头服务群众。' },
  ]);
  yiAttempt = await makeAttempt(env, exam, yi, [{ choices: [1] }, { text: '乙：不太清楚。' }]);
  bingAttempt = await makeAttempt(env, exam, bing, [{ choices: [0] }, { text: '还在写' }], {
    status: 'open',
  });
  // 丁 and 戊 leave the short answer blank: it scores 0 and waits for no one
  await makeAttempt(env, exam, ding, [{ choices: [0] }, null]);
  await makeAttempt(env, exam, wu, [{ choices: [0] }, { text: '' }]);
});
afterAll(() => env.close());

const api = (s: Session, method: string, url: string, payload?: object) =>
  env.app.inject({
    method: method as 'GET',
    url: `/api/v1${url}`,
    payload,
    headers: { ...s.headers, 'x-test-now': new Date(NOW).toISOString() },
  });

const audits = async (action: string) =>
  (await query<{ n: number }>(env, 'select count(*)::int as n from audit_log where action = $1', [action]))[0]
    .n;

describe('阅卷: the queue of short answers', () => {
  it('lists the submitted short answers with text, pending first, examinees as 考生 N', async () => {
    const res = await api(town, 'GET', `/exams/${exam.id}/grading`);
    expect(res.statusCode, res.body).toBe(200);
    const q = res.json();
    expect(q.pending).toBe(2);
    expect(q.items).toHaveLength(2);
    expect(q.items[0]).toMatchObject({
      attemptId: String(jiaAttempt),
      slot: 1,
      examinee: '考生 1',
      answer: '甲：带头学习，带头服务群众。',
      points: 10,
      score: null,
    });
    expect(q.items[1]).toMatchObject({ attemptId: String(yiAttempt), examinee: '考生 2' });
    expect(JSON.stringify(q)).not.toContain('甲考生');
    expect(JSON.stringify(q)).not.toContain('还在写');
  });

  it('shows names to the exam’s manager when asked, and audits it', async () => {
    const before = await audits('exam.grading_names_shown');
    const res = await api(town, 'GET', `/exams/${exam.id}/grading?names=true`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items.map((i: { examinee: string }) => i.examinee)).toEqual(['甲考生', '乙考生']);
    expect(await audits('exam.grading_names_shown')).toBe(before + 1);
  });

  it('refuses another town’s admin (403) and a bad query (400)', async () => {
    expect((await api(town2, 'GET', `/exams/${exam.id}/grading`)).statusCode).toBe(403);
    const bad = await api(town, 'GET', `/exams/${exam.id}/grading?names=maybe`);
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json().error)).toContain('names');
  });

  it('refuses a branch secretary an exam of the town (403)', async () => {
    expect((await api(secretary, 'GET', `/exams/${exam.id}/grading`)).statusCode).toBe(403);
  });
});

describe('评分: grading a short answer', () => {
  it('gives 甲 8 of 10: the attempt is graded and passes', async () => {
    const before = await audits('exam.answer_graded');
    const res = await api(town, 'PUT', `/exams/${exam.id}/grading/${jiaAttempt}/1`, {
      score: 8,
      comment: '联系实际较好',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ examinee: '考生 1', score: 8, comment: '联系实际较好' });
    const [a] = await query<{ status: string; score: number; pending: number; passed: boolean }>(
      env,
      'select status, score, pending, passed from exam_attempts where id = $1',
      [jiaAttempt],
    );
    expect(a).toEqual({ status: 'graded', score: 10, pending: 0, passed: true });
    const [ans] = await query<{ grader_id: number | null; graded_at: Date | null }>(
      env,
      'select grader_id, graded_at from exam_answers where attempt_id = $1 and slot = 1',
      [jiaAttempt],
    );
    expect(ans.grader_id).not.toBeNull();
    expect(ans.graded_at).not.toBeNull();
    expect(await audits('exam.answer_graded')).toBe(before + 1);
    const queue = (await api(town, 'GET', `/exams/${exam.id}/grading`)).json();
    expect(queue.pending).toBe(1);
    expect(queue.items.map((i: { attemptId: string }) => i.attemptId)).toEqual([String(yiAttempt)]);
  });

  it('regrades 甲 to 9, keeping the comment, audited as a regrade', async () => {
    const res = await api(town, 'PUT', `/exams/${exam.id}/grading/${jiaAttempt}/1`, { score: 9 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ score: 9, comment: '联系实际较好' });
    expect(await audits('exam.answer_regraded')).toBe(1);
    const all = (await api(town, 'GET', `/exams/${exam.id}/grading?pendingOnly=false`)).json();
    expect(all.items.map((i: { score: number | null }) => i.score)).toEqual([null, 9]);
  });

  it('refuses a score above the points, naming score', async () => {
    const res = await api(town, 'PUT', `/exams/${exam.id}/grading/${yiAttempt}/1`, { score: 11 });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].path).toBe('score');
    const neg = await api(town, 'PUT', `/exams/${exam.id}/grading/${yiAttempt}/1`, { score: -1 });
    expect(neg.statusCode).toBe(400);
    expect(JSON.stringify(neg.json().error)).toContain('score');
  });

  it('refuses a slot that is not a short answer (400), one not on the paper (404)', async () => {
    const choice = await api(town, 'PUT', `/exams/${exam.id}/grading/${yiAttempt}/0`, { score: 1 });
    expect(choice.statusCode).toBe(400);
    expect(choice.json().error.details[0].path).toBe('slot');
    expect(
      (await api(town, 'PUT', `/exams/${exam.id}/grading/${yiAttempt}/7`, { score: 1 })).statusCode,
    ).toBe(404);
  });

  it('refuses an attempt still open (409), another exam’s attempt (404), another town (403)', async () => {
    expect(
      (await api(town, 'PUT', `/exams/${exam.id}/grading/${bingAttempt}/1`, { score: 1 })).statusCode,
    ).toBe(409);
    const other = await makeExam(env, town1);
    expect(
      (await api(town, 'PUT', `/exams/${other.id}/grading/${yiAttempt}/1`, { score: 1 })).statusCode,
    ).toBe(404);
    expect(
      (await api(town2, 'PUT', `/exams/${exam.id}/grading/${yiAttempt}/1`, { score: 1 })).statusCode,
    ).toBe(403);
    const [a] = await query<{ status: string }>(env, 'select status from exam_attempts where id = $1', [
      yiAttempt,
    ]);
    expect(a.status).toBe('submitted');
  });

  it('gives 乙 0: graded, failed', async () => {
    const res = await api(town, 'PUT', `/exams/${exam.id}/grading/${yiAttempt}/1`, { score: 0 });
    expect(res.statusCode, res.body).toBe(200);
    expect((await api(town, 'GET', `/exams/${exam.id}/grading`)).json()).toEqual({ items: [], pending: 0 });
  });
});

type Row = {
  name: string;
  score: number | null;
  passed: boolean | null;
  rank: number | null;
  orgRank: number | null;
};
const byName = (items: Row[]) => Object.fromEntries(items.map((r) => [r.name, r]));

describe('成绩: results', () => {
  it('ranks the best graded scores in the exam and in each org; ties share a rank', async () => {
    const res = await api(town, 'GET', `/exams/${exam.id}/results`);
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json();
    expect(page.total).toBe(5);
    const r = byName(page.items);
    expect(r.甲考生).toMatchObject({ score: 11, passed: true, rank: 1, orgRank: 1 });
    expect(r.丁考生).toMatchObject({ score: 2, passed: false, rank: 2, orgRank: 1 });
    expect(r.戊考生).toMatchObject({ score: 2, passed: false, rank: 2, orgRank: 1 });
    expect(r.乙考生).toMatchObject({ score: 0, passed: false, rank: 3, orgRank: 2 });
    expect(r.丙考生).toMatchObject({ score: null, passed: null, rank: null, orgRank: null, attempts: 0 });
    expect(page.items[0].name).toBe('甲考生');
    expect(page.items[4].name).toBe('丙考生');
  });

  it('filters by status and by org', async () => {
    const names = async (qs: string) =>
      (await api(town, 'GET', `/exams/${exam.id}/results?${qs}`))
        .json()
        .items.map((r: Row) => r.name)
        .sort();
    expect(await names('status=absent')).toEqual(['丙考生']);
    expect(await names('status=passed')).toEqual(['甲考生']);
    expect(await names('status=failed')).toEqual(['丁考生', '乙考生', '戊考生'].sort());
    expect(await names('status=sat')).toHaveLength(4);
    expect(await names(`orgId=${branchB}`)).toEqual(['丁考生', '戊考生'].sort());
    const paged = (await api(town, 'GET', `/exams/${exam.id}/results?pageSize=2&page=2`)).json();
    expect(paged).toMatchObject({ total: 5, page: 2 });
    expect(paged.items).toHaveLength(2);
  });

  it('refuses another town (403), an org outside the exam (400 naming orgId), a bad status (400)', async () => {
    expect((await api(town2, 'GET', `/exams/${exam.id}/results`)).statusCode).toBe(403);
    const outside = await api(town, 'GET', `/exams/${exam.id}/results?orgId=${town2Id}`);
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.details[0].path).toBe('orgId');
    expect((await api(town, 'GET', `/exams/${exam.id}/results?status=best`)).statusCode).toBe(400);
  });
});

describe('组织统计: per org', () => {
  it('rolls up each child org of the exam’s org, ranked by average', async () => {
    const res = await api(town, 'GET', `/exams/${exam.id}/results/orgs`);
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as { orgId: string }[];
    const a = items.find((o) => o.orgId === String(branchA));
    const b = items.find((o) => o.orgId === String(branchB));
    expect(a).toMatchObject({ candidates: 3, sat: 2, passed: 1, average: 5.5, rank: 1 });
    expect(b).toMatchObject({ candidates: 2, sat: 2, passed: 0, average: 2, rank: 2 });
    // the town's other branches had no candidates: no average, no rank
    expect(items.filter((o) => o.orgId !== String(branchA) && o.orgId !== String(branchB))).toContainEqual(
      expect.objectContaining({ candidates: 0, average: null, rank: null }),
    );
  });

  it('takes a chosen org below; refuses one outside (400) and another town (403)', async () => {
    const res = await api(town, 'GET', `/exams/${exam.id}/results/orgs?orgId=${branchA}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items).toEqual([
      expect.objectContaining({ orgId: String(branchA), candidates: 3, average: 5.5, rank: 1 }),
    ]);
    expect((await api(town, 'GET', `/exams/${exam.id}/results/orgs?orgId=${town2Id}`)).statusCode).toBe(400);
    expect((await api(town2, 'GET', `/exams/${exam.id}/results/orgs`)).statusCode).toBe(403);
  });
});

describe('试题分析: statistics', () => {
  it('reports the first graded attempts and each question', async () => {
    const res = await api(town, 'GET', `/exams/${exam.id}/statistics`);
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json();
    // 甲 11, 乙 0, 丁 2, 戊 2
    expect(s).toMatchObject({ attempts: 4, average: 3.75, median: 2, passRate: 25 });
    expect(s.histogram).toEqual([1, 2, 0, 0, 0, 0, 0, 0, 0, 1]);
    expect(s.questions.map((q: { type: string }) => q.type)).toEqual(['single', 'short']);
    // 单选: 2, 0, 2, 2 of 2 → 75 %; 简答: 9, 0, 0, 0 of 10 → 22.5 %
    expect(s.questions[0]).toMatchObject({ attempts: 4, facility: 75 });
    expect(s.questions[1]).toMatchObject({ attempts: 4, facility: 22.5 });
    expect(s.questions[1].discrimination).not.toBeNull();
  });

  it('refuses another town (403) and a bad id (400)', async () => {
    expect((await api(town2, 'GET', `/exams/${exam.id}/statistics`)).statusCode).toBe(403);
    expect((await api(town, 'GET', '/exams/abc/statistics')).statusCode).toBe(400);
  });
});

describe('导出: the workbook', () => {
  it('has 成绩 and 试题分析 sheets, and is audited', async () => {
    const res = await api(town, 'GET', `/exams/${exam.id}/results/export`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const results = wb.getWorksheet('成绩')!;
    expect(String(results.getCell(1, 1).value)).toContain('冬训考试');
    expect(results.getRow(3).values).toEqual([
      undefined,
      '姓名',
      '所在党组织',
      '成绩',
      '是否及格',
      '名次',
      '组织内名次',
      '交卷时间',
    ]);
    const first = results.getRow(4).values as unknown[];
    expect(first.slice(1, 7)).toEqual(['甲考生', expect.any(String), 11, '是', 1, 1]);
    const last = results.getRow(8).values as unknown[];
    expect(last.slice(1, 4)).toEqual(['丙考生', expect.any(String), '缺考']);
    const questions = wb.getWorksheet('试题分析')!;
    expect((questions.getRow(4).values as unknown[]).slice(1, 6)).toEqual([
      1,
      expect.any(String),
      '单选题',
      4,
      75,
    ]);
    expect((questions.getRow(5).values as unknown[])[3]).toBe('简答题');
    expect(await audits('exam.results_exported')).toBe(1);
  });

  it('refuses another town (403)', async () => {
    expect((await api(town2, 'GET', `/exams/${exam.id}/results/export`)).statusCode).toBe(403);
  });
});
