import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MemberWorkbench, Workbench } from '../../../../contracts/workbench.ts';
import { makeMember, makeOrg, makeUser } from '../../../test/fixtures.ts';
import { login, orgId, type Session, type TestEnv, testEnv } from '../../../test/harness.ts';

let env: TestEnv;
let town: Session; // org_admin of 清河镇 (sends the letter)
let town2: Session; // org_admin of 石桥镇 (receives it)
let secretary: Session; // 刘建华, the demo village branch's secretary
let member: Session; // 陈小梅, the demo member
let receivingBranch: { id: number };
let branchSecretary: Session; // secretary of the receiving branch

beforeAll(async () => {
  env = await testEnv();
  town = await login(env, 'town_admin');
  town2 = await login(env, 'town2_admin');
  secretary = await login(env, 'secretary');
  member = await login(env, 'member');
  receivingBranch = await makeOrg(
    env,
    await orgId(env, '中共青山区石桥镇委员会'),
    'branch',
    '石桥镇工作台测试党支部',
  );
  const u = await makeUser(env, { orgId: receivingBranch.id, role: 'secretary' });
  branchSecretary = await login(env, u.username);
});
afterAll(() => env.close());

const get = async <T>(s: Session, url: string): Promise<T> => {
  const res = await env.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: s.headers });
  expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
  return res.json() as T;
};
const workbench = (s: Session) => get<Workbench>(s, '/workbench');
const countOf = (w: Workbench | MemberWorkbench, key: string) =>
  w.todos.find((t) => t.key === key)?.count ?? 0;

describe('the admin workbench', () => {
  it('a transfer waiting shows 1 for the receiving branch, one more for its town, none more for another town', async () => {
    const before = await Promise.all([town, town2, branchSecretary].map(workbench));
    expect(countOf(before[2], 'members.transfers.decide')).toBe(0);

    const m = await makeMember(env, await orgId(env, '中共青山区清河镇委员会'), { name: '王工作台' });
    const sent = await env.app.inject({
      method: 'POST',
      url: '/api/v1/transfers',
      headers: town.headers,
      payload: {
        memberId: String(m.id),
        kind: 'internal',
        toOrgId: String(receivingBranch.id),
        reason: '工作调动',
      },
    });
    expect(sent.statusCode, sent.body).toBe(201);

    const after = await Promise.all([town, town2, branchSecretary].map(workbench));
    const todo = after[2].todos.find((t) => t.key === 'members.transfers.decide');
    expect(todo).toMatchObject({
      count: 1,
      path: '/transfers?tab=in',
      menu: '/transfers',
      module: 'members',
    });
    expect(todo?.label.zh).toBe('待接收的组织关系转接');
    expect(countOf(after[1], 'members.transfers.decide')).toBe(
      countOf(before[1], 'members.transfers.decide') + 1,
    );
    // the sending town decides nothing: its count is what it was
    expect(countOf(after[0], 'members.transfers.decide')).toBe(
      countOf(before[0], 'members.transfers.decide'),
    );
  });

  it('shows only to-dos with something waiting, the largest first, and only those the actor may do', async () => {
    for (const s of [town, secretary]) {
      const w = await workbench(s);
      expect(w.todos.every((t) => t.count > 0)).toBe(true);
      const counts = w.todos.map((t) => t.count);
      expect(counts).toEqual([...counts].sort((a, b) => b - a));
      expect(w.todos.every((t) => t.path.startsWith('/') && !t.path.startsWith('/m/'))).toBe(true);
    }
    // a secretary approves no offline study and no election (that is the superior org's)
    const sec = await workbench(secretary);
    expect(sec.todos.map((t) => t.key)).not.toContain('learning.offline.approve');
    expect(sec.todos.map((t) => t.key)).not.toContain('elections.approve');
  });

  it('counts what the screens it links to list', async () => {
    for (const s of [town, town2, secretary]) {
      const w = await workbench(s);
      const offline = await get<{ total: number }>(s, '/offline-studies?box=approve&page=1&pageSize=1').catch(
        () => ({ total: 0 }),
      );
      expect(countOf(w, 'learning.offline.approve')).toBe(offline.total);
      const inbox = await get<{ total: number }>(s, '/messages?filter=waiting&page=1&pageSize=1');
      expect(countOf(w, 'openness.messages.answer')).toBe(inbox.total);
      const corrections = await get<{ items: unknown[] }>(s, '/corrections?status=pending');
      expect(countOf(w, 'members.corrections.review')).toBe(corrections.items.length);
      // every page of the pipeline's list: the ready and the overdue are what the to-do counts
      type Due = { total: number; items: { overdueItems: string[]; ready: boolean }[] };
      let actionable = 0;
      for (let page = 1; ; page++) {
        const due = await get<Due>(s, `/pipeline/due?page=${page}&pageSize=200`);
        actionable += due.items.filter((i) => i.ready || i.overdueItems.length > 0).length;
        if (page * 200 >= due.total) break;
      }
      expect(countOf(w, 'members.pipeline.due')).toBe(actionable);
    }
    const approvals = await get<{ total: number }>(town, '/elections?view=approvals&page=1&pageSize=1');
    expect(countOf(await workbench(town), 'elections.approve')).toBe(approvals.total);
  });

  it("gives the key figures of the actor's subtree", async () => {
    const w = await workbench(town);
    expect(w.figures.map((f) => f.key)).toEqual(
      expect.arrayContaining([
        'orgs.count',
        'members.count',
        'life.activities.month',
        'learning.study.progress',
      ]),
    );
    const members = w.figures.find((f) => f.key === 'members.count')!.value;
    expect(members).toBeGreaterThan(0);
    // the district counts the town's members and more
    const district = (await workbench(await login(env, 'admin'))).figures.find(
      (f) => f.key === 'members.count',
    )!;
    expect(district.value).toBeGreaterThan(members);
  });

  it('is refused to an account holding no admin role', async () => {
    const res = await env.app.inject({ method: 'GET', url: '/api/v1/workbench', headers: member.headers });
    expect(res.statusCode).toBe(403);
    const anon = await env.app.inject({ method: 'GET', url: '/api/v1/workbench' });
    expect(anon.statusCode).toBe(401);
  });
});

