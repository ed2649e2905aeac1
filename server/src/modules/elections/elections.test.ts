import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeMember, makeUser } from '../../../test/fixtures.ts';
import { login, orgId, query, type Session, type TestEnv, testEnv } from '../../../test/harness.ts';
import { makeBranch, makeVoter } from './fixtures.ts';

// A branch election from the list to the count: the superior org's approval, the frozen roll,
// online and paper ballots, every refusal the issue names, the bulletin, the chain, the result
// sheet, and what a database reader can (not) link.

let env: TestEnv;
let town: Session;
let town2: Session;
let secretary: Session;
let teller2: Session;
let branch: number;
const voters: Awaited<ReturnType<typeof makeVoter>>[] = [];
let probationary: Awaited<ReturnType<typeof makeVoter>>;
let observed: Awaited<ReturnType<typeof makeVoter>>;
let outsider: Awaited<ReturnType<typeof makeVoter>>;

beforeAll(async () => {
  env = await testEnv();
  const town1 = await orgId(env, '中共青山区清河镇委员会');
  branch = await makeBranch(env, town1);
  town = await login(env, 'town_admin');
  town2 = await login(env, 'town2_admin');
  const sec = await makeUser(env, { orgId: branch, role: 'secretary' });
  secretary = await login(env, sec.username);
  const t2 = await makeUser(env, { orgId: branch, role: 'org_admin' });
  teller2 = await login(env, t2.username);
  for (let i = 0; i < 6; i++) voters.push(await makeVoter(env, branch));
  probationary = await makeVoter(env, branch, { status: 'probationary' });
  observed = await makeVoter(env, branch);
  await query(
    env,
    `insert into member_sanctions (member_id, kind, title, "on", issued_by) values ($1, 'discipline', '留党察看', now()::date - 30, '镇纪委')`,
    [observed.memberId],
  );
  outsider = await makeVoter(env, await makeBranch(env, town1));
  // a member who has left the Party is not on any roll
  const gone = await makeMember(env, branch);
  await query(env, 'update members set left_at = now() where id = $1', [gone.id]);
});
afterAll(() => env?.close());

