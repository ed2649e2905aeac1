import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SurveyResults } from '../../../../contracts/surveys/surveys.ts';
import { makeOrg } from '../../../test/fixtures.ts';
import { login, orgId, query, type Session, type TestEnv, testEnv } from '../../../test/harness.ts';
import { barChartPng } from './chart.ts';
import { makeRespondent, smallDefinition } from './fixtures.ts';
import { DEMO_RESPONSES, DEMO_SURVEY_TITLE } from './seed.ts';

let env: TestEnv;
let town: Session;
let town2: Session;
let town1: number;
let branch: number;
let people: Awaited<ReturnType<typeof makeRespondent>>[];

beforeAll(async () => {
  // public answers limited to 5 a minute per address (a tenth of 50)
  env = await testEnv({ publicRateLimitPerMinute: 50 });
  [town, town2] = await Promise.all(['town_admin', 'town2_admin'].map((u) => login(env, u)));
  town1 = await orgId(env, '中共青山区清河镇委员会');
  branch = (await makeOrg(env, town1, 'branch', '测试问卷党支部')).id;
  people = [];
  for (const name of ['答卷甲', '答卷乙', '答卷丙']) people.push(await makeRespondent(env, branch, name));
});
afterAll(() => env.close());

const api = (
  s: Session | null,
  method: string,
  url: string,
  payload?: object,
  headers: Record<string, string> = {},
) =>
  env.app.inject({
    method: method as 'GET',
    url: `/api/v1${url}`,
    payload,
    headers: { ...(s?.headers ?? {}), ...headers },
  });

const newSurvey = (over: object = {}) => ({
  orgId: String(town1),
  title: '主题党日满意度调查',
  audienceKind: 'list',
  memberIds: people.map((p) => String(p.memberId)),
  definition: smallDefinition(),
  ...over,
});

async function published(over: object = {}) {
  const made = await api(town, 'POST', '/surveys', newSurvey(over));
  expect(made.statusCode, made.body).toBe(201);
  const id = made.json().id as string;
  const pub = await api(town, 'POST', `/surveys/${id}/publish`);
  expect(pub.statusCode, pub.body).toBe(200);
  return pub.json();
}

