import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnswerValue } from '../../../../../contracts/exams/sittings.ts';
import { orgId, query, type Session, type TestEnv, testEnv } from '../../../../test/harness.ts';
import { makeCategory, makeQuestion, singleBody } from '../bank/fixtures.ts';
import { bookExamAnswers } from './book.ts';
import { bodies, makeRecord, signedInPractiser } from './fixtures.ts';

// The day the tests live in (X-Test-Now: every operation reads ctx.now()).
const NOW = '2026-11-20T10:00:00+08:00';

let env: TestEnv;
let town1: number;
let town2: number;
let me: { memberId: number; session: Session };
let stranger: { memberId: number; session: Session };
/** town 1's bank: 测试练习 (a single choice, a short answer) with 测试练习下级 below it (a true/false). */
let topCategory: number;
let childCategory: number;
let single: number;
let short: number;
let truefalse: number;
/** town 2's bank */
let town2Category: number;
let town2Question: number;

beforeAll(async () => {
  env = await testEnv({ testClock: true });
  town1 = await orgId(env, '中共青山区清河镇委员会');
  town2 = await orgId(env, '中共青山区石桥镇委员会');
  me = await signedInPractiser(env, town1);
  stranger = await signedInPractiser(env, town2);
  topCategory = await makeCategory(env, town1, { name: '测试练习' });
  childCategory = await makeCategory(env, town1, { name: '测试练习下级', parentId: topCategory });
  single = await makeQuestion(env, topCategory, singleBody());
  short = await makeQuestion(env, topCategory, bodies.short());
  truefalse = await makeQuestion(env, childCategory, bodies.truefalse());
  town2Category = await makeCategory(env, town2, { name: '石桥镇题库' });
  town2Question = await makeQuestion(env, town2Category);
});
afterAll(() => env.close());

const api = (s: Session, method: string, url: string, payload?: object) =>
  env.app.inject({
    method: method as 'GET',
    url: `/api/v1${url}`,
    payload,
    headers: { ...s.headers, 'x-test-now': new Date(NOW).toISOString() },
  });
const answer = (s: Session, questionId: number, a: AnswerValue) =>
  api(s, 'POST', '/practice/answers', { questionId: String(questionId), answer: a });
const record = async (memberId: number, questionId: number) =>
  (
    await query<{
      answered: number;
      correct: number;
      in_book: boolean;
      last_answer: unknown;
      last_source: string;
    }>(
      env,
      'select answered, correct, in_book, last_answer, last_source from practice_records where member_id = $1 and question_id = $2',
      [memberId, questionId],
    )
  )[0];

describe('which banks a member practises from', () => {
  it('lists the categories of their own org’s banks and those above, with what practice can grade', async () => {
    const res = await api(me.session, 'GET', '/practice/categories');
    expect(res.statusCode, res.body).toBe(200);
    const items: { id: string; name: string; orgName: string; questionCount: number }[] = res.json().items;
    const byName = new Map(items.map((c) => [c.name, c]));
    // the short answer is not counted; the category counts the one below it
    expect(byName.get('测试练习')).toMatchObject({ id: String(topCategory), questionCount: 2 });
    expect(byName.get('测试练习 / 测试练习下级')).toMatchObject({ questionCount: 1 });
    expect(byName.get('测试练习')?.orgName).toBe('中共青山区清河镇委员会');
    // the department's demo bank, at the root
    expect(byName.get('党史')?.questionCount).toBeGreaterThan(10);
    expect(byName.has('石桥镇题库')).toBe(false);
    // the member's own town first, the department's after
    expect(items.findIndex((c) => c.name === '测试练习')).toBeLessThan(
      items.findIndex((c) => c.name === '党史'),
    );
  });

  it('a member of town 1 cannot practise town 2’s bank (404), nor ask for its category', async () => {
    const res = await answer(me.session, town2Question, { choices: [0] });
    expect(res.statusCode).toBe(404);
    expect((await api(me.session, 'GET', `/practice/next?categoryId=${town2Category}`)).statusCode).toBe(404);
    expect(await record(me.memberId, town2Question)).toBeUndefined();
  });

  it('a town 2 member does practise it', async () => {
    const res = await answer(stranger.session, town2Question, { choices: [0] });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ correct: true, percent: 100, inBook: false });
  });
});

