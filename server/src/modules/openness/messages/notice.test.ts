import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeMember, makeOrg, makeUser } from '../../../../test/fixtures.ts';
import { login, orgId, query, type Session, type TestEnv, testEnv } from '../../../../test/harness.ts';
import { shanghaiToday } from '../../../platform/time.ts';
import { solvedChallenge } from './matrix.ts';

let env: TestEnv;
let town1: number;

beforeAll(async () => {
  env = await testEnv();
  town1 = await orgId(env, '中共青山区清河镇委员会');
});
afterAll(() => env.close());

let address = 10;
type Opts = { session?: Session };
const api = (method: string, url: string, payload?: object, o: Opts = {}) =>
  env.app.inject({
    method: method as 'GET',
    url: `/api/v1${url}`,
    payload,
    // each request from its own address: the public form's per-address limit is not under test
    remoteAddress: `198.51.100.${++address % 250}`,
    headers: o.session?.headers ?? {},
  });

const publicMessage = (org: number, body: string) =>
  api('POST', `/public/orgs/${org}/messages`, {
    name: '周大爷',
    phone: '13912345678',
    body,
    ...solvedChallenge(env),
  });

/** A login for a new member of `org`, holding `role` on `grantOn` (the org itself by default). */
async function memberWithLogin(org: number, role: string, grantOn = org) {
  const m = await makeMember(env, org);
  const u = await makeUser(env, { orgId: org, role, grantOrgId: grantOn });
  await query(env, 'update members set user_id = $1 where id = $2', [u.id, m.id]);
  return { memberId: Number(m.id), session: await login(env, u.username) };
}

/** Who received the notices of `kind` about `source` (member ids, ascending). */
const receivers = async (kind: string, sourceType: string, sourceId: string) =>
  (
    await query<{ member_id: string }>(
      env,
      `select r.member_id from notices n join notice_receipts r on r.notice_id = n.id
        where n.kind = $1 and n.source_type = $2 and n.source_id = $3 order by r.member_id`,
      [kind, sourceType, String(sourceId)],
    )
  ).map((r) => Number(r.member_id));

type Mine = { id: string; kind: string; kindLabel: string; title: string; body: string; link: string };
const myNotices = async (s: Session): Promise<Mine[]> =>
  (await api('GET', '/notices/mine?pageSize=50', undefined, { session: s })).json().items;

