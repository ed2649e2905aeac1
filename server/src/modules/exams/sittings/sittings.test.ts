import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QuestionBody } from '../../../../../contracts/exams/questions.ts';
import { makeOrg } from '../../../../test/fixtures.ts';
import { login, orgId, query, type Session, type TestEnv, testEnv } from '../../../../test/harness.ts';
import { makeCategory, makeQuestion, singleBody } from '../bank/fixtures.ts';
import { drawFor } from './attempts.ts';
import { submitOverdue } from './auto-submit.ts';
import { makeExaminee, makePaper } from './fixtures.ts';
import { sittingOf } from './store.ts';

// The moment the tests live in (X-Test-Now: every operation reads ctx.now()).
const NOW = '2026-12-01T09:00:00+08:00';
const at = (minutes: number) => new Date(Date.parse(NOW) + minutes * 60_000).toISOString();

let env: TestEnv;
let town: Session;
let town2: Session;
let town1: number;
let branch: number;
let alice: { memberId: number; session: Session };
let bob: { memberId: number; session: Session };
let category: number;
let qs: number[];

const multiple: QuestionBody = {
  type: 'multiple',
  stem: '“三会一课”包括（ ）。',
  format: 'plain',
  scoring: 'all-or-nothing',
  choices: [
    { text: '支部党员大会', weight: 50 },
    { text: '党小组会', weight: 50 },
    { text: '茶话会', weight: 0 },
  ],
  difficulty: 'medium',
  tags: [],
};
const truefalse: QuestionBody = {
  type: 'truefalse',
  stem: '预备党员的预备期为一年。',
  format: 'plain',
  correct: true,
  difficulty: 'easy',
  tags: [],
};
const short: QuestionBody = {
  type: 'short',
  stem: '谈谈你对“两个确立”的认识。',
  format: 'plain',
  difficulty: 'hard',
  tags: [],
};

beforeAll(async () => {
  env = await testEnv({ testClock: true });
  [town, town2] = await Promise.all(['town_admin', 'town2_admin'].map((u) => login(env, u)));
  town1 = await orgId(env, '中共青山区清河镇委员会');
  branch = (await makeOrg(env, town1, 'branch', '测试考试党支部')).id;
  alice = await makeExaminee(env, branch, '考生甲');
  bob = await makeExaminee(env, branch, '考生乙');
  category = await makeCategory(env, town1);
  qs = [
    await makeQuestion(env, category, singleBody()),
    await makeQuestion(env, category, multiple),
    await makeQuestion(env, category, truefalse),
    await makeQuestion(env, category, short),
  ];
});
afterAll(() => env.close());

const api = (s: Session, method: string, url: string, payload?: object, now = NOW) =>
  env.app.inject({
    method: method as 'GET',
    url: `/api/v1${url}`,
    payload,
    headers: { ...s.headers, 'x-test-now': new Date(now).toISOString() },
  });

const examBody = (paperId: number, over: object = {}) => ({
  orgId: String(town1),
  paperId: String(paperId),
  title: '2026年党章党规知识测试',
  opensAt: at(-10),
  closesAt: at(120),
  durationMinutes: 30,
  attemptsAllowed: 1,
  passScore: 3,
  audienceKind: 'org',
  audienceOrgId: String(branch),
  ...over,
});

async function publish(over: object = {}, paper?: number) {
  const res = await api(
    town,
    'POST',
    '/exams',
    examBody(paper ?? (await makePaper(env, town1, { questionIds: qs })), over),
  );
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; totalPoints: number; candidateCount: number };
}

