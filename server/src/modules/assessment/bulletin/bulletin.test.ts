import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bulletin, BulletinList } from '../../../../../contracts/assessment/bulletin.ts';
import { addMonthsToMonth, shanghaiMonth, shanghaiToday } from '../../../platform/time.ts';
import { login, orgId, query, type Session, type TestEnv, testEnv } from '../../../../test/harness.ts';

/**
 * The monthly bulletin over the demo district's last month, scored with the modules' real
 * indicators: written from the scores, edited, issued with a number, archived as issued, the Word
 * document and its Excel attachment opened back and read; and who may do what.
 */
let env: TestEnv;
let admin: Session;
let town: Session;
let root: number;
let town1: number;
const month = addMonthsToMonth(shanghaiMonth(), -1);

beforeAll(async () => {
  env = await testEnv();
  admin = await login(env, 'admin');
  town = await login(env, 'town_admin');
  root = (await query<{ id: number }>(env, 'select id from orgs where parent_id is null'))[0].id;
  town1 = await orgId(env, '中共青山区清河镇委员会');
});
afterAll(() => env.close());

const api = (s: Session | null, method: string, url: string, payload?: object) =>
  env.app.inject({ method: method as 'GET', url: `/api/v1${url}`, payload, headers: s?.headers ?? {} });
const count = async (sql: string, params: unknown[] = []) =>
  Number((await query<{ n: string }>(env, sql, params))[0].n);
const audits = (action: string) => count('select count(*) as n from audit_log where action = $1', [action]);
const documentXml = (body: Buffer) =>
  new TextDecoder()
    .decode(unzipSync(new Uint8Array(body))['word/document.xml'])
    // the words of the document, as Word shows them (runs joined)
    .replace(/<w:p[ >].*?<\/w:p>/gs, (p) => `${p.replace(/<[^>]+>/g, '')}\n`)
    .replace(/<[^>]+>/g, '');

