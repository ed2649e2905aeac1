import { randomBytes } from 'node:crypto';
import { makeMember } from '../../../../test/fixtures.ts';
import { query, type TestEnv } from '../../../../test/harness.ts';
import type { MatrixCases } from '../../../../test/matrix.ts';
import { bind } from '../../../platform/pii/index.ts';
import { newChallenge } from './rules.ts';

/** Authorization-matrix cases for 留言 (platform/access/matrix.test.ts). */

/** A message from the public to `orgId`, due in a week; `authorUserId` makes it a member's. */
export async function messageIn(env: TestEnv, orgId: number, authorUserId?: number) {
  const [{ id }] = await query<{ id: number }>(env, "select nextval('messages_id_seq')::int8 as id");
  const member = !!authorUserId;
  await query(
    env,
    `insert into messages (id, org_id, org_path, author_kind, author_user_id, author_name, phone_enc, phone_index, body,
                           created_at, due_at)
     values ($1, $2, '', $3, $4, '矩阵留言人', $5, $6, '矩阵测试留言', now(), now() + interval '7 days')`,
    [
      id,
      orgId,
      member ? 'member' : 'public',
      authorUserId ?? null,
      member ? null : env.pii.encrypt('13900001111', bind('messages', 'phone', id)),
      member ? null : env.pii.blindIndex('phone', '13900001111'),
    ],
  );
  return id;
}

/** A valid answer to a fresh challenge, signed as the server signs it. */
export function solvedChallenge(env: TestEnv, now = new Date()) {
  const c = newChallenge(
    (p) => env.pii.blindIndex('message-challenge', p),
    now,
    randomBytes(16).toString('hex'),
    () => 0,
  );
  return { challengeToken: c.token, challengeAnswer: '13' };
}

export const messageMatrix: MatrixCases = {
  routes: {
    'GET /api/v1/public/challenge': {
      action: 'public',
      make: async () => ({ method: 'GET', url: '/api/v1/public/challenge' }),
    },
    'GET /api/v1/public/orgs/:orgId/message-form': {
      action: 'public',
      make: async ({ target }) => ({ method: 'GET', url: `/api/v1/public/orgs/${target}/message-form` }),
    },
    'POST /api/v1/public/orgs/:orgId/messages': {
      action: 'public',
      make: async ({ env, target }) => ({
        method: 'POST',
        url: `/api/v1/public/orgs/${target}/messages`,
        payload: { name: '矩阵群众', phone: '13900001111', body: '矩阵测试留言', ...solvedChallenge(env) },
      }),
    },
    'POST /api/v1/orgs/:orgId/messages': {
      action: 'authenticated',
      make: async ({ env, target, self }) => {
        // the caller is a member somewhere (their own record), writing to the target org
        if (self.userId) {
          const m = await makeMember(env, target);
          await query(env, 'update members set user_id = $1 where id = $2', [self.userId, m.id]);
        }
        return { method: 'POST', url: `/api/v1/orgs/${target}/messages`, payload: { body: '矩阵测试留言' } };
      },
    },
    'GET /api/v1/messages/mine': {
      action: 'authenticated',
      untargeted: true,
      make: async () => ({ method: 'GET', url: '/api/v1/messages/mine' }),
    },
    'POST /api/v1/messages/mine/:id/follow-ups': {
      action: 'authenticated',
      untargeted: true,
      make: async ({ env, target, self }) => ({
        method: 'POST',
        url: `/api/v1/messages/mine/${await messageIn(env, target, self.userId || undefined)}/follow-ups`,
        payload: { body: '矩阵追问' },
      }),
    },
    'GET /api/v1/messages': {
      action: 'message.answer',
      make: async ({ target }) => ({
        method: 'GET',
        url: `/api/v1/messages?orgId=${target}&filter=unanswered`,
      }),
    },
    'GET /api/v1/messages/overdue': {
      action: 'message.oversee',
      make: async ({ target }) => ({ method: 'GET', url: `/api/v1/messages/overdue?orgId=${target}` }),
    },
    'GET /api/v1/messages/counts': {
      action: 'message.oversee',
      make: async ({ target }) => ({ method: 'GET', url: `/api/v1/messages/counts?orgId=${target}` }),
    },
    'GET /api/v1/messages/:id': {
      action: 'message.answer',
      make: async ({ env, target }) => ({
        method: 'GET',
        url: `/api/v1/messages/${await messageIn(env, target)}`,
      }),
    },
    'POST /api/v1/messages/:id/replies': {
      action: 'message.answer',
      make: async ({ env, target }) => ({
        method: 'POST',
        url: `/api/v1/messages/${await messageIn(env, target)}/replies`,
        payload: { body: '矩阵答复' },
      }),
    },
    'POST /api/v1/messages/:id/close': {
      action: 'message.answer',
      make: async ({ env, target }) => ({
        method: 'POST',
        url: `/api/v1/messages/${await messageIn(env, target)}/close`,
        payload: { reason: '矩阵办结' },
      }),
    },
  },

  probes: {
    'POST /api/v1/messages/mine/:id/follow-ups': [
      {
        // "mine" is the author's: another signed-in user cannot write into someone else's thread
        title: 'a member follows up a message someone else left',
        as: [{ role: 'member', on: 'branch1' }],
        make: async ({ env, places }) => ({
          method: 'POST',
          url: `/api/v1/messages/mine/${await messageIn(env, places.branch1)}/follow-ups`,
          payload: { body: '矩阵追问' },
        }),
        expect: { refused: 404 },
      },
    ],
    'POST /api/v1/messages/:id/replies': [
      {
        // a secretary who is also a member elsewhere answers only where they are secretary
        title: 'a secretary of branch 1 (member of branch 2) answers a message left for branch 2',
        as: [
          { role: 'secretary', on: 'branch1' },
          { role: 'member', on: 'branch2' },
        ],
        make: async ({ env, places }) => ({
          method: 'POST',
          url: `/api/v1/messages/${await messageIn(env, places.branch2)}/replies`,
          payload: { body: '矩阵答复' },
        }),
        expect: { refused: 403 },
      },
    ],
  },
};