describe('a town admin sends a survey to three members of a branch', () => {
  it('who each find it on their list, save part of it, come back to it and submit once', async () => {
    const s = await published();
    expect(s).toMatchObject({
      status: 'open',
      invitedCount: 3,
      responseCount: 0,
      can: { editQuestions: true },
    });
    const [a] = people;
    const mine = await api(a.session, 'GET', '/my/surveys');
    expect(mine.json().items).toContainEqual(
      expect.objectContaining({ id: s.id, open: true, answered: false }),
    );
    expect((await api(a.session, 'GET', '/my/surveys/open-count')).json().count).toBeGreaterThanOrEqual(1);

    expect(
      (await api(a.session, 'PUT', `/my/surveys/${s.id}/draft`, { answers: { q1: 0 } })).statusCode,
    ).toBe(200);
    const form = await api(a.session, 'GET', `/my/surveys/${s.id}`);
    expect(form.json()).toMatchObject({ draft: { q1: 0 }, answered: false, open: true, version: 1 });

    // submitted twice at the same moment (two taps): one response, the other refused
    const both = await Promise.all(
      [0, 1].map(() =>
        api(a.session, 'POST', `/my/surveys/${s.id}/responses`, { version: 1, answers: { q1: 0, q2: 4 } }),
      ),
    );
    expect(both.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const again = both.filter((r) => r.statusCode === 409);
    expect(again[0].json().error.message).toContain('每人只能提交一次');
    const rows = await query(env, 'select count(*)::int as n from survey_responses where survey_id = $1', [
      s.id,
    ]);
    expect(rows[0].n).toBe(1);
    // the draft is gone once submitted
    expect(await query(env, 'select 1 from survey_drafts where survey_id = $1', [s.id])).toHaveLength(0);
    expect((await api(a.session, 'GET', `/my/surveys/${s.id}`)).json().answered).toBe(true);
  });

  it('refuses an answer to a question its show-if rule hides, and a missing required one, naming the question', async () => {
    const s = await published();
    const b = people[1];
    const hidden = await api(b.session, 'POST', `/my/surveys/${s.id}/responses`, {
      version: 1,
      answers: { q1: 1, q2: 3 },
    });
    expect(hidden.statusCode).toBe(400);
    expect(hidden.json().error.message).toContain('第2题「主题党日满意度」按显示条件不应作答');
    expect(hidden.json().error.details[0].path).toBe('answers.q2');
    const missing = await api(b.session, 'POST', `/my/surveys/${s.id}/responses`, {
      version: 1,
      answers: { q1: 0 },
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.message).toContain('第2题「主题党日满意度」为必答题');
    expect(await query(env, 'select 1 from survey_participations where survey_id = $1', [s.id])).toHaveLength(
      0,
    );
  });

  it('refuses too many picks of a multiple choice, naming it', async () => {
    const def = smallDefinition();
    def.sections[0].questions.push({
      ...def.sections[0].questions[0],
      id: 'q4',
      kind: 'multiple',
      title: '希望的学习形式',
      options: ['集中学习', '现场教学', '网络学习'],
      minPicks: 1,
      maxPicks: 2,
      required: false,
      showIf: null,
    });
    const s = await published({ definition: def });
    const r = await api(people[2].session, 'POST', `/my/surveys/${s.id}/responses`, {
      version: 1,
      answers: { q1: 1, q4: [0, 1, 2] },
    });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.message).toContain('第4题「希望的学习形式」：最多选择 2 项');
  });

  it('lets its questions change (a new version) until someone answers; then refuses the edit and keeps the answers', async () => {
    const s = await published();
    const def = smallDefinition();
    def.sections[0].questions[0].options = ['是', '否', '请假'];
    const edited = await api(town, 'PUT', `/surveys/${s.id}`, newSurvey({ definition: def }));
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().version).toBe(2);
    // a form opened before the edit is refused and reloaded
    const stale = await api(people[0].session, 'POST', `/my/surveys/${s.id}/responses`, {
      version: 1,
      answers: { q1: 1 },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('survey_changed');
    expect(
      (
        await api(people[0].session, 'POST', `/my/surveys/${s.id}/responses`, {
          version: 2,
          answers: { q1: 2 },
        })
      ).statusCode,
    ).toBe(201);
    def.sections[0].questions[0].options = ['是', '否'];
    const refused = await api(town, 'PUT', `/surveys/${s.id}`, newSurvey({ definition: def }));
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain('题目不能再修改');
    const [kept] = await query(env, 'select answers from survey_responses where survey_id = $1', [s.id]);
    expect(kept.answers).toEqual({ q1: 2 });
    // the title may still change
    const retitled = await api(
      town,
      'PUT',
      `/surveys/${s.id}`,
      newSurvey({ definition: edited.json().definition, title: '改名' }),
    );
    expect(retitled.statusCode, retitled.body).toBe(200);
    const audit = await query(
      env,
      "select action from audit_log where target_type = 'survey' and target_id = $1 order by id",
      [s.id],
    );
    expect(audit.map((x) => x.action)).toEqual([
      'survey.created',
      'survey.published',
      'survey.updated',
      'survey.answered',
      'survey.updated',
    ]);
  });

  it('keeps no link from an anonymous survey’s response to the person, only that they answered', async () => {
    const s = await published({ anonymous: true });
    const r = await api(people[1].session, 'POST', `/my/surveys/${s.id}/responses`, {
      version: 1,
      answers: { q1: 0, q2: 5 },
    });
    expect(r.statusCode, r.body).toBe(201);
    const [resp] = await query(env, 'select * from survey_responses where survey_id = $1', [s.id]);
    expect(resp.member_id).toBeNull();
    expect(resp).toMatchObject({ gender: 'male', category: 'full', org_id: branch });
    expect(new Date(resp.submitted_at).getUTCMinutes()).toBe(0); // to the hour
    const parts = await query(env, 'select * from survey_participations where survey_id = $1', [s.id]);
    expect(parts).toEqual([{ survey_id: Number(s.id), member_id: people[1].memberId, device: null }]);
    // its id is drawn at random, not the next of a sequence that follows the order of answering
    expect(Number(resp.id)).toBeGreaterThanOrEqual(2 ** 52);
    // closed: the rows are written again (new places in the table), the answers unchanged
    const [{ ctid: before }] = await query<{ ctid: string }>(
      env,
      'select ctid::text from survey_responses where survey_id = $1',
      [s.id],
    );
    expect((await api(town, 'POST', `/surveys/${s.id}/close`)).statusCode).toBe(200);
    const after = await query<{ ctid: string; id: string; answers: object }>(
      env,
      'select ctid::text, id, answers from survey_responses where survey_id = $1',
      [s.id],
    );
    expect(after).toHaveLength(1);
    expect(after[0].ctid).not.toBe(before);
    expect(after[0]).toMatchObject({ id: resp.id, answers: { q1: 0, q2: 5 } });
  });
});

describe('an admin outside the survey’s subtree', () => {
  it('neither sees, changes, publishes nor reads the results of town 1’s survey (403), nor lists it', async () => {
    const made = await api(town, 'POST', '/surveys', newSurvey());
    const id = made.json().id;
    for (const [m, u, body] of [
      ['GET', `/surveys/${id}`],
      ['PUT', `/surveys/${id}`, newSurvey()],
      ['POST', `/surveys/${id}/publish`],
      ['GET', `/surveys/${id}/results`],
      ['GET', `/surveys/${id}/report.docx`],
      ['GET', `/surveys/${id}/responses.xlsx`],
    ] as [string, string, object?][]) {
      const r = await api(town2, m, u, body);
      expect(r.statusCode, `${m} ${u}`).toBe(403);
    }
    const list = await api(town2, 'GET', '/surveys?pageSize=200');
    expect(list.json().items.map((x: { id: string }) => x.id)).not.toContain(id);
    expect((await api(town, 'GET', `/surveys/${id}`)).json().status).toBe('draft');
  });

  it('cannot send a survey of their own to town 1’s members (400 naming memberIds, nothing made)', async () => {
    const town2Id = await orgId(env, '中共青山区石桥镇委员会');
    const made = await api(town2, 'POST', '/surveys', newSurvey({ orgId: String(town2Id) }));
    expect(made.statusCode, made.body).toBe(201);
    const pub = await api(town2, 'POST', `/surveys/${made.json().id}/publish`);
    expect(pub.statusCode).toBe(400);
    expect(pub.json().error.details[0].path).toBe('memberIds');
    expect(
      await query(env, 'select 1 from survey_invitees where survey_id = $1', [made.json().id]),
    ).toHaveLength(0);
    expect((await api(town2, 'GET', `/surveys/${made.json().id}`)).json().status).toBe('draft');
  });
});

describe('the public answers through the link', () => {
  it('once per device, and a flood from one address is refused with 429 in Chinese', async () => {
    const s = await published({ audienceKind: 'public', memberIds: [] });
    expect(s.publicToken).toMatch(/^[A-Za-z0-9_-]+$/);
    const link = await api(town, 'GET', `/surveys/${s.id}/public-link`);
    expect(link.json().url).toContain(`/p/surveys/${s.publicToken}`);
    expect(link.json().qrSvg).toContain('<svg');
    const form = await api(null, 'GET', `/public/surveys/${s.publicToken}`);
    expect(form.statusCode).toBe(200);
    const device = form.cookies.find((c) => c.name === 'hy_survey_device')?.value;
    expect(device).toBeTruthy();
    const cookie = { cookie: `hy_survey_device=${device}` };
    const first = await api(
      null,
      'POST',
      `/public/surveys/${s.publicToken}/responses`,
      { version: 1, answers: { q1: 1 } },
      cookie,
    );
    expect(first.statusCode, first.body).toBe(201);
    const twice = await api(
      null,
      'POST',
      `/public/surveys/${s.publicToken}/responses`,
      { version: 1, answers: { q1: 1 } },
      cookie,
    );
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.message).toContain('本设备已提交过');
    // other devices from the same address: the limit (5 a minute) is reached, then refused
    const codes: number[] = [];
    for (let i = 0; i < 5; i++)
      codes.push(
        (
          await api(null, 'POST', `/public/surveys/${s.publicToken}/responses`, {
            version: 1,
            answers: { q1: 1 },
          })
        ).statusCode,
      );
    expect(codes.slice(0, 3)).toEqual([201, 201, 201]);
    const flood = await api(null, 'POST', `/public/surveys/${s.publicToken}/responses`, {
      version: 1,
      answers: { q1: 1 },
    });
    expect(flood.statusCode).toBe(429);
    expect(flood.json().error.message).toContain('同一网络提交问卷过于频繁');
    const [{ n }] = await query(env, 'select count(*)::int as n from survey_responses where survey_id = $1', [
      s.id,
    ]);
    expect(n).toBe(4);
    const [{ category }] = await query(
      env,
      'select category from survey_responses where survey_id = $1 limit 1',
      [s.id],
    );
    expect(category).toBe('public');
  });
});

describe('the demo district’s survey: 6 categories, 28 items, 11,780 answers', () => {
  let id: string;
  let results: SurveyResults;
  beforeAll(async () => {
    const admin = await login(env, 'admin');
    const list = await api(admin, 'GET', `/surveys?q=${encodeURIComponent(DEMO_SURVEY_TITLE)}`);
    id = list.json().items[0].id;
    results = (await api(admin, 'GET', `/surveys/${id}/results`)).json();
  });

  it('is counted per question, every response once', () => {
    expect(results.responseCount).toBe(DEMO_RESPONSES);
    expect(results.questions).toHaveLength(28);
    const q1 = results.questions[0];
    expect(q1.answered).toBe(DEMO_RESPONSES);
    expect(q1.options.reduce((a, o) => a + o.count, 0)).toBe(DEMO_RESPONSES);
    // the show-if question is answered only by those who went to the station
    const q4 = results.questions[3];
    const q5 = results.questions[4];
    expect(q5.answered).toBe(q4.options[0].count + q4.options[1].count);
    const matrix = results.questions.find((q) => q.kind === 'matrix')!;
    expect(matrix.matrix?.counts[0].reduce((a, b) => a + b, 0)).toBe(DEMO_RESPONSES);
    expect(results.orgRates.reduce((a, o) => a + o.answered, 0)).toBe(DEMO_RESPONSES);
  });

  it('is cross-tabulated by gender and category, and its open answers counted as words', async () => {
    const admin = await login(env, 'admin');
    const byGender = (await api(admin, 'GET', `/surveys/${id}/crosstab?questionId=q25&by=gender`)).json();
    expect(byGender.groups).toEqual(expect.arrayContaining(['男', '女']));
    expect(byGender.totals.reduce((a: number, b: number) => a + b, 0)).toBe(DEMO_RESPONSES);
    const byCategory = (await api(admin, 'GET', `/surveys/${id}/crosstab?questionId=q25&by=category`)).json();
    expect(byCategory.groups).toContain('正式党员');
    const words = (await api(admin, 'GET', `/surveys/${id}/words?questionId=q28`)).json();
    expect(words.words.map((w: { word: string }) => w.word)).toEqual(
      expect.arrayContaining(['学习', '教育', '设备']),
    );
    expect(words.words.map((w: { word: string }) => w.word)).not.toContain('希望');
    const bad = await api(admin, 'GET', `/surveys/${id}/crosstab?questionId=q28&by=gender`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('questionId');
  });

  it('makes a Word report with a chart and a table per question, and the raw answers in Excel', async () => {
    const admin = await login(env, 'admin');
    const doc = await api(admin, 'GET', `/surveys/${id}/report.docx`);
    expect(doc.statusCode).toBe(200);
    const zip = unzipSync(new Uint8Array(doc.rawPayload));
    const xml = new TextDecoder().decode(zip['word/document.xml']);
    expect(xml).toContain('您最希望学习的内容（最多选3项）');
    expect(xml).toContain('各党组织参与情况');
    expect(xml).toContain('全区共收回有效答卷 11780 份');
    const pngs = Object.keys(zip).filter((k) => k.startsWith('word/media/'));
    expect(pngs.length).toBeGreaterThanOrEqual(20);
    expect((await sharp(Buffer.from(zip[pngs[0]])).metadata()).format).toBe('png');

    const xlsx = await api(admin, 'GET', `/surveys/${id}/responses.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('原始数据')!;
    expect(ws.rowCount).toBe(DEMO_RESPONSES + 1);
    expect(String(ws.getRow(1).getCell(7).value)).toBe('1. 您目前的工作领域');
  });
});

describe('the report’s chart image', () => {
  it('draws Chinese labels (not empty boxes): the label column holds dark pixels', async () => {
    const { png } = await barChartPng(['非常满意', '满意'], [3, 1]);
    const { data, info } = await sharp(png).greyscale().raw().toBuffer({ resolveWithObject: true });
    let dark = 0;
    for (let y = 0; y < info.height; y++)
      for (let x = 0; x < 60; x++) if (data[y * info.width + x] < 128) dark++;
    expect(dark).toBeGreaterThan(50);
  });
});