describe('publishing an exam', () => {
  it('copies the paper, resolves who sits, notifies them and audits', async () => {
    const e = await publish();
    expect(e.totalPoints).toBe(2 + 3 + 1 + 10);
    expect(e.candidateCount).toBe(2);
    const [{ n }] = await query<{ n: number }>(
      env,
      'select count(*)::int as n from exam_questions where exam_id = $1',
      [e.id],
    );
    expect(n).toBe(4);
    const notices = await query(env, "select id from notices where source_type = 'exam' and source_id = $1", [
      e.id,
    ]);
    expect(notices).toHaveLength(1);
    const audit = await query(
      env,
      "select 1 from audit_log where action = 'exam.published' and target_id = $1",
      [e.id],
    );
    expect(audit).toHaveLength(1);
    const mine = (await api(alice.session, 'GET', '/my/exams')).json();
    expect(mine.items.find((x: { id: string }) => x.id === e.id)).toMatchObject({
      phase: 'open',
      questionCount: 4,
    });
  });

  it('refuses what is wrong, naming the field', async () => {
    const paper = await makePaper(env, town1, { questionIds: qs });
    const bad = async (over: object, field: string) => {
      const res = await api(town, 'POST', '/exams', examBody(paper, over));
      expect(res.statusCode, res.body).toBe(400);
      expect(res.body).toContain(field);
    };
    await bad({ passScore: 99 }, 'passScore');
    await bad({ closesAt: at(-20) }, 'closesAt');
    await bad({ audienceKind: 'members', memberIds: [] }, 'memberIds');
    await bad({ title: '' }, 'title');
    await bad({ title: 'a\u0000b'.repeat(60) }, 'title');
  });

  it("keeps to the caller's subtree", async () => {
    const paper = await makePaper(env, town1, { questionIds: qs });
    const e = await publish({}, paper);
    expect((await api(town2, 'GET', `/exams/${e.id}`)).statusCode).toBe(403);
    expect((await api(town2, 'POST', `/exams/${e.id}/cancel`)).statusCode).toBe(403);
    const res = await api(town2, 'POST', '/exams', examBody(paper));
    expect(res.statusCode).toBe(403);
    const list = (await api(town2, 'GET', '/exams?pageSize=200')).json();
    expect(list.items.map((x: { id: string }) => x.id)).not.toContain(e.id);
  });
});

