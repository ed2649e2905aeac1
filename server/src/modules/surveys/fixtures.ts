import type { SurveyDefinition } from '../../../../contracts/surveys/definition.ts';
import { SurveyDefinition as Def } from '../../../../contracts/surveys/definition.ts';
import { makeMember, makeUser } from '../../../test/fixtures.ts';
import { login, query, type TestEnv } from '../../../test/harness.ts';

/** Factories for surveys in tests and matrix cases: rows made straight in the database. */

let seq = 0;

/** Two questions: a required single choice and, shown when it is answered 是, a rating. */
export const smallDefinition = (): SurveyDefinition =>
  Def.parse({
    sections: [
      {
        title: '',
        questions: [
          {
            id: 'q1',
            kind: 'single',
            title: '是否参加了本月主题党日',
            required: true,
            options: ['是', '否'],
          },
          {
            id: 'q2',
            kind: 'rating',
            title: '主题党日满意度',
            required: true,
            showIf: { questionId: 'q1', anyOf: [0] },
          },
          { id: 'q3', kind: 'textarea', title: '意见建议' },
        ],
      },
    ],
  });

/**
 * A survey of `orgId`: open (published) unless `status` says otherwise, asked of `memberIds`
 * (audience 'list'), or public with a token.
 */
export async function makeSurvey(
  env: TestEnv,
  orgId: number,
  opts: {
    memberIds?: number[];
    status?: 'draft' | 'open' | 'closed';
    public?: boolean;
    anonymous?: boolean;
  } = {},
) {
  const token = opts.public ? `tok${process.pid}x${++seq}xxxxxxxx` : null;
  const [s] = await query<{ id: string }>(
    env,
    `insert into surveys (org_id, org_path, title, anonymous, audience_kind, status, definition, public_token, invited_count,
                          audience_member_ids, published_at)
     select id, path, $2, $3, $4, $5, $6::jsonb, $7, $8, $9::int8[], case when $5 = 'draft' then null else now() end
       from orgs where id = $1 returning id`,
    [
      orgId,
      `测试问卷${process.pid}-${++seq}`,
      opts.anonymous ?? false,
      opts.public ? 'public' : 'list',
      opts.status ?? 'open',
      JSON.stringify(smallDefinition()),
      token,
      opts.memberIds?.length ?? 0,
      opts.memberIds ?? [],
    ],
  );
  for (const m of opts.memberIds ?? [])
    await query(
      env,
      `insert into survey_invitees (survey_id, member_id, org_id, org_path)
       select $1, id, org_id, org_path from members where id = $2`,
      [s.id, m],
    );
  return { surveyId: Number(s.id), token };
}

/** A member of `orgId` who can log in (role member): their member id, user id and session. */
export async function makeRespondent(env: TestEnv, orgId: number, name?: string) {
  const m = await makeMember(env, orgId, { name });
  const [{ org_id }] = await query<{ org_id: number }>(env, 'select org_id from members where id = $1', [
    m.id,
  ]);
  const u = await makeUser(env, { orgId: Number(org_id), role: 'member' });
  await query(env, 'update members set user_id = $1 where id = $2', [u.id, m.id]);
  return { memberId: m.id, userId: u.id, session: await login(env, u.username) };
}

/** The member record of a login, made when it has none (matrix: the caller answers as themself). */
export async function memberForUser(env: TestEnv, userId: number, orgId: number): Promise<number> {
  // an anonymous caller (user 0): the survey is someone else's, made for a new member
  if (!userId) userId = (await makeUser(env, { orgId, role: 'member' })).id;
  const [had] = await query<{ id: string }>(
    env,
    'select id from members where user_id = $1 and left_at is null',
    [userId],
  );
  if (had) return Number(had.id);
  const m = await makeMember(env, orgId);
  await query(env, 'update members set user_id = $1 where id = $2', [userId, m.id]);
  return m.id;
}
