import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, orgId, query, type Session, type TestEnv, testEnv } from '../../../../test/harness.ts';
import { makeCategory, makeQuestion, singleBody } from '../bank/fixtures.ts';
import { makePaper } from './fixtures.ts';

let env: TestEnv;
let admin: Session;
let town: Session;
let town2: Session;
let secretary: Session;
let root: number;
let town1: number;
let town2Id: number;
/** The department's demo bank: 党史 (single, truefalse, fill questions of Party history). */
let history: string;

beforeAll(async () => {
  env = await testEnv();
  [admin, town, town2, secretary] = await Promise.all(
    ['admin', 'town_admin', 'town2_admin', 'secretary'].map((u) => login(env, u)),
  );
  root = await orgId(env, '中共青山区委员会');
  town1 = await orgId(env, '中共青山区清河镇委员会');
  town2Id = await orgId(env, '中共青山区石桥镇委员会');
  const [c] = await query<{ id: string }>(
    env,
    "select id from question_categories where org_id = $1 and name = '党史' and parent_id is null",
    [root],
  );
  history = String(c.id);
});
afterAll(() => env.close());

const api = (s: Session, method: string, url: string, payload?: object) =>
  env.app.inject({ method: method as 'GET', url: `/api/v1${url}`, payload, headers: s.headers });

const auditCount = async (action: string, targetId?: string) =>
  Number(
    (
      await query<{ n: string }>(
        env,
        'select count(*) as n from audit_log where action = $1 and ($2::text is null or target_id = $2)',
        [action, targetId ?? null],
      )
    )[0].n,
  );

/** The field a 400 names (details[0].path), and its message. */
const refusal = (res: {
  statusCode: number;
  json: () => { error: { message: string; details?: { path: string }[] } };
}) => ({
  status: res.statusCode,
  path: res.json().error.details?.[0]?.path,
  message: res.json().error.message,
});

const randomPaper = (over: object = {}) => ({
  orgId: String(town1),
  title: '党史知识测试（随机）',
  kind: 'random',
  rules: [
    { categoryId: history, type: 'single', count: 5 },
    { categoryId: history, type: 'truefalse', count: 3 },
  ],
  ...over,
});

describe('a random paper from the department’s bank', () => {
  let id: string;

  it('the town admin makes one: 5 单选 (2 points) and 3 判断 (1 point) make 8 questions and 13 points', async () => {
    const res = await api(town, 'POST', '/papers', randomPaper());
    expect(res.statusCode, res.body).toBe(201);
    const p = res.json();
    id = p.id;
    expect(p).toMatchObject({
      orgId: String(town1),
      kind: 'random',
      questionCount: 8,
      totalPoints: 13,
      shuffleOptions: true,
      status: 'active',
      questionIds: [],
      can: { edit: true },
    });
    expect(p.rules).toHaveLength(2);
    expect(p.rules[0]).toMatchObject({
      categoryName: '党史',
      type: 'single',
      includeSubcategories: true,
      count: 5,
    });
    expect(p.rules[0].available).toBeGreaterThanOrEqual(5);
    expect(await auditCount('paper.created', id)).toBe(1);
  });

  it('the preview deals a sample without the key; the same seed deals the same paper, another seed another', async () => {
    const a = await api(town, 'GET', `/papers/${id}/preview?seed=42`);
    expect(a.statusCode, a.body).toBe(200);
    const sample = a.json();
    expect(sample.seed).toBe(42);
    expect(sample.totalPoints).toBe(13);
    expect(sample.slots.map((s: { type: string }) => s.type)).toEqual([
      ...Array(5).fill('single'),
      ...Array(3).fill('truefalse'),
    ]);
    expect(sample.slots.map((s: { slot: number }) => s.slot)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(a.body).not.toContain('weight');
    expect(a.body).not.toContain('correct');
    const again = await api(town, 'GET', `/papers/${id}/preview?seed=42`);
    expect(again.json()).toEqual(sample);
    const other = await api(town, 'GET', `/papers/${id}/preview?seed=43`);
    expect(other.json().slots).not.toEqual(sample.slots);
    const fresh = await api(town, 'GET', `/papers/${id}/preview`);
    expect(fresh.json().seed).toBeGreaterThan(0);
  });

  it('the secretary sees papers of the town’s subtree only as far as their branch: the town’s paper is not theirs', async () => {
    const list = await api(secretary, 'GET', '/papers');
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().items.map((p: { id: string }) => p.id)).not.toContain(id);
    expect((await api(secretary, 'POST', '/papers', randomPaper())).statusCode).toBe(403);
  });

  it('a rule asking for more than there is is refused naming rules.N.count with the numbers', async () => {
    const res = await api(
      town,
      'POST',
      '/papers',
      randomPaper({ rules: [{ categoryId: history, type: 'single', count: 200 }] }),
    );
    const r = refusal(res);
    expect(r).toMatchObject({ status: 400, path: 'rules.0.count' });
    expect(r.message).toMatch(/要抽 200 题，符合条件的题目只有 \d+ 题/);
  });

  it('a rule mixing types of different points is refused naming rules.N.type', async () => {
    const res = await api(
      town,
      'POST',
      '/papers',
      randomPaper({ rules: [{ categoryId: history, count: 3 }] }),
    );
    expect(refusal(res)).toMatchObject({ status: 400, path: 'rules.0.type' });
  });

  it('two rules sharing too few questions cannot be drawn: refused naming rules', async () => {
    const cat = await makeCategory(env, town1);
    for (let i = 0; i < 3; i++) await makeQuestion(env, cat, singleBody(`共享题${i}`));
    const res = await api(
      town,
      'POST',
      '/papers',
      randomPaper({
        rules: [
          { categoryId: String(cat), type: 'single', count: 2 },
          { categoryId: String(cat), type: 'single', count: 2 },
        ],
      }),
    );
    expect(refusal(res)).toMatchObject({ status: 400, path: 'rules' });
  });

  it('a random paper naming questions, or a fixed one with rules, is refused naming the field', async () => {
    const q = await makeQuestion(env, await makeCategory(env, town1));
    expect(
      refusal(await api(town, 'POST', '/papers', randomPaper({ questionIds: [String(q)] }))),
    ).toMatchObject({
      status: 400,
      path: 'questionIds',
    });
    expect(
      refusal(await api(town, 'POST', '/papers', randomPaper({ kind: 'fixed', questionIds: [String(q)] }))),
    ).toMatchObject({
      status: 400,
      path: 'rules',
    });
    expect(refusal(await api(town, 'POST', '/papers', randomPaper({ rules: [] })))).toMatchObject({
      status: 400,
      path: 'rules',
    });
  });
});