describe('sitting an exam', () => {
  it('starts, saves as answered, resumes, refuses the wrong answers, grades on submit', async () => {
    const e = await publish();
    const start = await api(alice.session, 'POST', `/exams/${e.id}/attempts`);
    expect(start.statusCode, start.body).toBe(200);
    const a = start.json();
    expect(a.slots).toHaveLength(4);
    expect(Date.parse(a.dueAt) - Date.parse(NOW)).toBe(30 * 60_000);
    expect(start.body).not.toContain('weight');
    expect(start.body).not.toContain('"correct"');
    const slotOf = (type: string) => a.slots.find((s: { type: string }) => s.type === type).slot;
    const single = a.slots[slotOf('single')];
    const right = single.choices.find((c: { text: string }) => c.text === '实现共产主义').index;

    const save = (slot: number, answer: object, now = at(1)) =>
      api(alice.session, 'PUT', `/attempts/${a.id}/answers/${slot}`, { answer }, now);
    expect((await save(slotOf('single'), { choices: [right === 0 ? 1 : 0] })).statusCode).toBe(200);
    expect((await save(slotOf('single'), { choices: [right] })).statusCode).toBe(200); // changed mind
    expect((await save(slotOf('multiple'), { choices: [0, 2] })).statusCode).toBe(200);
    expect((await save(slotOf('truefalse'), { truth: true })).statusCode).toBe(200);
    expect((await save(slotOf('short'), { text: '坚决拥护。' })).statusCode).toBe(200);

    // a reload (or another device) resumes exactly
    const again = (await api(alice.session, 'POST', `/exams/${e.id}/attempts`, undefined, at(2))).json();
    expect(again.id).toBe(a.id);
    expect(again.answers[String(slotOf('single'))]).toEqual({ choices: [right] });
    expect(Object.keys(again.answers)).toHaveLength(4);

    // bad input: each refused, nothing saved is lost
    const wrongShape = await save(slotOf('single'), { truth: true });
    expect(wrongShape.statusCode).toBe(400);
    expect(wrongShape.body).toContain('answer.truth');
    expect((await save(slotOf('single'), { choices: [0, 1] })).statusCode).toBe(400);
    expect((await save(slotOf('short'), { text: 'x\u0000' })).statusCode).toBe(400);
    expect((await save(99, { truth: true })).statusCode).toBe(404);
    expect(
      (await api(bob.session, 'PUT', `/attempts/${a.id}/answers/0`, { answer: { truth: true } })).statusCode,
    ).toBe(404);
    expect((await api(bob.session, 'GET', `/attempts/${a.id}`)).statusCode).toBe(404);
    const late = await save(slotOf('truefalse'), { truth: false }, at(30.2));
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('attempt_closed');
    const kept = (await api(alice.session, 'GET', `/attempts/${a.id}`, undefined, at(3))).json();
    expect(kept.answers[String(slotOf('truefalse'))]).toEqual({ truth: true });

    const submitted = await api(alice.session, 'POST', `/attempts/${a.id}/submit`, undefined, at(5));
    expect(submitted.statusCode, submitted.body).toBe(200);
    const r = submitted.json();
    // the short answer waits for a grader: no score yet, though the objective part is graded
    expect(r).toMatchObject({
      status: 'submitted',
      score: null,
      pending: 1,
      passed: null,
      submittedBy: 'member',
    });
    const [{ score }] = await query<{ score: number }>(env, 'select score from exam_attempts where id = $1', [
      a.id,
    ]);
    expect(score).toBe(3); // single 2 + multiple 0 (a wrong choice among them) + true/false 1
    expect(r.reviewOpen).toBe(false);
    // the wrong multiple choice went into the member's book of wrong answers; the right ones did not
    const book = await query<{ question_id: string }>(
      env,
      "select question_id from practice_records where member_id = $1 and in_book and last_source = 'exam'",
      [alice.memberId],
    );
    expect(book.map((b) => Number(b.question_id))).toEqual([qs[1]]);
    expect(r.slots[0].key).toBeNull();
    expect((await api(alice.session, 'POST', `/attempts/${a.id}/submit`, undefined, at(6))).statusCode).toBe(
      409,
    );
    expect((await save(slotOf('truefalse'), { truth: false }, at(6))).json().error.code).toBe(
      'attempt_closed',
    );
    const again2 = await api(alice.session, 'POST', `/exams/${e.id}/attempts`, undefined, at(7));
    expect(again2.statusCode).toBe(409);
    expect(again2.json().error.code).toBe('no_attempts_left');

    // once the exam closes, the review shows the key
    const review = (await api(alice.session, 'GET', `/attempts/${a.id}/result`, undefined, at(121))).json();
    expect(review.reviewOpen).toBe(true);
    expect(review.slots[slotOf('truefalse')].keyText).toBe('正确');
  });

  it('is not open before its time, and not to someone else', async () => {
    const e = await publish({ opensAt: at(60) });
    const early = await api(alice.session, 'POST', `/exams/${e.id}/attempts`);
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('exam_not_open');
    const outsider = await makeExaminee(env, await orgId(env, '中共青山区清河镇委员会'));
    const other = await publish({ audienceKind: 'members', memberIds: [String(alice.memberId)] });
    expect((await api(outsider.session, 'POST', `/exams/${other.id}/attempts`)).statusCode).toBe(403);
  });

  it('never loses an acknowledged answer when saves and the submit cross', async () => {
    const e = await publish();
    const a = (await api(bob.session, 'POST', `/exams/${e.id}/attempts`)).json();
    const tf = a.slots.find((s: { type: string }) => s.type === 'truefalse').slot;
    const sh = a.slots.find((s: { type: string }) => s.type === 'short').slot;
    const saves = Array.from({ length: 12 }, (_, i) =>
      api(bob.session, 'PUT', `/attempts/${a.id}/answers/${i % 2 ? tf : sh}`, {
        answer: i % 2 ? { truth: i % 4 === 1 } : { text: `第${i}稿` },
      }),
    );
    const submit = api(bob.session, 'POST', `/attempts/${a.id}/submit`, undefined, at(1));
    const results = await Promise.all([...saves, submit]);
    for (const r of results.slice(0, -1)) expect([200, 409]).toContain(r.statusCode);
    expect(results.at(-1)!.statusCode).toBe(200);
    const rows = await query<{ slot: number; saved_at: Date; auto_score: number | null }>(
      env,
      'select slot, saved_at, auto_score from exam_answers where attempt_id = $1',
      [a.id],
    );
    const acked = results.slice(0, -1).filter((r) => r.statusCode === 200);
    // every acknowledged answer's slot is there, and the true/false one was graded with the attempt
    for (const r of acked) expect(rows.map((x) => x.slot)).toContain(r.json().slot);
    const tfRow = rows.find((x) => x.slot === tf);
    if (tfRow) expect(tfRow.auto_score).not.toBeNull();
  });

  it('is submitted by the server when time is up', async () => {
    const e = await publish({ durationMinutes: 5 });
    const a = (await api(alice.session, 'POST', `/exams/${e.id}/attempts`)).json();
    await api(alice.session, 'PUT', `/attempts/${a.id}/answers/0`, {
      answer:
        a.slots[0].type === 'truefalse'
          ? { truth: true }
          : a.slots[0].type === 'short'
            ? { text: '答' }
            : { choices: [0] },
    });
    expect(await submitOverdue(env.database.db, new Date(at(5)))).toBe(0); // within the grace
    expect(await submitOverdue(env.database.db, new Date(at(6)))).toBeGreaterThanOrEqual(1);
    const [row] = await query<{ status: string; submitted_by: string }>(
      env,
      'select status, submitted_by from exam_attempts where id = $1',
      [a.id],
    );
    expect(row.submitted_by).toBe('clock');
    expect(row.status).not.toBe('open');
    // reading an overdue attempt submits it too
    const e2 = await publish({ durationMinutes: 1 });
    const b = (await api(bob.session, 'POST', `/exams/${e2.id}/attempts`)).json();
    const read = (await api(bob.session, 'GET', `/attempts/${b.id}`, undefined, at(3))).json();
    expect(read.status).not.toBe('open');
  });
});

