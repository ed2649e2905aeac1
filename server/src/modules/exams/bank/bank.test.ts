import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, orgId, query, type Session, type TestEnv, testEnv } from '../../../../test/harness.ts';
import { HEADERS } from './excel.ts';
import { jpeg, makeCategory, makeQuestion, multipartFile, singleBody } from './fixtures.ts';

let env: TestEnv;
let admin: Session;
let town: Session;
let town2: Session;
let secretary: Session;
let root: number;
let town1: number;

beforeAll(async () => {
  env = await testEnv();
  [admin, town, town2, secretary] = await Promise.all(
    ['admin', 'town_admin', 'town2_admin', 'secretary'].map((u) => login(env, u)),
  );
  root = await orgId(env, '中共青山区委员会');
  town1 = await orgId(env, '中共青山区清河镇委员会');
});
afterAll(() => env.close());

const api = (s: Session, method: string, url: string, payload?: object) =>
  env.app.inject({ method: method as 'GET', url: `/api/v1${url}`, payload, headers: s.headers });

const upload = (s: Session, url: string, body: Buffer, filename: string) => {
  const f = multipartFile(body, filename, 'application/octet-stream');
  return env.app.inject({
    method: 'POST',
    url: `/api/v1${url}`,
    payload: f.payload,
    headers: { ...s.headers, ...f.headers },
  });
};

const auditCount = async (action: string) =>
  Number(
    (await query<{ n: string }>(env, 'select count(*) as n from audit_log where action = $1', [action]))[0].n,
  );

describe('the demo bank', () => {
  it('the department’s bank holds about two hundred Party-knowledge questions in 党章, 党史, 三会一课', async () => {
    const cats = await api(admin, 'GET', '/question-categories');
    const names = cats
      .json()
      .items.filter((c: { orgId: string }) => c.orgId === String(root))
      .map((c: { name: string }) => c.name);
    expect(names).toEqual(expect.arrayContaining(['党章', '党史', '三会一课']));
    const page = await api(admin, 'GET', `/questions?orgId=${root}&pageSize=1`);
    expect(page.json().total).toBeGreaterThanOrEqual(150);
  });
});