describe('writing the bulletin', () => {
  it('waits for the month to be computed; nothing is written before', async () => {
    const res = await api(admin, 'POST', '/assessment/bulletins', { month });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain('尚未计算');
    expect(await count('select count(*) as n from assessment_bulletins')).toBe(0);
  });

  let draft: Bulletin;
  it('is written from the month’s scores: towns ranked, every indicator, who did well, who missed what', async () => {
    expect((await api(admin, 'POST', `/assessment/months/${month}/compute`, { full: true })).statusCode).toBe(
      200,
    );
    const res = await api(admin, 'POST', '/assessment/bulletins', { month });
    expect(res.statusCode, res.body).toBe(200);
    draft = res.json<Bulletin>();
    expect(draft).toMatchObject({ state: 'draft', issueNo: null, orgId: String(root), month });
    expect(draft.title).toBe(
      `关于${Number(month.slice(0, 4))}年${Number(month.slice(5))}月份智慧党建工作情况的通报`,
    );
    expect(draft.department).toMatch(/^中共.+区委组织部$/);
    const f = draft.facts;
    // the children are the district's towns, ranked as the scores rank them (a tie in the order
    // the tree shows them)
    const towns = await query<{ org_id: string; score: number; rank: number }>(
      env,
      `select s.org_id, s.score, s.rank from assessment_scores s join orgs o on o.id = s.org_id
        where s.month = $1 and o.parent_id = $2 and o.kind <> 'group'
        order by s.rank nulls last, o.sort_order, o.id`,
      [month, root],
    );
    expect(f.children.map((c) => [c.orgId, c.score, c.rank])).toEqual(
      towns.map((t) => [String(t.org_id), t.score, t.rank]),
    );
    const self = (
      await query<{ units: number; units_empty: number; score: number }>(
        env,
        'select units, units_empty, score from assessment_scores where month = $1 and org_id = $2',
        [month, root],
      )
    )[0];
    expect([f.units, f.unitsEmpty, f.mean]).toEqual([self.units, self.units_empty, self.score]);
    // every indicator, with its district figure as the items hold it
    const keys = (await api(admin, 'GET', '/assessment/indicators'))
      .json<{ key: string }[]>()
      .map((i) => i.key);
    expect(f.figures.map((x) => x.key)).toEqual(keys);
    const activities = f.figures.find((x) => x.key === 'life.activities_held');
    const held = await count(
      `select coalesce(sum(num), 0) as n from assessment_items where month = $1 and org_id = $2 and key = 'life.activities_held'`,
      [month, root],
    );
    expect(activities?.num).toBe(held);
    expect(held).toBeGreaterThan(0);
    // every 党支部 that missed is named with what it missed; those with nothing at all come first
    expect(f.missedTotal).toBeGreaterThan(0);
    expect(f.missed.every((m) => m.items.length > 0)).toBe(true);
    const firstFull = f.missed.findIndex((m) => !m.empty);
    expect(f.missed.slice(firstFull).every((m) => !m.empty)).toBe(true);
    const empty = await count(
      'select count(*) as n from assessment_scores s join orgs o on o.id = s.org_id where s.month = $1 and s.unit and s.units_empty > 0',
      [month],
    );
    expect(f.missed.filter((m) => m.empty)).toHaveLength(Math.min(empty, f.missed.length));
    // the stations short of their minutes, the zero-minute ones named first
    expect(f.stations.some((s) => s.zero)).toBe(true);
    expect(f.stations[0].zero).toBe(true);
    expect(await audits('assessment.bulletin_created')).toBe(1);
  });

  it('opens in Word with the masthead, the title, the towns, the 党支部 that missed and a zero-minute station', async () => {
    const res = await api(admin, 'GET', `/assessment/bulletins/${draft.id}/docx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain('（草稿）');
    const text = documentXml(res.rawPayload);
    expect(text).toContain('智慧党建工作通报');
    expect(text).toContain('（草稿，未编号）');
    expect(text).toContain(draft.title);
    expect(text).toContain('一、总体情况');
    for (const c of draft.facts.children) expect(text).toContain(c.name);
    expect(text).toContain(draft.facts.missed[0].name);
    const zero = draft.facts.stations.find((s) => s.zero);
    expect(text).toContain(zero?.station);
    expect(text).toContain('零分钟');
  });

  it('has its attachment in Excel: a summary and one sheet per town with its 党支部 and their scores', async () => {
    const res = await api(admin, 'GET', `/assessment/bulletins/${draft.id}/xlsx`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const names = wb.worksheets.map((w) => w.name);
    expect(names[0]).toBe('汇总');
    const summary = wb.getWorksheet('汇总');
    expect(summary?.rowCount).toBe(draft.facts.children.length + 1);
    const t1 = draft.facts.children.find((c) => c.orgId === String(town1));
    const sheet = wb.getWorksheet(t1?.name ?? '');
    expect(sheet, names.join(',')).toBeTruthy();
    const units = await query<{ name: string; score: number }>(
      env,
      `select o.name, s.score from assessment_scores s join orgs o on o.id = s.org_id
        where s.month = $1 and s.unit and o.path like (select path from orgs where id = $2) || '%' order by o.path`,
      [month, town1],
    );
    expect(sheet?.rowCount).toBe(units.length + 1);
    expect(sheet?.getRow(2).getCell(1).value).toBe(units[0].name);
    expect(sheet?.getRow(2).getCell(3).value).toBe(units[0].score);
  });
});

describe('editing and issuing', () => {
  let draft: Bulletin;
  beforeAll(async () => {
    draft = (await api(admin, 'POST', '/assessment/bulletins', { month })).json<Bulletin>();
  });

  it('keeps the department’s words, audited with the words before', async () => {
    const res = await api(admin, 'PATCH', `/assessment/bulletins/${draft.id}`, {
      department: '中共青山区委组织部',
      blocks: [{ key: 'next', text: '1. 十二月底前完成党员信息年度更新。\n2. 召开年度组织生活会。' }],
    });
    expect(res.statusCode, res.body).toBe(200);
    const b = res.json<Bulletin>();
    expect(b.blocks.find((x) => x.key === 'next')?.text).toContain('十二月底前');
    expect(b.blocks.find((x) => x.key === 'overview')?.text).toBe(
      draft.blocks.find((x) => x.key === 'overview')?.text,
    );
    const [audit] = await query<{ before: { blocks: { key: string; text: string }[] } }>(
      env,
      `select before from audit_log where action = 'assessment.bulletin_edited' order by id desc limit 1`,
    );
    expect(audit.before.blocks.find((x) => x.key === 'next')?.text).toBe(
      draft.blocks.find((x) => x.key === 'next')?.text,
    );
  });

  it('refuses a block too long, an unknown one and an empty title, naming the field; nothing changes', async () => {
    const before = await audits('assessment.bulletin_edited');
    const long = await api(admin, 'PATCH', `/assessment/bulletins/${draft.id}`, {
      blocks: [{ key: 'good', text: '好'.repeat(4001) }],
    });
    expect(long.statusCode).toBe(400);
    expect(long.json().error.message).toContain('每段不超过4000字');
    const unknown = await api(admin, 'PATCH', `/assessment/bulletins/${draft.id}`, {
      blocks: [{ key: 'preface', text: '前言' }],
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.message).toContain('blocks.0.key');
    const title = await api(admin, 'PATCH', `/assessment/bulletins/${draft.id}`, { title: '   ' });
    expect(title.statusCode).toBe(400);
    expect(title.json().error.message).toContain('title');
    expect(await audits('assessment.bulletin_edited')).toBe(before);
  });

  it('is numbered when issued, kept exactly as it went out, and changes no more', async () => {
    const res = await api(admin, 'POST', `/assessment/bulletins/${draft.id}/issue`);
    expect(res.statusCode, res.body).toBe(200);
    const b = res.json<Bulletin>();
    const today = shanghaiToday();
    expect(b).toMatchObject({
      state: 'issued',
      issueNo: 1,
      year: Number(today.slice(0, 4)),
      issuedOn: today,
    });
    const doc = await api(admin, 'GET', `/assessment/bulletins/${draft.id}/docx`);
    const [kept] = await query<{ docx: Buffer }>(env, 'select docx from assessment_bulletins where id = $1', [
      draft.id,
    ]);
    expect(Buffer.compare(doc.rawPayload, kept.docx)).toBe(0);
    const text = documentXml(doc.rawPayload);
    expect(text).toContain(`${today.slice(0, 4)}年第1期`);
    expect(text).toContain('十二月底前完成党员信息年度更新');
    expect(text).toContain('中共青山区委组织部');
    expect(text).not.toContain('草稿');
    // issued: no edit, no refresh, no deletion
    const edits = await audits('assessment.bulletin_edited');
    for (const [method, tail, body] of [
      ['PATCH', '', { title: '改标题' }],
      ['POST', '/refresh', undefined],
      ['DELETE', '', undefined],
      ['POST', '/issue', undefined],
    ] as const) {
      const r = await api(admin, method, `/assessment/bulletins/${draft.id}${tail}`, body);
      expect(r.statusCode, `${method} ${tail}`).toBe(409);
      expect(r.json().error.message).toContain('已印发');
    }
    expect(await audits('assessment.bulletin_edited')).toBe(edits);
    expect(await audits('assessment.bulletin_issued')).toBe(1);
    // the next one issued takes the next number
    const next = (await api(admin, 'POST', '/assessment/bulletins', { month })).json<Bulletin>();
    const second = await api(admin, 'POST', `/assessment/bulletins/${next.id}/issue`);
    expect(second.json<Bulletin>().issueNo).toBe(2);
  });

  it('takes the month’s latest scores when refreshed, keeping the edited words', async () => {
    const d = (await api(admin, 'POST', '/assessment/bulletins', { month })).json<Bulletin>();
    await api(admin, 'PATCH', `/assessment/bulletins/${d.id}`, {
      blocks: [{ key: 'closing', text: '特此通报。' }],
    });
    const branch = d.facts.missed[0];
    const adj = await api(admin, 'POST', `/assessment/months/${month}/adjustments`, {
      orgId: branch.orgId,
      points: -5,
      reason: '党费收缴台账不全，经核实扣分',
    });
    expect(adj.statusCode, adj.body).toBe(200);
    const res = await api(admin, 'POST', `/assessment/bulletins/${d.id}/refresh`);
    expect(res.statusCode, res.body).toBe(200);
    const after = res.json<Bulletin>();
    expect(after.facts.missed.find((m) => m.orgId === branch.orgId)?.score).toBeCloseTo(
      (branch.score ?? 0) - 5,
      2,
    );
    expect(after.blocks.find((b) => b.key === 'closing')?.text).toBe('特此通报。');
    expect((await api(admin, 'DELETE', `/assessment/bulletins/${d.id}`)).statusCode).toBe(200);
    expect(await count('select count(*) as n from assessment_bulletins where id = $1', [d.id])).toBe(0);
  });
});

describe('who may see and do what', () => {
  it('a town sees its own bulletins only, and cannot write or read the district’s', async () => {
    const mine = (
      await api(admin, 'POST', '/assessment/bulletins', { month, orgId: String(town1) })
    ).json<Bulletin>();
    expect(mine.facts.children.length).toBeGreaterThan(0);
    const district = (await api(admin, 'GET', '/assessment/bulletins')).json<BulletinList>();
    const list = (await api(town, 'GET', '/assessment/bulletins')).json<BulletinList>();
    expect(list.items.map((b) => b.id)).toEqual([mine.id]);
    expect(district.items.length).toBeGreaterThan(1);
    const other = district.items.find((b) => b.orgId === String(root));
    const before = await count('select count(*) as n from audit_log');
    expect((await api(town, 'GET', `/assessment/bulletins/${other?.id}`)).statusCode).toBe(403);
    expect((await api(town, 'GET', `/assessment/bulletins/${other?.id}/docx`)).statusCode).toBe(403);
    expect(
      (await api(town, 'POST', '/assessment/bulletins', { month, orgId: String(town1) })).statusCode,
    ).toBe(403);
    expect((await api(town, 'PATCH', `/assessment/bulletins/${mine.id}`, { title: '改' })).statusCode).toBe(
      403,
    );
    expect((await api(null, 'GET', '/assessment/bulletins')).statusCode).toBe(401);
    expect(await count('select count(*) as n from audit_log')).toBe(before);
    // the town reads its own
    const doc = await api(town, 'GET', `/assessment/bulletins/${mine.id}/docx`);
    expect(doc.statusCode).toBe(200);
    expect(documentXml(doc.rawPayload)).toContain(mine.facts.children[0].name);
  });
});

describe('hostile and concurrent', () => {
  it('two computations of one month at once wait for each other and give the same rows as one', async () => {
    const snap = async () =>
      JSON.stringify(
        await query(
          env,
          'select org_id, score, rank, units, units_empty from assessment_scores where month = $1 order by org_id',
          [month],
        ),
      );
    const before = await snap();
    const runs = await Promise.all([
      api(admin, 'POST', `/assessment/months/${month}/compute`, { full: true }),
      api(admin, 'POST', `/assessment/months/${month}/compute`, { full: true }),
    ]);
    expect(runs.map((r) => r.statusCode)).toEqual([200, 200]);
    expect(await snap()).toBe(before);
  });

  it('two drafts issued at once never share an issue number', async () => {
    const a = (await api(admin, 'POST', '/assessment/bulletins', { month })).json<Bulletin>();
    const b = (await api(admin, 'POST', '/assessment/bulletins', { month })).json<Bulletin>();
    const issued = await Promise.all([
      api(admin, 'POST', `/assessment/bulletins/${a.id}/issue`),
      api(admin, 'POST', `/assessment/bulletins/${b.id}/issue`),
    ]);
    expect(issued.map((r) => r.statusCode)).toEqual([200, 200]);
    const numbers = issued.map((r) => r.json<Bulletin>().issueNo);
    expect(new Set(numbers).size).toBe(2);
  });

  it('refuses a bad month, an over-long reason, an unknown org or bulletin, naming what is wrong', async () => {
    const bad = await api(admin, 'POST', '/assessment/bulletins', { month: '2026-13' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('月份格式须为 YYYY-MM');
    const extra = await api(admin, 'POST', '/assessment/bulletins', {
      month,
      orgId: String(root),
      issueNo: 9,
    });
    expect(extra.statusCode).toBe(400);
    const long = await api(admin, 'POST', `/assessment/months/${month}/adjustments`, {
      orgId: String(town1),
      points: 1,
      reason: '因'.repeat(501),
    });
    expect(long.statusCode).toBe(400);
    expect(long.json().error.message).toContain('reason');
    const nobody = await api(admin, 'POST', '/assessment/bulletins', { month, orgId: '999999999' });
    expect(nobody.statusCode).toBe(404);
    expect((await api(admin, 'GET', '/assessment/bulletins/999999999')).statusCode).toBe(404);
    expect((await api(admin, 'GET', '/assessment/bulletins/abc')).statusCode).toBe(400);
    const future = await api(admin, 'POST', '/assessment/bulletins', {
      month: addMonthsToMonth(shanghaiMonth(), 2),
    });
    expect(future.statusCode).toBe(409);
  });
});