describe('random papers', () => {
  it('draws per examinee from the seed, reproducibly, options shuffled', async () => {
    const cat = await makeCategory(env, town1);
    for (let i = 0; i < 6; i++)
      await makeQuestion(env, cat, singleBody(`随机单选题第${i}题：党的最高理想是（ ）。`));
    const paper = await makePaper(env, town1, { categoryId: cat, count: 3 });
    const e = await publish({ passScore: 2 }, paper);
    expect(e.totalPoints).toBe(6);
    const a = (await api(alice.session, 'POST', `/exams/${e.id}/attempts`)).json();
    expect(a.slots).toHaveLength(3);
    const [row] = await query<{ seed: string; slots: unknown }>(
      env,
      'select seed, slots from exam_attempts where id = $1',
      [a.id],
    );
    const s = await sittingOf(env.database.db, Number(e.id));
    expect(drawFor(s, Number(row.seed))).toEqual(row.slots);
    expect(new Set((row.slots as { q: number }[]).map((x) => x.q)).size).toBe(3);
  });

  it('refuses a paper that cannot be drawn', async () => {
    const cat = await makeCategory(env, town1);
    await makeQuestion(env, cat);
    const paper = await makePaper(env, town1, { categoryId: cat, count: 5 });
    const res = await api(town, 'POST', '/exams', examBody(paper));
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('paperId');
  });
});

describe('regrading', () => {
  it('grades every submitted attempt again, with the key corrected in the bank', async () => {
    const cat = await makeCategory(env, town1);
    const q = await makeQuestion(env, cat, truefalse);
    const paper = await makePaper(env, town1, { questionIds: [q] });
    const e = await publish({ passScore: 1 }, paper);
    const a = (await api(alice.session, 'POST', `/exams/${e.id}/attempts`)).json();
    await api(alice.session, 'PUT', `/attempts/${a.id}/answers/0`, { answer: { truth: false } });
    const r = (await api(alice.session, 'POST', `/attempts/${a.id}/submit`)).json();
    expect(r).toMatchObject({ score: 0, passed: false });
    // the key was wrong: corrected in the bank, then the exam regraded from it
    await query(env, "update questions set body = jsonb_set(body, '{correct}', 'false') where id = $1", [q]);
    expect((await api(town2, 'POST', `/exams/${e.id}/regrade?fromBank=true`)).statusCode).toBe(403);
    const res = await api(town, 'POST', `/exams/${e.id}/regrade?fromBank=true`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ attempts: 1, answers: 1 });
    const after = (await api(alice.session, 'GET', `/attempts/${a.id}/result`)).json();
    expect(after).toMatchObject({ score: 1, passed: true, status: 'graded' });
    const audit = await query(
      env,
      "select 1 from audit_log where action = 'exam.regraded' and target_id = $1",
      [e.id],
    );
    expect(audit).toHaveLength(1);
  });
});
