import { expect } from 'vitest';
import { makeUser } from '../../../test/fixtures.ts';
import { login, query, type Session, type TestEnv } from '../../../test/harness.ts';
import type { MatrixCases, MatrixProbe } from '../../../test/matrix.ts';
import { bind } from '../pii/index.ts';
import { newSecret, totpAt } from './totp.ts';

/** Authorization-matrix cases for sign-in, sessions, accounts and role grants (platform/access/matrix.test.ts). */

const user = async (env: TestEnv, orgId: number, role?: string) => (await makeUser(env, { orgId, role })).id;

const grantOn = (env: TestEnv, userId: number, role: string, orgId: number) =>
  query(env, 'insert into role_grants (user_id, role, org_id) values ($1, $2, $3)', [userId, role, orgId]);

let nameSeq = 0;
const newUsername = () => `m${process.pid}x${Date.now().toString(36)}x${++nameSeq}`;

/** Someone else, signed in: whose session another user tries to end. */
let victim: { session: Session; sessionId: number } | null = null;
async function signedInVictim(env: TestEnv, orgId: number) {
  const u = await makeUser(env, { orgId, role: 'member' });
  const session = await login(env, u.username);
  const [{ id }] = await query<{ id: number }>(env, 'select max(id) as id from sessions where user_id = $1', [
    u.id,
  ]);
  victim = { session, sessionId: id };
  return victim;
}

/** The victim's session is still there and still signs them in. */
async function victimStillSignedIn({ env }: { env: TestEnv }) {
  const v = victim!;
  const [row] = await query<{ revoked_at: Date | null }>(
    env,
    'select revoked_at from sessions where id = $1',
    [v.sessionId],
  );
  expect(row.revoked_at).toBeNull();
  const me = await env.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: v.session.headers });
  expect(me.statusCode, me.body).toBe(200);
}

const endSomeoneElsesSession = (as: MatrixProbe['as'], title: string): MatrixProbe => ({
  title,
  as,
  make: async ({ env, places }) => ({
    method: 'DELETE',
    url: `/api/v1/auth/sessions/${(await signedInVictim(env, places.branch1)).sessionId}`,
  }),
  // the route is "my sessions": someone else's is not found, and it stays open
  expect: { refused: 404 },
  check: victimStillSignedIn,
});

/** The caller's authenticator, set to a secret the case knows: pending (enrolling) or on. */
async function knownSecret(env: TestEnv, userId: number, enabled: boolean) {
  const secret = newSecret();
  const sealed = env.pii.encrypt(secret, bind('user_totp', 'secret', userId));
  await query(
    env,
    `insert into user_totp (user_id, secret_enc, enabled_at) values ($1, $2, case when $3 then now() end)
     on conflict (user_id) do update set secret_enc = excluded.secret_enc, enabled_at = excluded.enabled_at, last_step = null`,
    [userId, sealed, enabled],
  );
  return secret;
}

/** A dept admin's password step, as a fresh account would take it: the ticket and the new secret. */
async function enrolTicket(env: TestEnv, root: number) {
  const u = await makeUser(env, { orgId: root, role: 'dept_admin' });
  const res = await env.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username: u.username, password: 'Hongyun@2026' },
  });
  return res.json() as { ticket: string; secret: string };
}

/**
 * Switching the second factor off is refused to an account a role requires it of (a dept admin):
 * for the grid's dept admin the case holds the role as org_admin for the one request, and gives it
 * back after (settle).
 */
const demoted = new Set<number>();

