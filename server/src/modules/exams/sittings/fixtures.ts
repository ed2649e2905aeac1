import { DEFAULT_POINTS } from '../../../../../contracts/exams/sittings.ts';
import { makeMember, makeUser } from '../../../../test/fixtures.ts';
import { login, query, type TestEnv } from '../../../../test/harness.ts';
import { makeCategory, makeQuestion } from '../bank/fixtures.ts';

/** Factories for exams in tests and matrix cases: rows made straight in the database. */

let seq = 0;

/** A paper of `orgId`: fixed (`questionIds` in order), or random with one rule drawing `count` of `categoryId`. */
export async function makePaper(
  env: TestEnv,
  orgId: number,
  spec: { questionIds: number[] } | { categoryId: number; count: number },
) {
  const kind = 'questionIds' in spec ? 'fixed' : 'random';
  const [p] = await query<{ id: string }>(
    env,
    `insert into papers (org_id, org_path, title, kind, points)
     select id, path, $2, $3, $4::jsonb from orgs where id = $1 returning id`,
    [orgId, `测试试卷${process.pid}-${++seq}`, kind, JSON.stringify(DEFAULT_POINTS)],
  );
  const id = Number(p.id);
  if ('questionIds' in spec)
    for (const [i, q] of spec.questionIds.entries())
      await query(env, 'insert into paper_questions (paper_id, position, question_id) values ($1, $2, $3)', [
        id,
        i + 1,
        q,
      ]);
  else
    await query(
      env,
      'insert into paper_rules (paper_id, position, category_id, count) values ($1, 1, $2, $3)',
      [id, spec.categoryId, spec.count],
    );
  return id;
}

/** A member of `orgId` who can log in (role member): their member id and session. */
export async function makeExaminee(env: TestEnv, orgId: number, name?: string) {
  const m = await makeMember(env, orgId, { name });
  const [{ org_id }] = await query<{ org_id: number }>(env, 'select org_id from members where id = $1', [
    m.id,
  ]);
  const u = await makeUser(env, { orgId: Number(org_id), role: 'member' });
  await query(env, 'update members set user_id = $1 where id = $2', [u.id, m.id]);
  return { memberId: m.id, session: await login(env, u.username) };
}

/** An exam of `orgId` made straight in the database: one true/false question, open for the next hour. */
export async function makeExam(env: TestEnv, orgId: number, candidateMemberIds: number[] = []) {
  const cat = await makeCategory(env, orgId);
  const q = await makeQuestion(env, cat, {
    type: 'truefalse',
    stem: '党员有权在党的会议上参加关于党的政策问题的讨论。',
    format: 'plain',
    correct: true,
    difficulty: 'easy',
    tags: [],
  });
  const paper = await makePaper(env, orgId, { questionIds: [q] });
  const [e] = await query<{ id: string }>(
    env,
    `insert into exams (org_id, org_path, paper_id, title, opens_at, closes_at, duration_minutes, total_points,
                        pass_score, audience_kind, candidate_count, draw)
     select id, path, $2, $3, now() - interval '1 hour', now() + interval '1 hour', 30, 1, 1, 'members', $4,
            jsonb_build_object('kind', 'fixed', 'shuffleOptions', false, 'ids', jsonb_build_array($5::int8))
       from orgs where id = $1 returning id`,
    [orgId, paper, `测试考试${process.pid}-${++seq}`, candidateMemberIds.length, q],
  );
  const examId = Number(e.id);
  await query(
    env,
    `insert into exam_questions (exam_id, question_id, category_id, type, difficulty, body, points)
     select $1, id, category_id, type, difficulty, body, 1 from questions where id = $2`,
    [examId, q],
  );
  for (const m of candidateMemberIds)
    await query(
      env,
      'insert into exam_candidates (exam_id, member_id, org_id, org_path) select $1, id, org_id, org_path from members where id = $2',
      [examId, m],
    );
  return { examId, questionId: q };
}

/** The member record of a login, made (in a branch of `orgId`) and linked when it has none. */
export async function memberForUser(env: TestEnv, userId: number, orgId: number) {
  // an anonymous caller (user 0): the attempt is someone else's, made for a new member
  if (!userId) userId = (await makeUser(env, { orgId, role: 'member' })).id;
  const [found] = await query<{ id: string }>(
    env,
    'select id from members where user_id = $1 and left_at is null',
    [userId],
  );
  if (found) return Number(found.id);
  const m = await makeMember(env, orgId);
  await query(env, 'update members set user_id = $1 where id = $2', [userId, m.id]);
  return m.id;
}

/** An attempt of the login's member at a new exam: open (due in half an hour) or already submitted. */
export async function makeAttempt(
  env: TestEnv,
  userId: number,
  orgId: number,
  status: 'open' | 'submitted' = 'open',
) {
  const memberId = await memberForUser(env, userId, orgId);
  const { examId, questionId } = await makeExam(env, orgId, [memberId]);
  const [a] = await query<{ id: string }>(
    env,
    `insert into exam_attempts (exam_id, member_id, org_id, org_path, attempt_no, seed, slots, started_at, due_at,
                                status, submitted_at, submitted_by, score)
     select $1, m.id, m.org_id, m.org_path, 1, 7, jsonb_build_array(jsonb_build_object('q', $3::int8, 'points', 1)),
            now(), now() + interval '30 minutes', $4, case when $4 = 'open' then null else now() end,
            case when $4 = 'open' then null else 'member' end, case when $4 = 'open' then null else 0 end
       from members m where m.id = $2 returning id`,
    [examId, memberId, questionId, status],
  );
  return { examId, attemptId: Number(a.id), memberId };
}
