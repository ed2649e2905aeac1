import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeMember, makeOrg, makeUser } from '../../../../test/fixtures.ts';
import { login, orgId, query, type Session, type TestEnv, testEnv } from '../../../../test/harness.ts';
import { monthlyCounts } from './monthly-counts.ts';

// The day the tests live in (X-Test-Now: every operation reads ctx.now()): in the fourth quarter.
const NOW = '2026-11-20T10:00:00+08:00';

let env: TestEnv;
let town: Session;
let town2Admin: Session;
let town1: number;

beforeAll(async () => {
  env = await testEnv({ testClock: true });
  town = await login(env, 'town_admin');
  town2Admin = await login(env, 'town2_admin');
  town1 = await orgId(env, '中共青山区清河镇委员会');
});
afterAll(() => env.close());

const api = (s: Session, method: string, url: string, payload?: object, at = NOW) =>
  env.app.inject({
    method: method as 'GET',
    url: `/api/v1${url}`,
    payload,
    headers: { ...s.headers, 'x-test-now': new Date(at).toISOString() },
  });

/** A multipart form as the member app's FormData sends it: text fields, then the file. */
function form(fields: Record<string, string>, file?: { name: string; type: string; body: Buffer }) {
  const b = 'hythoughtreport';
  const parts: Buffer[] = Object.entries(fields).map(([k, v]) =>
    Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`),
  );
  if (file)
    parts.push(
      Buffer.from(
        `--${b}\r\nContent-Disposition: form-data; name="attachment"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
      ),
      file.body,
      Buffer.from('\r\n'),
    );
  parts.push(Buffer.from(`--${b}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${b}` } };
}

const upload = (s: Session, f: ReturnType<typeof form>, at = NOW) =>
  env.app.inject({
    method: 'POST',
    url: '/api/v1/me/thought-reports',
    payload: f.payload,
    headers: { ...s.headers, ...f.headers, 'x-test-now': new Date(at).toISOString() },
  });

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

/** A member of `branch` at `status`, with a login of their own. */
async function writer(branch: number, status: string, name?: string) {
  const m = await makeMember(env, branch, { status, name });
  const user = await makeUser(env, { orgId: branch, role: 'member' });
  await query(env, 'update members set user_id = $1 where id = $2', [user.id, m.id]);
  return { memberId: String(m.id), userId: user.id, session: await login(env, user.username) };
}

const storedFiles = () => {
  const dir = path.join(env.config.dataDir, 'files', 'thought-reports');
  if (!fs.existsSync(dir)) return 0;
  return fs.readdirSync(dir, { recursive: true }).filter((f) => String(f).includes('.')).length;
};