describe('留言 reaches those who answer for the org, and the answer reaches the member who wrote', () => {
  let branch: number;
  let secretary: { memberId: number; session: Session }; // the branch's secretary account, a member
  let admin: { memberId: number; session: Session }; // an org_admin of the branch, a member
  let plain: { memberId: number; session: Session }; // a member of the branch with an ordinary login
  let townAdmin: { memberId: number; session: Session }; // a member who administers the whole town
  let author: { memberId: number; session: Session };

  beforeAll(async () => {
    branch = (await makeOrg(env, town1, 'branch', '留言通知测试党支部')).id;
    secretary = await memberWithLogin(branch, 'secretary');
    admin = await memberWithLogin(branch, 'org_admin');
    plain = await memberWithLogin(branch, 'member');
    author = await memberWithLogin(branch, 'member');
    townAdmin = await memberWithLogin(branch, 'org_admin', town1);
    // a secretary account with no member record: it may answer, but has nowhere to be told
    await makeUser(env, { orgId: branch, role: 'secretary' });
  });

  it('a message from the public: the branch’s secretary and admin are told, with the message opened in the console', async () => {
    const left = await publicMessage(branch, '村口的路灯坏了，请帮忙修一下。');
    expect(left.statusCode, left.body).toBe(201);
    const { id, dueAt } = left.json();
    // not the ordinary member, not the town's admin (the town oversees: its overdue list)
    expect(await receivers('openness.message', 'message', id)).toEqual([secretary.memberId, admin.memberId]);

    const [n] = (await myNotices(secretary.session)).filter((x) => x.link === `/messages?id=${id}`);
    expect(n).toMatchObject({
      kind: 'openness.message',
      kindLabel: '留言待答复',
      title: '收到周大爷（群众）的留言，请答复',
    });
    expect(n.body).toBe(`村口的路灯坏了，请帮忙修一下。\n\n请于${shanghaiToday(new Date(dueAt))}前答复。`);
    // the public author's phone stays in the message, masked for those who may see it
    expect(JSON.stringify(n)).not.toContain('13912345678');
    for (const who of [plain, townAdmin])
      expect((await myNotices(who.session)).some((x) => x.link === `/messages?id=${id}`)).toBe(false);
  });

  it('a member’s message: the branch is told; each answer tells the member; a follow-up tells the branch again', async () => {
    const left = await api('POST', `/orgs/${branch}/messages`, { body: '活动室晚上能否开放？' }, author);
    expect(left.statusCode, left.body).toBe(201);
    const id = left.json().id;
    expect(await receivers('openness.message', 'message', id)).toEqual([secretary.memberId, admin.memberId]);
    const [told] = (await myNotices(admin.session)).filter((x) => x.link === `/messages?id=${id}`);
    expect(told.title).toBe(`收到${left.json().authorName}（党员）的留言，请答复`);

    const answered = () =>
      myNotices(author.session).then((l) => l.filter((x) => x.kind === 'openness.message_answered'));
    expect(await answered()).toEqual([]);
    const reply = await api('POST', `/messages/${id}/replies`, { body: '可以，工作日晚上开放。' }, secretary);
    expect(reply.statusCode, reply.body).toBe(200);
    expect(await answered()).toMatchObject([
      {
        kindLabel: '留言答复',
        title: '留言通知测试党支部答复了您的留言',
        body: '可以，工作日晚上开放。',
        link: '/m/messages',
      },
    ]);

    const follow = await api('POST', `/messages/mine/${id}/follow-ups`, { body: '周末呢？' }, author);
    expect(follow.statusCode, follow.body).toBe(200);
    const followUpId = (
      await query<{ id: string }>(
        env,
        "select id from message_replies where message_id = $1 and by_kind = 'author'",
        [id],
      )
    )[0].id;
    expect(await receivers('openness.message', 'message_follow_up', followUpId)).toEqual([
      secretary.memberId,
      admin.memberId,
    ]);
    const again = (await myNotices(secretary.session)).filter((x) => x.link === `/messages?id=${id}`);
    expect(again.map((x) => [x.title, x.body])).toEqual([
      [`${left.json().authorName}（党员）追问了留言，请答复`, '周末呢？'],
      [
        `收到${left.json().authorName}（党员）的留言，请答复`,
        expect.stringContaining('活动室晚上能否开放？'),
      ],
    ]);

    await api('POST', `/messages/${id}/replies`, { body: '周末上午也开放。' }, admin);
    expect((await answered()).map((x) => x.body)).toEqual(['周末上午也开放。', '可以，工作日晚上开放。']);
  });

  it('an answer to the public tells nobody in the platform (they have no login here)', async () => {
    const left = await publicMessage(branch, '想咨询入党申请书交给谁？');
    const before = await query(
      env,
      "select count(*)::int as n from notices where kind = 'openness.message_answered'",
    );
    const reply = await api(
      'POST',
      `/messages/${left.json().id}/replies`,
      { body: '交给所在党支部。' },
      secretary,
    );
    expect(reply.statusCode, reply.body).toBe(200);
    expect(
      await query(env, "select count(*)::int as n from notices where kind = 'openness.message_answered'"),
    ).toEqual(before);
  });

  it('an org whose answering accounts are no member’s: the message is kept, and no empty notice is made', async () => {
    const lone = (await makeOrg(env, town1, 'branch', '无人接收留言测试党支部')).id;
    await makeUser(env, { orgId: lone, role: 'secretary' });
    const left = await publicMessage(lone, '路面有坑。');
    expect(left.statusCode, left.body).toBe(201);
    expect(await query(env, 'select status from messages where id = $1', [left.json().id])).toEqual([
      { status: 'open' },
    ]);
    expect(
      await query(env, "select id from notices where kind = 'openness.message' and source_id = $1", [
        left.json().id,
      ]),
    ).toEqual([]);
  });
});

describe('in the demo', () => {
  it('a message left for the village branch reaches the demo secretary', async () => {
    const sec = await login(env, 'secretary');
    const [{ org_id: village }] = await query<{ org_id: string }>(
      env,
      "select org_id from users where username = 'secretary'",
    );
    const left = await publicMessage(Number(village), '村里的健身器材坏了一个。');
    expect(left.statusCode, left.body).toBe(201);
    const mine = await myNotices(sec);
    expect(mine.filter((x) => x.link === `/messages?id=${left.json().id}`)).toHaveLength(1);
    expect(
      (await api('GET', '/notices/mine/unread-count', undefined, { session: sec })).json().count,
    ).toBeGreaterThan(0);
  });
});