describe("the member's to-dos", () => {
  it('are the counts of the member home tiles, every to-do there even at 0, each linking into /m', async () => {
    const w = await get<MemberWorkbench>(member, '/workbench/member');
    const keys = w.todos.map((t) => t.key);
    expect(keys).toEqual(
      expect.arrayContaining([
        'notify.unread',
        'surveys.answer',
        'exams.sit',
        'elections.vote',
        'learning.study.progress',
      ]),
    );
    expect(w.todos.every((t) => t.path.startsWith('/m/'))).toBe(true);
    const badge = async (url: string) => (await get<{ count: number }>(member, url)).count;
    expect(countOf(w, 'notify.unread')).toBe(await badge('/notices/mine/unread-count'));
    expect(countOf(w, 'surveys.answer')).toBe(await badge('/my/surveys/open-count'));
    expect(countOf(w, 'exams.sit')).toBe(await badge('/my/exams/open-count'));
    expect(countOf(w, 'elections.vote')).toBe(await badge('/my/elections/open-count'));
    const tile = await get<{ value: number; max: number }>(member, '/study/progress/tile');
    const study = w.todos.find((t) => t.key === 'learning.study.progress');
    expect(study?.progress).toEqual(tile);
    expect(study?.count).toBe(Math.max(0, Math.ceil(tile.max - tile.value)));
  });

  it('a notice sent to the member shows one more unread at once', async () => {
    const before = countOf(await get<MemberWorkbench>(member, '/workbench/member'), 'notify.unread');
    const branch = (await get<{ grants: { orgId: string }[] }>(member, '/auth/me')).grants[0].orgId;
    const sent = await env.app.inject({
      method: 'POST',
      url: '/api/v1/notices',
      headers: secretary.headers,
      payload: { orgIds: [branch], audience: 'members', title: '工作台测试通知', body: '请阅读' },
    });
    expect(sent.statusCode, sent.body).toBeLessThan(300);
    const after = countOf(await get<MemberWorkbench>(member, '/workbench/member'), 'notify.unread');
    expect(after).toBe(before + 1);
  });

  it('an admin without a member record has none of the member-only to-dos', async () => {
    const w = await get<MemberWorkbench>(town, '/workbench/member');
    expect(w.todos.map((t) => t.key)).toEqual(['notify.unread']);
  });
});