describe('categories and questions', () => {
  let top: string;
  let child: string;
  let questionId: string;

  it('the town admin builds a tree in the town’s bank; a sibling of the same name is refused naming name', async () => {
    const a = await api(town, 'POST', '/question-categories', { orgId: String(town1), name: '乡村振兴' });
    expect(a.statusCode, a.body).toBe(201);
    top = a.json().id;
    const b = await api(town, 'POST', '/question-categories', { parentId: top, name: '政策法规' });
    expect(b.statusCode, b.body).toBe(201);
    expect(b.json()).toMatchObject({ parentId: top, orgId: String(town1), can: { edit: true } });
    child = b.json().id;
    const again = await api(town, 'POST', '/question-categories', { parentId: top, name: '政策法规' });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.message).toContain('name');
    expect(await auditCount('question.category_created')).toBeGreaterThanOrEqual(2);
  });

  it('questions of each type are checked by the bank’s rules: a single choice with two right answers is refused naming question.choices', async () => {
    const bad = await api(town, 'POST', '/questions', {
      categoryId: child,
      question: {
        ...singleBody(),
        choices: [
          { text: '甲', weight: 100 },
          { text: '乙', weight: 100 },
        ],
      },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('question.choices');
    const made = await api(town, 'POST', '/questions', {
      categoryId: child,
      question: {
        type: 'fill',
        stem: '乡村振兴战略的总要求是产业兴旺、生态宜居、乡风文明、____、生活富裕。',
        accepted: [{ text: '治理有效' }],
        tags: ['乡村振兴'],
      },
    });
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json()).toMatchObject({
      type: 'fill',
      categoryName: '政策法规',
      tags: ['乡村振兴'],
      difficulty: 'medium',
    });
    questionId = made.json().id;
  });

  it('the list narrows by a category with those below it, type, tag and words', async () => {
    const ids = async (q: string) =>
      (await api(town, 'GET', `/questions?${q}`)).json().items.map((x: { id: string }) => x.id);
    expect(await ids(`categoryId=${top}`)).toEqual([questionId]);
    expect(await ids(`categoryId=${top}&type=single`)).toEqual([]);
    expect(await ids(`categoryId=${top}&tag=乡村振兴`)).toEqual([questionId]);
    expect(await ids(`q=${encodeURIComponent('生态宜居')}`)).toContain(questionId);
  });

  it('a category with a question or a child cannot be removed; an empty one can', async () => {
    expect((await api(town, 'DELETE', `/question-categories/${top}`)).statusCode).toBe(409);
    expect((await api(town, 'DELETE', `/question-categories/${child}`)).statusCode).toBe(409);
    const empty = await api(town, 'POST', '/question-categories', { parentId: top, name: '待删' });
    expect((await api(town, 'DELETE', `/question-categories/${empty.json().id}`)).statusCode).toBe(200);
  });

  it('editing keeps the question in its bank; archiving takes it out of the list, audited', async () => {
    const edited = await api(town, 'PUT', `/questions/${questionId}`, {
      categoryId: top,
      question: { type: 'truefalse', stem: '乡村振兴是新时代“三农”工作的总抓手。', correct: true },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ type: 'truefalse', categoryId: top });
    const elsewhere = await makeCategory(env, root);
    const moved = await api(admin, 'PUT', `/questions/${questionId}`, {
      categoryId: String(elsewhere),
      question: edited.json().body,
    });
    expect(moved.statusCode).toBe(400);
    expect(moved.json().error.message).toContain('categoryId');
    expect((await api(town, 'POST', `/questions/${questionId}/archive`)).json().status).toBe('archived');
    expect((await api(town, 'GET', `/questions?categoryId=${top}`)).json().items).toEqual([]);
    expect(await auditCount('question.archived')).toBe(1);
  });
});

describe('scope', () => {
  let townCategory: number;
  let townQuestion: number;
  beforeAll(async () => {
    townCategory = await makeCategory(env, town1, { name: '清河镇专属' });
    townQuestion = await makeQuestion(env, townCategory);
  });

  it('town 2’s admin sees neither the town’s categories nor its questions, and cannot change them', async () => {
    const cats = await api(town2, 'GET', '/question-categories');
    expect(cats.json().items.map((c: { id: string }) => c.id)).not.toContain(String(townCategory));
    const list = await api(town2, 'GET', '/questions?pageSize=200');
    expect(list.json().items.map((q: { id: string }) => q.id)).not.toContain(String(townQuestion));
    expect((await api(town2, 'GET', `/questions/${townQuestion}`)).statusCode).toBe(403);
    expect((await api(town2, 'GET', `/questions?categoryId=${townCategory}`)).statusCode).toBe(403);
    expect(
      (await api(town2, 'PATCH', `/question-categories/${townCategory}`, { name: '改' })).statusCode,
    ).toBe(403);
    expect((await api(town2, 'POST', `/questions/${townQuestion}/archive`)).statusCode).toBe(403);
  });

  it('every admin reads the department’s bank but changes only their own', async () => {
    const [dept] = (await api(town2, 'GET', '/question-categories'))
      .json()
      .items.filter((c: { orgId: string }) => c.orgId === String(root));
    expect(dept.can.edit).toBe(false);
    const list = await api(town2, 'GET', `/questions?categoryId=${dept.id}&pageSize=1`);
    expect(list.statusCode).toBe(200);
    expect(list.json().items[0].can.edit).toBe(false);
    const rename = await api(town2, 'PATCH', `/question-categories/${dept.id}`, { name: '改名' });
    expect(rename.statusCode).toBe(403);
  });

  it('the secretary views the bank but does not keep it', async () => {
    expect((await api(secretary, 'GET', '/question-categories')).statusCode).toBe(200);
    expect(
      (
        await api(secretary, 'POST', '/questions', {
          categoryId: String(townCategory),
          question: singleBody(),
        })
      ).statusCode,
    ).toBe(403);
  });
});