describe('the next question', () => {
  it('comes from the category and those below it, never a short answer, in the bank’s order', async () => {
    const seen = new Set<string>();
    for (let i = 0; i < 12; i++) {
      const res = await api(me.session, 'GET', `/practice/next?categoryId=${topCategory}`);
      expect(res.statusCode, res.body).toBe(200);
      const q = res.json().question;
      seen.add(q.questionId);
      if (q.questionId === String(single))
        expect(q.view.choices).toEqual([
          { index: 0, text: '实现共产主义' },
          { index: 1, text: '全面建成小康社会' },
        ]);
    }
    expect([...seen].sort()).toEqual([String(single), String(truefalse)].sort());
    expect(seen.has(String(short))).toBe(false);
  });

  it('prefers a question not answered yet, then one practised longest ago', async () => {
    const m = await signedInPractiser(env, town1);
    await makeRecord(env, m.memberId, single, { inBook: false, answered: 1, correct: 1 });
    const first = await api(m.session, 'GET', `/practice/next?categoryId=${topCategory}`);
    expect(first.json().question.questionId).toBe(String(truefalse));
    expect(first.json().question.categoryName).toBe('测试练习下级');
  });

  it('from the book: only what is in it; none left: null', async () => {
    const m = await signedInPractiser(env, town1);
    expect((await api(m.session, 'GET', '/practice/next?book=true')).json()).toEqual({ question: null });
    await makeRecord(env, m.memberId, truefalse);
    for (let i = 0; i < 3; i++) {
      const res = await api(m.session, 'GET', '/practice/next?book=true');
      expect(res.json().question.questionId).toBe(String(truefalse));
    }
  });
});

describe('feedback per type', () => {
  it('单选题: right and wrong, with the key in letters', async () => {
    const m = await signedInPractiser(env, town1);
    const wrong = await answer(m.session, single, { choices: [1] });
    expect(wrong.statusCode, wrong.body).toBe(200);
    expect(wrong.json()).toEqual({
      correct: false,
      percent: 0,
      key: { choices: [0] },
      keyText: 'A',
      explanation: null,
      inBook: true,
    });
    expect((await answer(m.session, single, { choices: [0] })).json()).toMatchObject({
      correct: true,
      percent: 100,
    });
  });

  it('多选题: all-or-nothing, and partial credit where half right is still wrong', async () => {
    const all = await makeQuestion(env, topCategory, bodies.multiple());
    const partial = await makeQuestion(env, topCategory, bodies.multiple('partial'));
    expect((await answer(me.session, all, { choices: [2, 0] })).json()).toMatchObject({
      correct: true,
      keyText: 'A、C',
    });
    expect((await answer(me.session, all, { choices: [0] })).json()).toMatchObject({
      correct: false,
      percent: 0,
    });
    expect((await answer(me.session, partial, { choices: [0] })).json()).toMatchObject({
      correct: false,
      percent: 50,
      inBook: true,
    });
  });

  it('判断题, with the explanation', async () => {
    expect((await answer(me.session, truefalse, { truth: false })).json()).toEqual({
      correct: false,
      percent: 0,
      key: { truth: true },
      keyText: '正确',
      explanation: '遵义会议于1935年1月召开。',
      inBook: true,
    });
    expect((await answer(me.session, truefalse, { truth: true })).json()).toMatchObject({ correct: true });
  });

  it('填空题 (width and spaces normalized) and 数值题 (full-width digits)', async () => {
    const fill = await makeQuestion(env, topCategory, bodies.fill());
    const numeric = await makeQuestion(env, topCategory, bodies.numeric());
    expect((await answer(me.session, fill, { text: ' 共产主义 ' })).json()).toMatchObject({
      correct: true,
      keyText: '共产主义',
    });
    expect((await answer(me.session, fill, { text: '社会主义' })).json()).toMatchObject({ correct: false });
    expect((await answer(me.session, numeric, { text: '１３' })).json()).toMatchObject({
      correct: true,
      key: { text: '13' },
    });
    expect((await answer(me.session, numeric, { text: '12' })).json()).toMatchObject({ correct: false });
  });

  it('简答题: not graded in practice, nothing kept', async () => {
    const res = await answer(me.session, short, { text: '挽救了党' });
    expect(res.json()).toEqual({
      correct: false,
      percent: null,
      key: null,
      keyText: null,
      explanation: '挽救了党、挽救了红军、挽救了中国革命。',
      inBook: false,
    });
    expect(await record(me.memberId, short)).toBeUndefined();
  });
});