const api = (s: Session, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
  env.app.inject({ method, url: `/api/v1${url}`, headers: s.headers, payload });

let id: number;
let cands: string[];
const codes: string[] = [];
const draft = (n: number) => ({
  orgId: String(branch),
  kind: 'election',
  title: '第三届支部委员会换届选举',
  seats: 2,
  candidates: ['赵一', '钱二', '孙三'].slice(0, n).map((name) => ({ name })),
});

describe('setting up: the candidate list and the superior org', () => {
  it('a list without 20% more candidates than seats is refused when submitted', async () => {
    const res = await api(secretary, 'POST', '/elections', draft(2));
    expect(res.statusCode).toBe(201);
    id = Number(res.json().id);
    const sub = await api(secretary, 'POST', `/elections/${id}/submit`);
    expect(sub.statusCode).toBe(400);
    expect(sub.json().error.message).toContain('candidates');
    expect(sub.json().error.message).toContain('至少3名候选人');
  });
  it('with three candidates it goes up; the branch cannot approve its own list; town 2 cannot see it', async () => {
    expect((await api(secretary, 'PUT', `/elections/${id}`, draft(3))).statusCode).toBe(200);
    expect((await api(secretary, 'POST', `/elections/${id}/submit`)).json().state).toBe('submitted');
    expect((await api(teller2, 'POST', `/elections/${id}/approve`, { approve: true })).statusCode).toBe(403);
    expect((await api(town2, 'POST', `/elections/${id}/approve`, { approve: true })).statusCode).toBe(403);
    expect((await api(town2, 'GET', `/elections/${id}`)).statusCode).toBe(403);
    const list = await api(town2, 'GET', '/elections');
    expect(list.json().items.map((e: { id: string }) => e.id)).not.toContain(String(id));
    const mine = await api(town, 'GET', '/elections?view=approvals');
    expect(mine.json().items.map((e: { id: string }) => e.id)).toContain(String(id));
  });
  it('the town approves it, and the list can no longer be edited', async () => {
    const res = await api(town, 'POST', `/elections/${id}/approve`, { approve: true });
    expect(res.json().state).toBe('approved');
    expect(res.json().approvedBy).toContain('town_admin');
    const edit = await api(secretary, 'PUT', `/elections/${id}`, draft(3));
    expect(edit.statusCode).toBe(409);
    expect(edit.json().error.message).toContain('不能再修改');
  });
  it('opening freezes the roll: full members only, not the probationary, not the one under 留党察看', async () => {
    const res = await api(secretary, 'POST', `/elections/${id}/open`);
    expect(res.statusCode).toBe(200);
    expect(res.json().entitled).toBe(6);
    cands = res.json().candidates.map((c: { id: string }) => c.id);
    const roll = (await api(secretary, 'GET', `/elections/${id}/roll`)).json().items;
    expect(roll.map((r: { memberId: string }) => Number(r.memberId)).sort()).toEqual(
      voters.map((v) => v.memberId).sort(),
    );
    expect((await api(secretary, 'PUT', `/elections/${id}`, draft(3))).json().error.message).toContain(
      '投票已经开始',
    );
  });
});

describe('voting', () => {
  it('a member votes online and gets a tracking code, once', async () => {
    const res = await api(voters[0].session, 'POST', `/elections/${id}/ballots`, {
      marks: { [cands[0]]: 'yes', [cands[1]]: 'yes', [cands[2]]: 'no' },
    });
    expect(res.statusCode).toBe(200);
    codes.push(res.json().trackingCode);
    expect(res.json().trackingCode).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
    const again = await api(voters[0].session, 'POST', `/elections/${id}/ballots`, {
      marks: { [cands[2]]: 'yes' },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain('一人一票');
  });
  it('more choices than seats and an over-long write-in are refused, naming what is wrong; nothing is cast', async () => {
    const many = await api(voters[1].session, 'POST', `/elections/${id}/ballots`, {
      marks: { [cands[0]]: 'yes', [cands[1]]: 'yes' },
      writeIns: ['周四'],
    });
    expect(many.statusCode).toBe(400);
    expect(many.json().error.message).toContain('多于应选人数');
    const long = await api(voters[1].session, 'POST', `/elections/${id}/ballots`, {
      writeIns: ['这是一个超过二十个字的名字这是一个超过二十个字的名字'],
    });
    expect(long.statusCode).toBe(400);
    expect(long.json().error.message).toContain('writeIns.0');
    const [{ n }] = await query<{ n: string }>(
      env,
      'select count(*) as n from election_ballots where election_id = $1',
      [id],
    );
    expect(Number(n)).toBe(1);
  });
  it('a probationary member, one under 留党察看 and one outside the branch are refused with the reason', async () => {
    const p = await api(probationary.session, 'POST', `/elections/${id}/ballots`, {});
    expect(p.statusCode).toBe(403);
    expect(p.json().error.message).toContain('预备党员');
    const o = await api(observed.session, 'POST', `/elections/${id}/ballots`, {});
    expect(o.json().error.message).toContain('留党察看');
    const x = await api(outsider.session, 'POST', `/elections/${id}/ballots`, {});
    expect(x.statusCode).toBe(403);
    expect(x.json().error.message).toContain('名册');
    const mine = (await api(probationary.session, 'GET', '/my/elections')).json().items;
    expect(mine.find((e: { id: string }) => e.id === String(id))?.refusal).toContain('预备党员');
  });
  it('more members vote online; the live progress shows how many, not what', async () => {
    // one member's two casts at the same moment (two taps, two tabs): one ballot, the other refused
    const twice = await Promise.all(
      [0, 1].map(() =>
        api(voters[1].session, 'POST', `/elections/${id}/ballots`, { marks: { [cands[0]]: 'yes' } }),
      ),
    );
    expect(twice.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    codes.push(twice.find((r) => r.statusCode === 200)!.json().trackingCode);
    for (const v of [voters[3], voters[4]]) {
      const res = await api(v.session, 'POST', `/elections/${id}/ballots`, {
        marks: { [cands[0]]: 'yes' },
        writeIns: v === voters[4] ? ['周四'] : [],
      });
      expect(res.statusCode).toBe(200);
      codes.push(res.json().trackingCode);
    }
    const p = (await api(secretary, 'GET', `/elections/${id}/progress`)).json();
    expect(p).toMatchObject({ entitled: 6, voted: 4, ballots: 4 });
    expect(
      (await api(voters[5].session, 'GET', '/my/elections/open-count')).json().count,
    ).toBeGreaterThanOrEqual(1);
    const r = await api(secretary, 'GET', `/elections/${id}/result`);
    expect(r.statusCode).toBe(409);
    expect(r.json().error.message).toContain('投票结束后');
  });
  it('a paper ballot counts when two tellers enter it alike', async () => {
    expect(
      (await api(secretary, 'POST', `/elections/${id}/paper/issue`, { memberId: String(voters[0].memberId) }))
        .statusCode,
    ).toBe(409);
    expect(
      (
        await api(secretary, 'POST', `/elections/${id}/paper/issue`, {
          memberId: String(probationary.memberId),
        })
      ).json().error.message,
    ).toContain('名册');
    expect(
      (await api(secretary, 'POST', `/elections/${id}/paper/issue`, { memberId: String(voters[2].memberId) }))
        .statusCode,
    ).toBe(200);
    const ballot = { paperNo: '001', choices: { marks: { [cands[0]]: 'yes', [cands[2]]: 'yes' } } };
    expect((await api(secretary, 'POST', `/elections/${id}/paper/entries`, ballot)).json().state).toBe(
      'waiting',
    );
    const same = await api(secretary, 'POST', `/elections/${id}/paper/entries`, ballot);
    expect(same.statusCode).toBe(409);
    expect(same.json().error.message).toContain('另一名计票人');
    const differ = await api(teller2, 'POST', `/elections/${id}/paper/entries`, {
      ...ballot,
      choices: { marks: { [cands[1]]: 'yes' } },
    });
    expect(differ.statusCode).toBe(409);
    expect(differ.json().error.message).toContain('不一致');
    expect((await api(teller2, 'POST', `/elections/${id}/paper/entries`, ballot)).json().state).toBe(
      'counted',
    );
    const more = await api(teller2, 'POST', `/elections/${id}/paper/entries`, { ...ballot, paperNo: '002' });
    expect(more.json().state).toBe('waiting');
    const over = await api(secretary, 'POST', `/elections/${id}/paper/entries`, {
      ...ballot,
      paperNo: '002',
    });
    expect(over.statusCode).toBe(409);
    expect(over.json().error.message).toContain('不能多于发出的');
  });
});

describe('closing, the count and the proof', () => {
  it('cannot close while a paper awaits its second entry; town 2 cannot close it', async () => {
    const res = await api(secretary, 'POST', `/elections/${id}/close`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain('第二名计票人');
    await query(env, "delete from election_paper_entries where election_id = $1 and paper_no = '002'", [id]);
    expect((await api(town2, 'POST', `/elections/${id}/close`)).statusCode).toBe(403);
  });
  it('closes, and a ballot after closing is refused', async () => {
    const res = await api(secretary, 'POST', `/elections/${id}/close`);
    expect(res.json().state).toBe('closed');
    expect(res.json().chainHead).toMatch(/^[0-9a-f]{64}$/);
    const late = await api(voters[5].session, 'POST', `/elections/${id}/ballots`, {
      marks: { [cands[0]]: 'yes' },
    });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.message).toContain('投票已经结束');
  });
  it('the result has the figures the regulation asks for', async () => {
    const r = (await api(secretary, 'GET', `/elections/${id}/result`)).json();
    expect(r).toMatchObject({
      entitled: 6,
      present: 5,
      issued: 5,
      returned: 5,
      valid: 5,
      invalid: 0,
      meetingValid: true,
    });
    // 赵一: 5 赞成 of 5 present; 孙三 1 + 1 paper = 2; 钱二 1; 周四 written in once
    expect(r.elected).toEqual(['赵一']);
    expect(r.remainingSeats).toBe(1);
    expect(r.tally.find((t: { name: string }) => t.name === '周四')).toMatchObject({ yes: 1, writeIn: true });
  });
  it('each voter finds their tracking code on the bulletin with the ballot as cast', async () => {
    const b = (await api(voters[0].session, 'GET', `/my/elections/${id}/bulletin`)).json();
    expect(b.ballots).toHaveLength(5);
    const mine = b.ballots.find((x: { trackingCode: string }) => x.trackingCode === codes[0]);
    expect(mine.choices.marks).toEqual({ [cands[0]]: 'yes', [cands[1]]: 'yes', [cands[2]]: 'no' });
    for (const c of codes)
      expect(b.ballots.map((x: { trackingCode: string }) => x.trackingCode)).toContain(c);
    expect((await api(outsider.session, 'GET', `/my/elections/${id}/bulletin`)).statusCode).toBe(403);
  });
  it('the verification recomputes the chain and the count; a changed ballot breaks the chain', async () => {
    const v = (await api(voters[1].session, 'GET', `/my/elections/${id}/verify`)).json();
    expect(v).toMatchObject({ chainVerified: true, tallyVerified: true, ballots: 5 });
    await query(
      env,
      `update election_ballots set choices = jsonb_set(choices, '{marks}', '{}'::jsonb) where election_id = $1 and tracking_code = $2`,
      [id, codes[1]],
    );
    const broken = (await api(secretary, 'GET', `/elections/${id}/verify`)).json();
    expect(broken.chainVerified).toBe(false);
    expect(broken.tallyVerified).toBe(false);
  });
  it('the result sheet (.docx) opens and carries the figures', async () => {
    const res = await api(town, 'GET', `/elections/${id}/result.docx`);
    expect(res.statusCode).toBe(200);
    const xml = new TextDecoder().decode(unzipSync(new Uint8Array(res.rawPayload))['word/document.xml']);
    const text = xml.replace(/<[^>]+>/g, '');
    for (const want of [
      '计票结果报告单',
      '应到会有选举权人数',
      '实到会有选举权人数',
      '有效票',
      '赵一',
      '当选：赵一',
      '（待批准）',
    ])
      expect(text).toContain(want);
  });
  it('the town records its approval of the result; the branch cannot', async () => {
    expect((await api(secretary, 'POST', `/elections/${id}/approve-result`)).statusCode).toBe(403);
    const res = await api(town, 'POST', `/elections/${id}/approve-result`);
    expect(res.json().resultApprovedBy).toContain('town_admin');
  });
  it('a further round for the seat left, among those not elected', async () => {
    const res = await api(secretary, 'POST', `/elections/${id}/next-round`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ round: 2, seats: 1, state: 'approved' });
    expect(res.json().candidates.map((c: { name: string }) => c.name)).toEqual(['钱二', '孙三']);
  });
});

describe('secrecy: what a database reader sees', () => {
  it('the ballot table has no voter, no session and no time finer than the day', async () => {
    const cols = await query<{ column_name: string; data_type: string }>(
      env,
      "select column_name, data_type from information_schema.columns where table_name = 'election_ballots' order by column_name",
    );
    expect(cols.map((c) => c.column_name)).toEqual([
      'cast_on',
      'choices',
      'election_id',
      'hash',
      'position',
      'tracking_code',
      'valid',
    ]);
    expect(cols.find((c) => c.column_name === 'cast_on')?.data_type).toBe('date');
  });
  it('after closing, the rows lie in tracking-code order and were all written by one transaction', async () => {
    const rows = await query<{ tracking_code: string; xmin: string }>(
      env,
      'select tracking_code, xmin::text from election_ballots where election_id = $1 order by ctid',
      [id],
    );
    // the tampered row (the test above) was written again, elsewhere in the table: the others keep
    // the order the closing wrote them in
    const untouched = rows.map((r) => r.tracking_code).filter((c) => c !== codes[1]);
    expect(untouched).toHaveLength(4);
    expect(untouched).toEqual([...untouched].sort());
    // the tampering above is one more transaction: all but that row share the closing one's
    expect(new Set(rows.map((r) => r.xmin)).size).toBeLessThanOrEqual(2);
  });
  it('the audit log holds no tracking code and no choice, and no ballot names a voter', async () => {
    const log = await query<{ action: string; actor_name: string | null; body: string }>(
      env,
      "select action, actor_name, coalesce(after::text, '') as body from audit_log where target_type = 'election' and target_id = $1",
      [String(id)],
    );
    const text = JSON.stringify(log);
    for (const c of codes) expect(text).not.toContain(c);
    for (const c of cands) expect(text).not.toContain(`"${c}":"yes"`);
    const casts = log.filter((l) => l.action === 'election.ballots_cast');
    expect(casts.length).toBeGreaterThan(0);
    expect(casts.every((l) => l.actor_name === '不记名投票')).toBe(true);
  });
});

describe('民主评议党员 and 民主推荐 on the same engine', () => {
  it('an appraisal rates the roll: nobody rates themself, grades are counted per member, secretly', async () => {
    const created = await api(secretary, 'POST', '/elections', {
      orgId: String(branch),
      kind: 'appraisal',
      title: '2026年度民主评议党员',
      seats: 1,
    });
    expect(created.statusCode).toBe(201);
    const aid = created.json().id;
    // no approval needed: it opens from the draft, the members rated are the branch's (probationary too)
    const opened = (await api(secretary, 'POST', `/elections/${aid}/open`)).json();
    const rated = opened.candidates as { id: string; memberId: string }[];
    expect(rated.map((c) => Number(c.memberId))).toContain(probationary.memberId);
    const own = rated.find((c) => Number(c.memberId) === voters[0].memberId)?.id ?? '';
    const other = rated.find((c) => Number(c.memberId) === voters[1].memberId)?.id ?? '';
    const self = await api(voters[0].session, 'POST', `/elections/${aid}/ballots`, {
      marks: { [own]: 'excellent' },
    });
    expect(self.statusCode).toBe(400);
    expect(self.json().error.message).toContain('不能评议自己');
    const yes = await api(voters[0].session, 'POST', `/elections/${aid}/ballots`, {
      marks: { [other]: 'yes' },
    });
    expect(yes.json().error.message).toContain('优秀、合格、基本合格');
    expect(
      (await api(voters[0].session, 'POST', `/elections/${aid}/ballots`, { marks: { [other]: 'excellent' } }))
        .statusCode,
    ).toBe(200);
    expect(
      (await api(voters[2].session, 'POST', `/elections/${aid}/ballots`, { marks: { [other]: 'basic' } }))
        .statusCode,
    ).toBe(200);
    await api(secretary, 'POST', `/elections/${aid}/close`);
    const r = (await api(secretary, 'GET', `/elections/${aid}/result`)).json();
    const row = r.tally.find((t: { candidateId: string }) => t.candidateId === other);
    expect(row.grades).toEqual({ excellent: 1, qualified: 0, basic: 1, unqualified: 0 });
    expect(r.elected).toEqual([]);
  });
  it('a recommendation names its post and ranks by 赞成', async () => {
    const noPost = await api(secretary, 'POST', '/elections', {
      orgId: String(branch),
      kind: 'cadre_recommendation',
      title: '村党组织副书记民主推荐',
      seats: 1,
      candidates: [{ name: '赵一' }, { name: '钱二' }],
    });
    expect(noPost.statusCode).toBe(400);
    expect(noPost.json().error.message).toContain('post');
    const rid = (
      await api(secretary, 'POST', '/elections', {
        orgId: String(branch),
        kind: 'cadre_recommendation',
        title: '村党组织副书记民主推荐',
        post: '村党组织副书记',
        seats: 1,
        candidates: [{ name: '赵一' }, { name: '钱二' }],
      })
    ).json().id;
    const c = (await api(secretary, 'POST', `/elections/${rid}/open`))
      .json()
      .candidates.map((x: { id: string }) => x.id);
    for (const [i, v] of voters.slice(0, 5).entries())
      expect(
        (await api(v.session, 'POST', `/elections/${rid}/ballots`, { marks: { [c[i % 2 ? 0 : 1]]: 'yes' } }))
          .statusCode,
      ).toBe(200);
    await api(secretary, 'POST', `/elections/${rid}/close`);
    const r = (await api(secretary, 'GET', `/elections/${rid}/result`)).json();
    // 5 of 6 present: 钱二 3, 赵一 2 — the post's one name is the one with most 赞成
    expect(r).toMatchObject({ present: 5, meetingValid: true, elected: ['钱二'] });
  });
});

describe('the demo', () => {
  it('has the village branch’s last election, closed, approved and verifiable', async () => {
    const list = (await api(town, 'GET', '/elections?pageSize=200')).json().items as {
      id: string;
      title: string;
      state: string;
      resultApprovedBy: string | null;
    }[];
    const seeded = list.find((e) => e.title === '第二届支部委员会换届选举');
    expect(seeded).toMatchObject({ state: 'closed' });
    expect(seeded?.resultApprovedBy).toBeTruthy();
    const v = (await api(town, 'GET', `/elections/${seeded?.id}/verify`)).json();
    expect(v).toMatchObject({ chainVerified: true, tallyVerified: true });
    expect(v.ballots).toBeGreaterThan(2);
  });
});