/** A filled copy of the downloaded template: `rows` in the template's columns, the example row left in. */
async function fill(template: Buffer, rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(template as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  rows.forEach((r, i) => {
    ws.getRow(3 + i).values = r;
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const row = (cells: Partial<Record<(typeof HEADERS)[number], string>>) => HEADERS.map((h) => cells[h] ?? '');

describe('Excel: the template round trip, all or nothing', () => {
  let target: number;
  let template: Buffer;
  beforeAll(async () => {
    target = await makeCategory(env, town1, { name: 'Excel导入' });
    const res = await api(town, 'GET', '/question-template');
    expect(res.statusCode).toBe(200);
    template = res.rawPayload;
  });

  const GOOD = [
    row({
      题型: '单选题',
      题干: '党的根本组织原则是（ ）。',
      选项A: '民主集中制',
      选项B: '集体领导',
      答案: 'A',
      难度: '易',
      标签: '党章',
      分类: '党章/组织制度',
    }),
    row({
      题型: '多选题',
      题干: '“三会”包括（ ）。',
      选项A: '支部党员大会',
      选项B: '支部委员会',
      选项C: '党小组会',
      选项D: '职代会',
      答案: 'ABC',
      分类: '三会一课',
    }),
    row({ 题型: '判断题', 题干: '预备党员的预备期为一年。', 答案: '正确', 解析: '党章第七条' }),
    row({
      题型: '填空题',
      题干: '党的根本宗旨是____。',
      答案: '全心全意为人民服务|为人民服务',
      标签: '党章、宗旨',
    }),
    row({ 题型: '数值题', 题干: '一大代表共多少人？', 答案: '13' }),
    row({ 题型: '简答题', 题干: '简述遵义会议的意义。', 答案: '挽救了党、挽救了红军', 难度: '难' }),
  ];
  const BAD = row({ 题型: '单选题', 题干: '缺少答案的单选题', 选项A: '甲', 选项B: '乙', 答案: 'E' });

  it('the template has the Chinese header row and a filled example row', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(template as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect((ws.getRow(1).values as string[]).slice(1)).toEqual([...HEADERS]);
    expect(String(ws.getRow(2).getCell(2).value)).toContain('示例');
  });

  it('a preview lists the good and the bad (row and why), and writes nothing', async () => {
    const file = await fill(template, [...GOOD, BAD]);
    const before = await query(env, 'select count(*) from questions');
    const res = await upload(town, `/question-imports?categoryId=${target}`, file, '题库.xlsx');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ format: 'xlsx', written: null });
    expect(body.good.map((g: { line: number }) => g.line)).toEqual([3, 4, 5, 6, 7, 8]);
    expect(body.bad).toEqual([
      expect.objectContaining({
        line: 9,
        error: expect.objectContaining({ zh: expect.stringContaining('E') }),
      }),
    ]);
    expect(await query(env, 'select count(*) from questions')).toEqual(before);
  });

  it('confirmed without skipping the bad one: refused 400 naming file, nothing written', async () => {
    const file = await fill(template, [...GOOD, BAD]);
    const before = await query(
      env,
      'select (select count(*) from questions) q, (select count(*) from question_categories) c',
    );
    const res = await upload(town, `/question-imports?categoryId=${target}&confirm=1`, file, '题库.xlsx');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('file');
    expect(
      await query(
        env,
        'select (select count(*) from questions) q, (select count(*) from question_categories) c',
      ),
    ).toEqual(before);
  });

  it('confirmed with skipBad: the six written with their categories; the export reads back the same questions', async () => {
    const file = await fill(template, [...GOOD, BAD]);
    const res = await upload(
      town,
      `/question-imports?categoryId=${target}&confirm=1&skipBad=1`,
      file,
      '题库.xlsx',
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ written: 6, categoriesCreated: 3 });
    const list = await api(town, 'GET', `/questions?categoryId=${target}&pageSize=50`);
    expect(list.json().total).toBe(6);
    const byType = Object.fromEntries(
      list.json().items.map((q: { type: string; body: object }) => [q.type, q.body]),
    );
    expect(byType.multiple.choices.filter((c: { weight: number }) => c.weight > 0)).toHaveLength(3);
    expect(byType.truefalse).toMatchObject({ correct: true, explanation: '党章第七条' });
    expect(byType.fill.accepted.map((a: { text: string }) => a.text)).toEqual([
      '全心全意为人民服务',
      '为人民服务',
    ]);
    expect(byType.numeric.numeric).toEqual([{ min: 13, max: 13, weight: 100 }]);
    expect(byType.short.explanation).toContain('挽救了党');
    const cats = (await api(town, 'GET', '/question-categories'))
      .json()
      .items.map((c: { name: string }) => c.name);
    expect(cats).toEqual(expect.arrayContaining(['党章', '组织制度', '三会一课']));
    expect(await auditCount('question.imported')).toBe(1);

    // the export of the category, imported again into an empty one, gives the same questions and tree
    const out = await api(town, 'GET', `/question-categories/${target}/export?format=xlsx`);
    expect(out.statusCode).toBe(200);
    const again = await makeCategory(env, town1, { name: '再导入' });
    const back = await upload(
      town,
      `/question-imports?categoryId=${again}&confirm=1`,
      out.rawPayload,
      'export.xlsx',
    );
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json()).toMatchObject({ written: 6, bad: [], categoriesCreated: 3 });
    const strip = (items: { body: object }[]) =>
      items.map((q) => q.body).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    const copy = await api(town, 'GET', `/questions?categoryId=${again}&pageSize=50`);
    expect(strip(copy.json().items)).toEqual(strip(list.json().items));
  });

  it('a file too large, of another kind, or a disguised one is refused naming file', async () => {
    const big = await upload(
      town,
      `/question-imports?categoryId=${target}`,
      Buffer.alloc(6 * 1024 * 1024, 'a'),
      'big.txt',
    );
    expect(big.statusCode).toBe(413);
    expect(big.json().error.message).toContain('file');
    const pdf = await upload(
      town,
      `/question-imports?categoryId=${target}`,
      Buffer.from('%PDF-1.4'),
      'a.pdf',
    );
    expect(pdf.statusCode).toBe(400);
    expect(pdf.json().error.message).toContain('file');
    const fake = await upload(
      town,
      `/question-imports?categoryId=${target}`,
      Buffer.from('not a zip'),
      'a.xlsx',
    );
    expect(fake.statusCode).toBe(400);
  });
});