describe('bad input names the field', () => {
  it('a choice the question does not have', async () => {
    const res = await answer(me.session, single, { choices: [5] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].path).toBe('answer.choices');
  });
  it('two choices for a single choice', async () => {
    const res = await answer(me.session, single, { choices: [0, 1] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('单选题只能选一项');
  });
  it('text for a true/false', async () => {
    const res = await answer(me.session, truefalse, { text: '对' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].path).toBe('answer.text');
  });
  it('a field the answer does not have, and a malformed question id', async () => {
    const odd = await api(me.session, 'POST', '/practice/answers', {
      questionId: String(single),
      answer: { pick: 1 },
    });
    expect(odd.statusCode).toBe(400);
    const bad = await api(me.session, 'POST', '/practice/answers', { questionId: 'x', answer: {} });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json().error)).toContain('questionId');
  });
  it('nothing kept after a refusal', async () => {
    const m = await signedInPractiser(env, town1);
    await answer(m.session, single, { choices: [7] });
    expect(await record(m.memberId, single)).toBeUndefined();
  });
});

describe('the book of wrong answers', () => {
  it('a wrong answer puts the question in, with the answer, the key and the 解析; a right one takes it out', async () => {
    const m = await signedInPractiser(env, town1);
    await answer(m.session, truefalse, { truth: false });
    await answer(m.session, truefalse, { truth: false });
    expect(await record(m.memberId, truefalse)).toEqual({
      answered: 2,
      correct: 0,
      in_book: true,
      last_answer: { truth: false },
      last_source: 'practice',
    });
    const book = await api(m.session, 'GET', '/practice/wrong');
    expect(book.statusCode, book.body).toBe(200);
    expect(book.json()).toMatchObject({
      total: 1,
      page: 1,
      items: [
        {
          questionId: String(truefalse),
          view: { type: 'truefalse', stem: '遵义会议召开于1935年。' },
          wrongTimes: 2,
          lastAnswer: { truth: false },
          lastSource: 'practice',
          lastAt: new Date(NOW).toISOString(),
          key: { truth: true },
          keyText: '正确',
          explanation: '遵义会议于1935年1月召开。',
        },
      ],
    });
    const right = await answer(m.session, truefalse, { truth: true });
    expect(right.json()).toMatchObject({ correct: true, inBook: false });
    expect((await api(m.session, 'GET', '/practice/wrong')).json()).toMatchObject({ total: 0, items: [] });
    expect(await record(m.memberId, truefalse)).toMatchObject({ answered: 3, correct: 1, in_book: false });
  });

  it('the latest first, a page at a time', async () => {
    const m = await signedInPractiser(env, town1);
    await query(
      env,
      `insert into practice_records (member_id, question_id, answered, in_book, last_at)
       values ($1, $2, 1, true, now() - interval '2 days'), ($1, $3, 1, true, now() - interval '1 day')`,
      [m.memberId, single, truefalse],
    );
    const first = await api(m.session, 'GET', '/practice/wrong?pageSize=1');
    expect(first.json()).toMatchObject({ total: 2, items: [{ questionId: String(truefalse) }] });
    const second = await api(m.session, 'GET', '/practice/wrong?pageSize=1&page=2');
    expect(second.json()).toMatchObject({ total: 2, items: [{ questionId: String(single) }] });
    expect((await api(m.session, 'GET', '/practice/wrong?page=3&pageSize=1')).json()).toMatchObject({
      total: 2,
      items: [],
    });
  });

  it('移出: the member takes a question out; again, or one not in the book: 404', async () => {
    const m = await signedInPractiser(env, town1);
    await makeRecord(env, m.memberId, single);
    const res = await api(m.session, 'DELETE', `/practice/wrong/${single}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ ok: true });
    expect(await record(m.memberId, single)).toMatchObject({ in_book: false, answered: 1 });
    expect((await api(m.session, 'DELETE', `/practice/wrong/${single}`)).statusCode).toBe(404);
    // no audit: the member's own book
    const [a] = await query<{ n: number }>(
      env,
      "select count(*)::int as n from audit_log where action like 'practice%'",
    );
    expect(a.n).toBe(0);
  });

  it('a question an exam put in the book is practised from it even outside the member’s banks', async () => {
    const m = await signedInPractiser(env, town1);
    await bookExamAnswers(env.database.db, m.memberId, [
      { questionId: town2Question, answer: { choices: [1] }, right: false },
    ]);
    const next = await api(m.session, 'GET', '/practice/next?book=true');
    expect(next.json().question.questionId).toBe(String(town2Question));
    const res = await answer(m.session, town2Question, { choices: [0] });
    expect(res.json()).toMatchObject({ correct: true, inBook: false });
  });
});

describe('bookExamAnswers (a graded exam attempt)', () => {
  it('wrong answers go into the book from the exam; right ones count as answered and correct', async () => {
    const m = await signedInPractiser(env, town1);
    await makeRecord(env, m.memberId, truefalse, { answered: 1, correct: 0, lastAnswer: { truth: false } });
    await bookExamAnswers(env.database.db, m.memberId, [
      { questionId: single, answer: { choices: [1] }, right: false },
      { questionId: truefalse, answer: { truth: true }, right: true },
      { questionId: short, answer: null, right: false },
    ]);
    expect(await record(m.memberId, single)).toEqual({
      answered: 1,
      correct: 0,
      in_book: true,
      last_answer: { choices: [1] },
      last_source: 'exam',
    });
    // right in the exam: counted; still in the book, as it was (only practising takes it out)
    expect(await record(m.memberId, truefalse)).toEqual({
      answered: 2,
      correct: 1,
      in_book: true,
      last_answer: { truth: false },
      last_source: 'practice',
    });
    // no answer given is a wrong one, with no last answer
    expect(await record(m.memberId, short)).toMatchObject({ in_book: true, last_answer: null });
    const book = await api(m.session, 'GET', '/practice/wrong');
    expect(
      book.json().items.find((i: { questionId: string }) => i.questionId === String(single)),
    ).toMatchObject({
      lastSource: 'exam',
      lastAnswer: { choices: [1] },
    });
  });

  it('a right answer on a new question; the same question twice; nothing at all', async () => {
    const m = await signedInPractiser(env, town1);
    await bookExamAnswers(env.database.db, m.memberId, []);
    await bookExamAnswers(env.database.db, m.memberId, [
      { questionId: single, answer: { choices: [1] }, right: false },
      { questionId: single, answer: { choices: [0] }, right: true },
    ]);
    expect(await record(m.memberId, single)).toMatchObject({ answered: 1, correct: 1, in_book: false });
    await bookExamAnswers(env.database.db, m.memberId, [
      { questionId: single, answer: { choices: [1] }, right: false },
    ]);
    expect(await record(m.memberId, single)).toMatchObject({
      answered: 2,
      correct: 1,
      in_book: true,
      last_source: 'exam',
    });
  });
});