export const authMatrix: MatrixCases = {
  routes: {
    'POST /api/v1/auth/login/code': {
      action: 'public',
      make: async ({ env, places }) => {
        const { ticket, secret } = await enrolTicket(env, places.root);
        return {
          method: 'POST',
          url: '/api/v1/auth/login/code',
          payload: { ticket, code: totpAt(secret, new Date()) },
        };
      },
    },
    'GET /api/v1/auth/totp': {
      action: 'authenticated',
      make: async () => ({ method: 'GET', url: '/api/v1/auth/totp' }),
    },
    'POST /api/v1/auth/totp/enrol': {
      action: 'authenticated',
      make: async ({ env, self }) => {
        await query(env, 'delete from user_totp where user_id = $1', [self.userId]);
        return { method: 'POST', url: '/api/v1/auth/totp/enrol' };
      },
    },
    'POST /api/v1/auth/totp/confirm': {
      action: 'authenticated',
      make: async ({ env, self }) => {
        const secret = self.userId ? await knownSecret(env, self.userId, false) : newSecret();
        return {
          method: 'POST',
          url: '/api/v1/auth/totp/confirm',
          payload: { code: totpAt(secret, new Date()) },
        };
      },
    },
    'POST /api/v1/auth/totp/recovery-codes': {
      action: 'authenticated',
      make: async ({ env, self }) => {
        const secret = self.userId ? await knownSecret(env, self.userId, true) : newSecret();
        return {
          method: 'POST',
          url: '/api/v1/auth/totp/recovery-codes',
          payload: { code: totpAt(secret, new Date()) },
        };
      },
    },
    'POST /api/v1/auth/totp/disable': {
      action: 'authenticated',
      make: async ({ env, self }) => {
        const secret = self.userId ? await knownSecret(env, self.userId, true) : newSecret();
        if (self.userId) {
          const held = await query(
            env,
            "update role_grants set role = 'org_admin' where user_id = $1 and role = 'dept_admin' returning id",
            [self.userId],
          );
          if (held.length) demoted.add(self.userId);
        }
        return {
          method: 'POST',
          url: '/api/v1/auth/totp/disable',
          payload: { code: totpAt(secret, new Date()) },
        };
      },
      settle: async ({ env, self }) => {
        if (!demoted.delete(self.userId)) return;
        await query(
          env,
          "update role_grants set role = 'dept_admin' where user_id = $1 and role = 'org_admin' and org_id = (select id from orgs where parent_id is null limit 1)",
          [self.userId],
        );
      },
    },
    'DELETE /api/v1/auth/trusted-devices': {
      action: 'authenticated',
      make: async () => ({ method: 'DELETE', url: '/api/v1/auth/trusted-devices' }),
    },
    'POST /api/v1/users/:id/totp-reset': {
      action: 'user.manage',
      make: async ({ env, target }) => ({
        method: 'POST',
        url: `/api/v1/users/${await user(env, target)}/totp-reset`,
        payload: { reason: '手机丢失' },
      }),
    },
    'POST /api/v1/auth/login': {
      action: 'public',
      make: async () => ({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'member', password: 'Hongyun@2026' },
      }),
    },
    'POST /api/v1/auth/logout': {
      action: 'authenticated',
      make: async () => ({ method: 'POST', url: '/api/v1/auth/logout' }),
    },
    'GET /api/v1/auth/me': {
      action: 'authenticated',
      make: async () => ({ method: 'GET', url: '/api/v1/auth/me' }),
    },
    'POST /api/v1/auth/password': {
      action: 'authenticated',
      make: async () => ({
        method: 'POST',
        url: '/api/v1/auth/password',
        payload: { currentPassword: 'Hongyun@2026', newPassword: 'Another#Pass9' },
      }),
    },
    'GET /api/v1/auth/sessions': {
      action: 'authenticated',
      make: async () => ({ method: 'GET', url: '/api/v1/auth/sessions' }),
    },
    'DELETE /api/v1/auth/sessions/:id': {
      action: 'authenticated',
      make: async ({ env, self }) => {
        const [{ id }] = await query<{ id: number }>(
          env,
          'select max(id) as id from sessions where user_id = $1',
          [self.userId],
        );
        return { method: 'DELETE', url: `/api/v1/auth/sessions/${id}` };
      },
    },
    'GET /api/v1/users': {
      action: 'user.view',
      make: async ({ target }) => ({ method: 'GET', url: `/api/v1/users?orgId=${target}` }),
    },
    'GET /api/v1/users/:id': {
      action: 'user.view',
      make: async ({ env, target }) => ({ method: 'GET', url: `/api/v1/users/${await user(env, target)}` }),
    },
    'POST /api/v1/users': {
      action: 'user.manage',
      make: async ({ target }) => ({
        method: 'POST',
        url: '/api/v1/users',
        payload: {
          username: newUsername(),
          displayName: '矩阵',
          orgId: String(target),
          password: 'Matrix#2026a',
        },
      }),
    },
    'PATCH /api/v1/users/:id': {
      action: 'user.manage',
      make: async ({ env, target }) => ({
        method: 'PATCH',
        url: `/api/v1/users/${await user(env, target)}`,
        payload: { displayName: '新名字' },
      }),
    },
    'POST /api/v1/users/:id/reset-password': {
      action: 'user.manage',
      make: async ({ env, target }) => ({
        method: 'POST',
        url: `/api/v1/users/${await user(env, target)}/reset-password`,
        payload: { password: 'Reset#2026abc' },
      }),
    },
    'POST /api/v1/users/:id/unlock': {
      action: 'user.manage',
      make: async ({ env, target }) => ({
        method: 'POST',
        url: `/api/v1/users/${await user(env, target)}/unlock`,
      }),
    },
    'POST /api/v1/users/:id/grants': {
      action: 'user.manage',
      make: async ({ env, target }) => ({
        method: 'POST',
        url: `/api/v1/users/${await user(env, target)}/grants`,
        payload: { role: 'member', orgId: String(target) },
      }),
    },
    'DELETE /api/v1/users/:id/grants/:grantId': {
      action: 'user.manage',
      make: async ({ env, target }) => {
        const u = await user(env, target, 'member');
        const [{ id }] = await query<{ id: number }>(env, 'select id from role_grants where user_id = $1', [
          u,
        ]);
        return { method: 'DELETE', url: `/api/v1/users/${u}/grants/${id}` };
      },
    },
  },

  probes: {
    'DELETE /api/v1/auth/sessions/:id': [
      endSomeoneElsesSession([{ role: 'member', on: 'branch1' }], "a member ends another member's session"),
      endSomeoneElsesSession(
        [{ role: 'dept_admin', on: 'root' }],
        "the district admin ends another user's session through /auth/sessions",
      ),
    ],
    'POST /api/v1/users': [
      {
        title: 'a town-1 admin creates a town-1 account that is also admin of town 2',
        as: [{ role: 'org_admin', on: 'town1' }],
        make: async ({ places }) => ({
          method: 'POST',
          url: '/api/v1/users',
          payload: {
            username: newUsername(),
            displayName: '矩阵',
            orgId: String(places.branch1),
            password: 'Matrix#2026a',
            grants: [
              { role: 'member', orgId: String(places.branch1) },
              { role: 'org_admin', orgId: String(places.town2) },
            ],
          },
        }),
        expect: { refused: 403 },
      },
      {
        title: 'a town-1 admin creates an account that is department admin of town 1',
        as: [{ role: 'org_admin', on: 'town1' }],
        make: async ({ places }) => ({
          method: 'POST',
          url: '/api/v1/users',
          payload: {
            username: newUsername(),
            displayName: '矩阵',
            orgId: String(places.town1),
            password: 'Matrix#2026a',
            grants: [{ role: 'dept_admin', orgId: String(places.town1) }],
          },
        }),
        expect: { refused: 403 },
      },
    ],
    'POST /api/v1/users/:id/grants': [
      {
        title: 'a town-1 admin grants a town-2 role to a town-1 user',
        as: [{ role: 'org_admin', on: 'town1' }],
        make: async ({ env, places }) => ({
          method: 'POST',
          url: `/api/v1/users/${await user(env, places.branch1)}/grants`,
          payload: { role: 'secretary', orgId: String(places.branch2) },
        }),
        expect: { refused: 403 },
      },
      {
        title: 'a town-1 admin grants a town-1 role to a town-2 user',
        as: [{ role: 'org_admin', on: 'town1' }],
        make: async ({ env, places }) => ({
          method: 'POST',
          url: `/api/v1/users/${await user(env, places.branch2)}/grants`,
          payload: { role: 'member', orgId: String(places.branch1) },
        }),
        expect: { refused: 403 },
      },
      {
        title: 'a town-1 admin grants a role on the district root (above their own) to a town-1 user',
        as: [{ role: 'org_admin', on: 'town1' }],
        make: async ({ env, places }) => ({
          method: 'POST',
          url: `/api/v1/users/${await user(env, places.branch1)}/grants`,
          payload: { role: 'org_admin', orgId: String(places.root) },
        }),
        expect: { refused: 403 },
      },
      {
        title: 'a town-1 admin grants the department-admin role inside town 1',
        as: [{ role: 'org_admin', on: 'town1' }],
        make: async ({ env, places }) => ({
          method: 'POST',
          url: `/api/v1/users/${await user(env, places.branch1)}/grants`,
          payload: { role: 'dept_admin', orgId: String(places.town1) },
        }),
        expect: { refused: 403 },
      },
    ],
    'PATCH /api/v1/users/:id': [
      {
        title: 'a town-1 admin moves a town-1 user to a town-2 org',
        as: [{ role: 'org_admin', on: 'town1' }],
        make: async ({ env, places }) => ({
          method: 'PATCH',
          url: `/api/v1/users/${await user(env, places.branch1)}`,
          payload: { orgId: String(places.branch2) },
        }),
        expect: { refused: 403 },
      },
      {
        title: 'a town-1 admin moves a town-1 user up to the district root',
        as: [{ role: 'org_admin', on: 'town1' }],
        make: async ({ env, places }) => ({
          method: 'PATCH',
          url: `/api/v1/users/${await user(env, places.branch1)}`,
          payload: { orgId: String(places.root) },
        }),
        expect: { refused: 403 },
      },
      {
        title: 'a town-1 admin disables a town-1 account that is also admin of town 2',
        as: [{ role: 'org_admin', on: 'town1' }],
        make: async ({ env, places }) => {
          const u = await user(env, places.branch1, 'member');
          await grantOn(env, u, 'org_admin', places.town2);
          return { method: 'PATCH', url: `/api/v1/users/${u}`, payload: { disabled: true } };
        },
        expect: { refused: 403 },
      },
    ],
    'POST /api/v1/users/:id/reset-password': [
      {
        title: 'a town-1 admin resets the password of a town-1 account that is also admin of town 2',
        as: [{ role: 'org_admin', on: 'town1' }],
        make: async ({ env, places }) => {
          const u = await user(env, places.branch1, 'member');
          await grantOn(env, u, 'org_admin', places.town2);
          return {
            method: 'POST',
            url: `/api/v1/users/${u}/reset-password`,
            payload: { password: 'Reset#2026abc' },
          };
        },
        expect: { refused: 403 },
      },
      {
        title: 'a town-1 admin resets the password of a town-1 account that is the district admin',
        as: [{ role: 'org_admin', on: 'town1' }],
        make: async ({ env, places }) => {
          const u = await user(env, places.town1);
          await grantOn(env, u, 'dept_admin', places.root);
          return {
            method: 'POST',
            url: `/api/v1/users/${u}/reset-password`,
            payload: { password: 'Reset#2026abc' },
          };
        },
        expect: { refused: 403 },
      },
    ],
    'DELETE /api/v1/users/:id/grants/:grantId': [
      {
        title: "a town-1 admin revokes a town-1 user's role in town 2",
        as: [{ role: 'org_admin', on: 'town1' }],
        make: async ({ env, places }) => {
          const u = await user(env, places.branch1, 'member');
          const [{ id }] = await query<{ id: number }>(
            env,
            "insert into role_grants (user_id, role, org_id) values ($1, 'secretary', $2) returning id",
            [u, places.branch2],
          );
          return { method: 'DELETE', url: `/api/v1/users/${u}/grants/${id}` };
        },
        expect: { refused: 403 },
      },
      {
        title: "a town-1 admin revokes a town-2 user's grant through a town-1 user's address",
        as: [{ role: 'org_admin', on: 'town1' }],
        make: async ({ env, places }) => {
          const here = await user(env, places.branch1, 'member');
          const there = await user(env, places.branch2, 'secretary');
          const [{ id }] = await query<{ id: number }>(env, 'select id from role_grants where user_id = $1', [
            there,
          ]);
          return { method: 'DELETE', url: `/api/v1/users/${here}/grants/${id}` };
        },
        expect: { refused: 404 },
      },
    ],
  },
};