describe('pictures in a stem', () => {
  it('an uploaded picture answers a URL the bank’s viewers can open, and others cannot', async () => {
    const f = multipartFile(await jpeg());
    const res = await env.app.inject({
      method: 'POST',
      url: `/api/v1/question-images?orgId=${town1}`,
      payload: f.payload,
      headers: { ...town.headers, ...f.headers },
    });
    expect(res.statusCode, res.body).toBe(200);
    const { url } = res.json();
    expect(url).toMatch(/^\/api\/v1\/question-images\/\d+$/);
    const shown = await env.app.inject({ method: 'GET', url, headers: town.headers });
    expect(shown.statusCode).toBe(200);
    expect(shown.headers['content-type']).toBe('image/jpeg');
    expect((await env.app.inject({ method: 'GET', url, headers: town2.headers })).statusCode).toBe(403);
  });
});

describe('GIFT and Aiken: preview, all or nothing, export round trip', () => {
  const GIFT = [
    '// 党史测验',
    '$CATEGORY: 党史/新民主主义革命时期',
    '',
    '::一大::中国共产党第一次全国代表大会召开于 {=1921年 ~1919年 ~1927年}',
    '',
    '遵义会议确立了毛泽东在党中央和红军的领导地位。{T}',
    '',
    '::配对::把会议和年份配对 {=遵义会议 -> 1935 =古田会议 -> 1929 =八七会议 -> 1927}',
    '',
    '$CATEGORY: 党章',
    '',
    '党的根本组织原则是 {=民主集中制 =民主集中}。',
    '',
  ].join('\n');
  let target: number;
  beforeAll(async () => {
    target = await makeCategory(env, town1, { name: 'GIFT导入' });
  });

  it('the preview names the question GIFT gives that the bank does not support, with its line', async () => {
    const res = await upload(town, `/question-imports?categoryId=${target}`, Buffer.from(GIFT), '党史.gift');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.format).toBe('gift');
    expect(body.good.map((g: { question: { type: string } }) => g.question.type)).toEqual([
      'single',
      'truefalse',
      'fill',
    ]);
    expect(body.bad).toEqual([expect.objectContaining({ index: 3, line: 8 })]);
  });

  it('confirmed without skipBad nothing is written; with it, the three land under their $CATEGORY', async () => {
    const count = async () =>
      (await query(env, 'select count(*)::int n from questions where org_id = $1', [town1]))[0];
    const before = await count();
    const refused = await upload(
      town,
      `/question-imports?categoryId=${target}&confirm=1`,
      Buffer.from(GIFT),
      '党史.gift',
    );
    expect(refused.statusCode).toBe(400);
    expect(await count()).toEqual(before);
    const res = await upload(
      town,
      `/question-imports?categoryId=${target}&confirm=1&skipBad=true`,
      Buffer.from(GIFT),
      '党史.gift',
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ written: 3, categoriesCreated: 3 });
    const cats = (await api(town, 'GET', '/question-categories')).json().items as {
      id: string;
      name: string;
      parentId: string | null;
    }[];
    const era = cats.find((c) => c.name === '新民主主义革命时期');
    const history = cats.find((c) => c.id === era?.parentId);
    expect(history).toMatchObject({ name: '党史', parentId: String(target) });
    expect((await api(town, 'GET', `/questions?categoryId=${era?.id}`)).json().total).toBe(2);
  });

  it('the GIFT export of the category, imported elsewhere, gives the same questions', async () => {
    const out = await api(town, 'GET', `/question-categories/${target}/export?format=gift`);
    expect(out.statusCode).toBe(200);
    expect(out.body).toContain('$CATEGORY: 党史/新民主主义革命时期');
    const again = await makeCategory(env, town1, { name: 'GIFT再导入' });
    const back = await upload(
      town,
      `/question-imports?categoryId=${again}&confirm=1`,
      out.rawPayload,
      'export.gift',
    );
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json()).toMatchObject({ written: 3, bad: [] });
    const bodies = async (id: number) =>
      ((await api(town, 'GET', `/questions?categoryId=${id}`)).json().items as { body: object }[])
        .map((q) => JSON.stringify(q.body))
        .sort();
    expect(await bodies(again)).toEqual(await bodies(target));
  });

  it('an Aiken .txt is told apart from GIFT and read', async () => {
    const aiken = [
      '党的最高理想和最终目标是',
      'A. 实现共产主义',
      'B. 全面建成小康社会',
      'ANSWER: A',
      '',
    ].join('\n');
    const res = await upload(town, `/question-imports?categoryId=${target}`, Buffer.from(aiken), 'aiken.txt');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ format: 'aiken', bad: [] });
    expect(res.json().good[0].question.choices.map((c: { weight: number }) => c.weight)).toEqual([100, 0]);
  });
});