describe('a fixed paper', () => {
  let id: string;
  let mine: number[];
  let cat: number;

  beforeAll(async () => {
    cat = await makeCategory(env, town1, { name: '乡村振兴政策' });
    mine = [];
    for (let i = 0; i < 4; i++) mine.push(await makeQuestion(env, cat, singleBody(`乡村振兴第${i + 1}题`)));
  });

  it('the town admin picks questions of the town’s bank and the department’s, in the order picked', async () => {
    const [dept] = await query<{ id: string }>(
      env,
      "select id from questions where org_id = $1 and type = 'truefalse' and status = 'active' order by id limit 1",
      [root],
    );
    const questionIds = [String(mine[2]), String(dept.id), String(mine[0])];
    const res = await api(town, 'POST', '/papers', {
      orgId: String(town1),
      title: '乡村振兴应知应会',
      kind: 'fixed',
      shuffleOptions: false,
      points: { single: 5, multiple: 5, truefalse: 2, fill: 5, numeric: 5, short: 10 },
      questionIds,
    });
    expect(res.statusCode, res.body).toBe(201);
    id = res.json().id;
    expect(res.json()).toMatchObject({
      questionIds,
      questionCount: 3,
      totalPoints: 12,
      rules: [],
      shuffleOptions: false,
    });
    const preview = (await api(town, 'GET', `/papers/${id}/preview?seed=5`)).json();
    expect(preview.slots.map((s: { stem: string }) => s.stem)[0]).toContain('乡村振兴第3题');
    // not shuffled: the choices in the bank's order
    expect(preview.slots[0].choices.map((c: { index: number }) => c.index)).toEqual([0, 1]);
  });

  it('the list shows it to the town and the district, searched by title; not to the other town', async () => {
    const list = await api(town, 'GET', '/papers?q=应知应会');
    expect(list.json().items.map((p: { id: string }) => p.id)).toEqual([id]);
    const all = await api(admin, 'GET', `/papers?orgId=${town1}&pageSize=200`);
    expect(all.json().items.map((p: { id: string }) => p.id)).toContain(id);
    expect(all.json().items.find((p: { id: string }) => p.id === id)).toMatchObject({
      orgName: '中共青山区清河镇委员会',
    });
    const other = await api(town2, 'GET', '/papers?pageSize=200');
    expect(other.json().items.map((p: { id: string }) => p.id)).not.toContain(id);
    expect((await api(town2, 'GET', `/papers?orgId=${town1}`)).statusCode).toBe(403);
  });

  it('the other town’s admin can neither open, preview, edit nor archive it (403)', async () => {
    expect((await api(town2, 'GET', `/papers/${id}`)).statusCode).toBe(403);
    expect((await api(town2, 'GET', `/papers/${id}/preview`)).statusCode).toBe(403);
    const edit = await api(town2, 'PUT', `/papers/${id}`, {
      orgId: String(town1),
      title: '改',
      kind: 'fixed',
      questionIds: [String(mine[0])],
    });
    expect(edit.statusCode).toBe(403);
    expect((await api(town2, 'POST', `/papers/${id}/archive`)).statusCode).toBe(403);
    expect((await api(town, 'GET', '/papers/999999999')).statusCode).toBe(404);
  });

  it('a question of the other town’s bank is refused naming questionIds.N; so is an unknown or repeated one', async () => {
    const theirs = await makeQuestion(env, await makeCategory(env, town2Id));
    const base = { orgId: String(town1), title: '越权', kind: 'fixed' };
    expect(
      refusal(
        await api(town, 'POST', '/papers', { ...base, questionIds: [String(mine[0]), String(theirs)] }),
      ),
    ).toMatchObject({ status: 400, path: 'questionIds.1' });
    expect(
      refusal(await api(town, 'POST', '/papers', { ...base, questionIds: ['987654321'] })),
    ).toMatchObject({
      status: 400,
      path: 'questionIds.0',
    });
    expect(
      refusal(
        await api(town, 'POST', '/papers', { ...base, questionIds: [String(mine[0]), String(mine[0])] }),
      ),
    ).toMatchObject({ status: 400, path: 'questionIds.1' });
    expect(refusal(await api(town, 'POST', '/papers', { ...base, questionIds: [] }))).toMatchObject({
      status: 400,
      path: 'questionIds',
    });
    const theirCategory = await makeCategory(env, town2Id);
    await makeQuestion(env, theirCategory);
    expect(
      refusal(
        await api(
          town,
          'POST',
          '/papers',
          randomPaper({ rules: [{ categoryId: String(theirCategory), type: 'single', count: 1 }] }),
        ),
      ),
    ).toMatchObject({ status: 400, path: 'rules.0.categoryId' });
  });

  it('an archived question cannot be put on a paper', async () => {
    const q = await makeQuestion(env, cat, singleBody('已停用的题'));
    await query(env, "update questions set status = 'archived' where id = $1", [q]);
    const res = await api(town, 'POST', '/papers', {
      orgId: String(town1),
      title: '停用题',
      kind: 'fixed',
      questionIds: [String(q)],
    });
    expect(refusal(res)).toMatchObject({ status: 400, path: 'questionIds.0' });
  });

  it('bad titles are refused naming title: empty, 10,000 characters, a NUL byte', async () => {
    const base = { orgId: String(town1), kind: 'fixed', questionIds: [String(mine[0])] };
    for (const title of ['   ', '题'.repeat(10_000), '党史\u0000测试']) {
      const res = await api(town, 'POST', '/papers', { ...base, title });
      expect(res.statusCode, title.slice(0, 10)).toBe(400);
      expect(res.json().error.message).toContain('title');
    }
  });

  it('editing replaces the questions and is audited; two edits at once apply one after the other, never a mix', async () => {
    const edit = (questionIds: number[], title: string) =>
      api(town, 'PUT', `/papers/${id}`, {
        orgId: String(town1),
        title,
        kind: 'fixed',
        questionIds: questionIds.map(String),
      });
    const res = await edit([mine[1], mine[3]], '乡村振兴应知应会（修订）');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      title: '乡村振兴应知应会（修订）',
      questionIds: [String(mine[1]), String(mine[3])],
      questionCount: 2,
    });
    expect(await auditCount('paper.edited', id)).toBe(1);
    const [a, b] = await Promise.all([edit([mine[0], mine[1], mine[2]], '甲'), edit([mine[3]], '乙')]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    const now = (await api(town, 'GET', `/papers/${id}`)).json();
    const asA = { title: '甲', questionIds: [mine[0], mine[1], mine[2]].map(String) };
    const asB = { title: '乙', questionIds: [String(mine[3])] };
    expect([asA, asB]).toContainEqual({ title: now.title, questionIds: now.questionIds });
  });

  it('an edit may turn it into a random paper', async () => {
    const res = await api(town, 'PUT', `/papers/${id}`, randomPaper({ title: '乡村振兴应知应会（随机）' }));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ kind: 'random', questionIds: [], questionCount: 8 });
    const [{ n }] = await query<{ n: string }>(
      env,
      'select count(*) as n from paper_questions where paper_id = $1',
      [id],
    );
    expect(Number(n)).toBe(0);
  });

  it('archiving twice at once: one archives it, the other is told it already is (409); then it cannot be edited', async () => {
    const [a, b] = await Promise.all([
      api(town, 'POST', `/papers/${id}/archive`),
      api(town, 'POST', `/papers/${id}/archive`),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    expect(await auditCount('paper.archived', id)).toBe(1);
    const p = (await api(town, 'GET', `/papers/${id}`)).json();
    expect(p).toMatchObject({ status: 'archived', can: { edit: false } });
    const edit = await api(town, 'PUT', `/papers/${id}`, randomPaper());
    expect(edit.statusCode).toBe(409);
  });
});

describe('fixtures', () => {
  it('makePaper makes a fixed paper that can be previewed', async () => {
    const paper = await makePaper(env, town1, { questions: 3 });
    const res = await api(town, 'GET', `/papers/${paper.id}/preview?seed=1`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().slots).toHaveLength(3);
    expect(res.json().totalPoints).toBe(6);
  });
});