describe('思想汇报: a probationer hands in, the branch reviews with a comment, the probationer reads it', () => {
  let branch: number;
  let secretary: Session;
  let li: Awaited<ReturnType<typeof writer>>;
  let zhao: Awaited<ReturnType<typeof writer>>;

  beforeAll(async () => {
    branch = (await makeOrg(env, town1, 'branch', '汇报测试村党支部')).id;
    secretary = await login(env, (await makeUser(env, { orgId: branch, role: 'secretary' })).username);
    li = await writer(branch, 'probationary', '李预备');
    zhao = await writer(branch, 'probationary', '赵预备');
  });

  it('the member app says what is due: this quarter, at the default frequency', async () => {
    const res = await api(li.session, 'GET', '/me/thought-reports');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      mustReport: true,
      stage: 'probationary',
      period: { label: '2026-Q4', frequency: 'quarterly', start: '2026-10-01', last: '2026-12-31' },
      current: null,
      total: 0,
    });
  });

  it('hands in a report: named after the quarter when untitled, waiting for review, audited', async () => {
    const res = await api(li.session, 'POST', '/me/thought-reports', {
      body: '敬爱的党组织：\n本季度我认真学习党章。',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      period: '2026-Q4',
      title: '2026年第四季度思想汇报',
      body: '敬爱的党组织：\n本季度我认真学习党章。',
      state: 'pending',
      comment: null,
      can: { review: false, replace: true },
    });
    const audit = await query<{ after: Record<string, unknown> }>(
      env,
      "select after from audit_log where action = 'thought_report.handed_in' and target_id = $1",
      [res.json().id],
    );
    expect(audit[0].after).toMatchObject({ period: '2026-Q4', chars: 19 });
  });

  it('a second one before the review replaces the first: one report per quarter', async () => {
    const first = (await api(li.session, 'GET', '/me/thought-reports')).json().current;
    const res = await api(li.session, 'POST', '/me/thought-reports', {
      title: '第四季度思想汇报（修改稿）',
      body: '敬爱的党组织：\n本季度我认真学习党章，积极参加志愿服务。',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ id: first.id, title: '第四季度思想汇报（修改稿）' });
    expect((await api(li.session, 'GET', '/me/thought-reports')).json().total).toBe(1);
  });

  it('the secretary finds it waiting and reviews it with a comment the probationer reads; a notice tells them', async () => {
    const list = await api(secretary, 'GET', `/thought-reports?orgId=${branch}&state=pending`);
    expect(list.statusCode, list.body).toBe(200);
    const item = list.json().items.find((x: { memberName: string }) => x.memberName === '李预备');
    expect(item).toMatchObject({
      excerpt: '敬爱的党组织： 本季度我认真学习党章，积极参加志愿服务。',
      can: { review: true },
    });

    const full = await api(secretary, 'GET', `/thought-reports/${item.id}`);
    expect(full.json().body).toContain('积极参加志愿服务');

    const res = await api(secretary, 'POST', `/thought-reports/${item.id}/review`, {
      comment: '汇报认真，望继续发挥带头作用。',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ state: 'reviewed', comment: '汇报认真，望继续发挥带头作用。' });
    expect(res.json().reviewerName).toBeTruthy();

    const mine = (await api(li.session, 'GET', '/me/thought-reports')).json();
    expect(mine.current).toMatchObject({
      state: 'reviewed',
      comment: '汇报认真，望继续发挥带头作用。',
      can: { replace: false },
    });
    const [{ n }] = await query<{ n: number }>(
      env,
      `select count(*)::int as n from notice_receipts r join notices n on n.id = r.notice_id
        where n.kind = 'life.thought_report_reviewed' and r.member_id = $1`,
      [li.memberId],
    );
    expect(n).toBe(1);
    // reviewed once: a second review is refused
    expect(
      (await api(secretary, 'POST', `/thought-reports/${item.id}/review`, { comment: '再审' })).statusCode,
    ).toBe(409);
  });

  it('after the review the quarter is closed: another report is refused, saying why', async () => {
    const res = await api(li.session, 'POST', '/me/thought-reports', { body: '补充汇报' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('report_reviewed');
    expect(res.json().error.message).toContain('下一期');
  });

  it('the due list shows the probationer who has not handed in, not the one who has', async () => {
    const res = await api(secretary, 'GET', `/thought-reports/due?orgId=${branch}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items).toEqual([
      expect.objectContaining({
        name: '赵预备',
        stage: 'probationary',
        period: '2026-Q4',
        periodLast: '2026-12-31',
        state: 'due',
      }),
    ]);
    // the quarter before: neither handed one in, both are missing
    const before = (await api(secretary, 'GET', `/thought-reports/due?orgId=${branch}&when=previous`)).json();
    expect(
      before.items
        .map((x: { name: string; state: string; period: string }) => [x.name, x.state, x.period])
        .sort(),
    ).toEqual([
      ['李预备', 'missing', '2026-Q3'],
      ['赵预备', 'missing', '2026-Q3'],
    ]);
    // a page at a time
    const paged = (
      await api(secretary, 'GET', `/thought-reports/due?orgId=${branch}&when=previous&pageSize=1&page=2`)
    ).json();
    expect(paged).toMatchObject({ total: 2, page: 2, pageSize: 1 });
    expect(paged.items).toHaveLength(1);
  });

  it('a probationer admitted in the middle of the quarter is not due until the next one', async () => {
    const late = await writer(branch, 'probationary', '钱新预备');
    await query(env, "update members set joined_on = '2026-10-15' where id = $1", [late.memberId]);
    const names = (await api(secretary, 'GET', `/thought-reports/due?orgId=${branch}`))
      .json()
      .items.map((x: { name: string }) => x.name);
    expect(names).not.toContain('钱新预备');
    // they may still hand one in
    expect(
      (await api(late.session, 'POST', '/me/thought-reports', { body: '我的第一份汇报' })).statusCode,
    ).toBe(201);
  });

  it('with an attachment: stored, and read back by the writer and the branch', async () => {
    const res = await upload(
      zhao.session,
      form({ body: '详见附件' }, { name: '第四季度汇报.pdf', type: 'application/pdf', body: PDF }),
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().attachment).toEqual({
      name: '第四季度汇报.pdf',
      size: PDF.length,
      type: 'application/pdf',
    });
    const id = res.json().id;
    const own = await api(zhao.session, 'GET', `/me/thought-reports/${id}/attachment`);
    expect(own.statusCode).toBe(200);
    expect(own.rawPayload.equals(PDF)).toBe(true);
    expect(own.headers['content-disposition']).toContain("filename*=UTF-8''");
    const branchCopy = await api(secretary, 'GET', `/thought-reports/${id}/attachment`);
    expect(branchCopy.statusCode).toBe(200);
    // a branch-mate cannot read it through their own side
    expect((await api(li.session, 'GET', `/me/thought-reports/${id}/attachment`)).statusCode).toBe(404);
  });

  it('the branch sets its own frequency: monthly from now on, the month is the period', async () => {
    const set = await api(secretary, 'PUT', '/thought-reports/frequency', {
      orgId: String(branch),
      frequency: 'monthly',
    });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({
      frequency: 'monthly',
      setOn: { orgId: String(branch) },
      departmentDefault: 'quarterly',
      period: { label: '2026-11' },
    });
    expect((await api(zhao.session, 'GET', '/me/thought-reports')).json().period.label).toBe('2026-11');
    // back to the department's default
    const reset = await api(secretary, 'PUT', '/thought-reports/frequency', {
      orgId: String(branch),
      frequency: null,
    });
    expect(reset.json()).toMatchObject({ frequency: 'quarterly', setOn: null });
  });

  it('a town sets the frequency for all its branches; a branch’s own setting comes first', async () => {
    const sub = (await makeOrg(env, town1, 'branch', '频次测试党支部')).id;
    await api(town, 'PUT', '/thought-reports/frequency', { orgId: String(town1), frequency: 'half_yearly' });
    const inherited = (await api(town, 'GET', `/thought-reports/frequency?orgId=${sub}`)).json();
    expect(inherited).toMatchObject({ frequency: 'half_yearly', setOn: { orgId: String(town1) } });
    await api(town, 'PUT', '/thought-reports/frequency', { orgId: String(sub), frequency: 'monthly' });
    expect((await api(town, 'GET', `/thought-reports/frequency?orgId=${sub}`)).json().frequency).toBe(
      'monthly',
    );
    await api(town, 'PUT', '/thought-reports/frequency', { orgId: String(town1), frequency: null });
  });
});

describe('bad input, each refused with a clear message, nothing half-saved', () => {
  let branch: number;
  let secretary: Session;
  let p: Awaited<ReturnType<typeof writer>>;
  const count = async () =>
    (
      await query<{ n: number }>(env, 'select count(*)::int as n from thought_reports where member_id = $1', [
        p.memberId,
      ])
    )[0].n;

  beforeAll(async () => {
    branch = (await makeOrg(env, town1, 'branch', '坏输入测试党支部')).id;
    secretary = await login(env, (await makeUser(env, { orgId: branch, role: 'secretary' })).username);
    p = await writer(branch, 'activist', '孙积极');
  });

  it('an empty report: no text and no attachment, naming the field', async () => {
    for (const payload of [{}, { body: '   ' }, { title: '只有标题' }]) {
      const res = await api(p.session, 'POST', '/me/thought-reports', payload);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details[0].path).toBe('body');
      expect(res.json().error.message).toContain('汇报内容为空');
    }
    expect(await count()).toBe(0);
  });

  it('a script and event handlers in the body are stored removed; a body of nothing but a script is empty', async () => {
    const onlyScript = await api(p.session, 'POST', '/me/thought-reports', {
      body: '<script>alert(1)</script>',
    });
    expect(onlyScript.statusCode).toBe(400);
    const res = await api(p.session, 'POST', '/me/thought-reports', {
      title: '<img src=x onerror="alert(1)">第四季度汇报',
      body: '<script>document.location="//evil"</script>敬爱的党组织：<b onmouseover="steal()">坚定理想信念</b>',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ title: '第四季度汇报', body: '敬爱的党组织：坚定理想信念' });
    const [row] = await query<{ title: string; body: string }>(
      env,
      'select title, body from thought_reports where id = $1',
      [res.json().id],
    );
    expect(`${row.title}${row.body}`).not.toMatch(/<|script|onerror|onmouseover/);
  });

  it('an executable renamed .pdf is refused, naming the attachment; no row and no file is left', async () => {
    const before = { rows: await count(), files: storedFiles() };
    const exe = Buffer.concat([Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03]), Buffer.alloc(200)]);
    const res = await upload(
      p.session,
      form({ body: '见附件' }, { name: '汇报.pdf', type: 'application/pdf', body: exe }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].path).toBe('attachment');
    expect(res.json().error.message).toContain('可执行程序');
    expect({ rows: await count(), files: storedFiles() }).toEqual(before);
  });

  it('a member who need not report (a full member) is told who does', async () => {
    const full = await writer(branch, 'full', '周正式');
    const mine = (await api(full.session, 'GET', '/me/thought-reports')).json();
    expect(mine).toMatchObject({ mustReport: false, stage: 'full' });
    const res = await api(full.session, 'POST', '/me/thought-reports', { body: '我也想汇报' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toMatchObject({ code: 'not_a_writer' });
    expect(res.json().error.message).toBe(
      '您目前是正式党员，无需提交思想汇报。思想汇报由入党积极分子、发展对象和预备党员按支部要求定期提交',
    );
    const [{ n }] = await query<{ n: number }>(
      env,
      'select count(*)::int as n from thought_reports where member_id = $1',
      [full.memberId],
    );
    expect(n).toBe(0);
  });

  it('reviewing another branch’s report: another town’s admin is refused and nothing changes', async () => {
    const id = (await api(p.session, 'GET', '/me/thought-reports')).json().current.id;
    const res = await api(town2Admin, 'POST', `/thought-reports/${id}/review`, { comment: '越权审阅' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toContain('不在您的管理范围内');
    expect((await api(town2Admin, 'GET', `/thought-reports/${id}`)).statusCode).toBe(403);
    expect((await api(town2Admin, 'GET', `/thought-reports/${id}/attachment`)).statusCode).toBe(403);
    expect((await api(town2Admin, 'GET', `/thought-reports?orgId=${branch}`)).statusCode).toBe(403);
    expect((await api(town2Admin, 'GET', `/thought-reports/due?orgId=${branch}`)).statusCode).toBe(403);
    const theirs = (await api(town2Admin, 'GET', '/thought-reports?pageSize=200')).json().items;
    expect(theirs.map((x: { id: string }) => x.id)).not.toContain(id);
    const [row] = await query<{ reviewed_at: Date | null }>(
      env,
      'select reviewed_at from thought_reports where id = $1',
      [id],
    );
    expect(row.reviewed_at).toBeNull();
    // the branch's own secretary may
    expect(
      (await api(secretary, 'POST', `/thought-reports/${id}/review`, { comment: '已阅' })).statusCode,
    ).toBe(200);
  });

  it('a review without a comment is refused, naming the comment', async () => {
    const other = await writer(branch, 'candidate', '吴发展');
    const id = (await api(other.session, 'POST', '/me/thought-reports', { body: '汇报' })).json().id;
    const res = await api(secretary, 'POST', `/thought-reports/${id}/review`, { comment: '  ' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].path).toBe('comment');
  });
});

describe('the figures the assessment reads, from the records', () => {
  it('a month’s reports handed in and reviewed, and the reports due and missing for periods that ended in it', async () => {
    const branch = await makeOrg(env, town1, 'branch', '统计测试党支部');
    const secretary = await login(
      env,
      (await makeUser(env, { orgId: branch.id, role: 'secretary' })).username,
    );
    // monthly in this branch: October's reports were due by 31 October
    await api(secretary, 'PUT', '/thought-reports/frequency', {
      orgId: String(branch.id),
      frequency: 'monthly',
    });
    const a = await writer(branch.id, 'probationary', '甲预备');
    await writer(branch.id, 'activist', '乙积极');
    const oct = '2026-10-12T09:00:00+08:00';
    const handed = await api(a.session, 'POST', '/me/thought-reports', { body: '十月汇报' }, oct);
    expect(handed.json().period).toBe('2026-10');
    await api(
      secretary,
      'POST',
      `/thought-reports/${handed.json().id}/review`,
      { comment: '已阅' },
      '2026-10-20T09:00:00+08:00',
    );

    expect(await monthlyCounts(env.database.db, branch.path, '2026-10', '2026-11-20')).toEqual({
      handedIn: 1,
      reviewed: 1,
      due: 2,
      missing: 1,
    });
    // while October runs, its missing report is not yet missing
    expect(await monthlyCounts(env.database.db, branch.path, '2026-10', '2026-10-25')).toMatchObject({
      due: 2,
      missing: 0,
    });

    // the town sees the branch among its own
    const res = await api(town, 'GET', `/thought-reports/monthly?orgId=${branch.id}&month=2026-10`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().org).toMatchObject({
      orgId: String(branch.id),
      handedIn: 1,
      reviewed: 1,
      due: 2,
      missing: 1,
    });
    const townView = (
      await api(town, 'GET', `/thought-reports/monthly?orgId=${town1}&month=2026-10&pageSize=200`)
    ).json();
    expect(
      townView.children.items.find((c: { orgId: string }) => c.orgId === String(branch.id)),
    ).toMatchObject({
      missing: 1,
    });
    expect(townView.org.missing).toBeGreaterThanOrEqual(1);
    // another town's admin: not theirs
    expect((await api(town2Admin, 'GET', `/thought-reports/monthly?orgId=${branch.id}`)).statusCode).toBe(
      403,
    );
  });
});
