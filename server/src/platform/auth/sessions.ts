import { GroupCommit } from '../batch.ts';
import { TtlCache } from '../cache.ts';
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Role } from '../../../../contracts/auth.ts';
import type { Db, Queryable } from '../../db/client.ts';
import type { Actor, GrantOnOrg } from '../access/index.ts';
import { sessions } from './schema.ts';

export const SESSION_COOKIE = 'hy_session';
export const CSRF_COOKIE = 'hy_csrf';

export const tokenHash = (token: string) => createHash('sha256').update(token).digest('base64url');

export async function createSession(
  db: Queryable,
  s: {
    userId: number;
    idleMinutes: number;
    maxHours: number;
    ip: string | null;
    userAgent: string | null;
    now: Date;
    /** How the user proved who they are; a study card's session acts only as a member. */
    credential?: 'password' | 'study_card';
  },
) {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(
    Math.min(s.now.getTime() + s.idleMinutes * 60_000, s.now.getTime() + s.maxHours * 3_600_000),
  );
  const [row] = await db
    .insert(sessions)
    .values({
      tokenHash: tokenHash(token),
      userId: s.userId,
      csrfToken,
      idleMinutes: s.idleMinutes,
      credential: s.credential ?? 'password',
      createdAt: s.now,
      lastSeenAt: s.now,
      expiresAt,
      ip: s.ip,
      userAgent: s.userAgent?.slice(0, 300) ?? null,
    })
    .returning({ id: sessions.id });
  return { id: row.id, token, csrfToken, expiresAt };
}

export type LoadedSession = { actor: Actor; csrfToken: string; disabled: boolean };

/**
 * One round trip per request: the session, its user and the user's grants with their org paths.
 * The idle deadline moves forward at most once a minute, so reads do not turn into writes.
 * A session opened with a study card gets the account's 'member' grants only: a card is handed
 * out (and reset) by a branch secretary, so it must never carry an admin role the account also
 * holds (issue 11, item 1).
 */
export async function loadSession(db: Db, token: string, maxHours: number): Promise<LoadedSession | null> {
  const { rows } = await db.$client.query<{
    id: number;
    user_id: number;
    csrf_token: string;
    stale: boolean;
    username: string;
    display_name: string;
    disabled: boolean;
    must_change_password: boolean;
    org_id: number | null;
    org_name: string | null;
    idle_minutes: number;
    credential: string;
    grants: GrantOnOrg[];
  }>({
    // named: prepared once per connection, not planned again on every request (docs/SCALE.md)
    name: 'session_load',
    text: `select s.id, s.user_id, s.csrf_token, s.last_seen_at < now() - interval '1 minute' as stale,
            u.username, u.display_name, u.disabled, u.must_change_password, u.org_id, h.name as org_name,
            s.idle_minutes, s.credential,
            coalesce((select json_agg(json_build_object('id', g.id, 'role', g.role, 'orgId', g.org_id,
                                                       'orgPath', o.path, 'orgName', o.name) order by g.id)
                        from role_grants g join orgs o on o.id = g.org_id
                       where g.user_id = u.id and (s.credential = 'password' or g.role = 'member')), '[]') as grants
       from sessions s join users u on u.id = s.user_id left join orgs h on h.id = u.org_id
      where s.token_hash = $1 and s.revoked_at is null and s.expires_at > now()`,
    values: [tokenHash(token)],
  });
  const r = rows[0];
  if (!r) return null;
  if (r.stale) await toucher(db).write({ id: Number(r.id), maxHours });
  return {
    csrfToken: r.csrf_token,
    disabled: r.disabled,
    actor: {
      userId: r.user_id,
      username: r.username,
      displayName: r.display_name,
      sessionId: r.id,
      grants: r.grants.map((g) => ({ ...g, role: g.role as Role })),
      // /auth/me (every page load) answers from these without a second query (docs/SCALE.md)
      session: {
        mustChangePassword: r.must_change_password,
        homeOrgId: r.org_id,
        homeOrgName: r.org_name,
        idleMinutes: r.idle_minutes,
        viaCard: r.credential === 'study_card',
      },
    },
  };
}

type Touch = { id: number; maxHours: number };
const touchers = new WeakMap<Db, GroupCommit<Touch, number>>();

/**
 * The idle deadlines moved forward together (platform/batch.ts): when a district's examinees open
 * an exam at once, each first request of a session idle for a minute would otherwise be a commit
 * of its own — as many commits as requests.
 */
function toucher(db: Db) {
  let t = touchers.get(db);
  if (!t) {
    t = new GroupCommit<Touch, number>(
      (x) => x.id,
      async (xs) => {
        await db.$client.query({
          name: 'session_touch_batch',
          text: `update sessions s set last_seen_at = now(),
                  expires_at = least(now() + make_interval(mins => s.idle_minutes),
                                     s.created_at + make_interval(hours => x.max_hours))
                   from unnest($1::int8[], $2::int[]) as x(id, max_hours)
                  where s.id = x.id`,
          values: [xs.map((x) => x.id), xs.map((x) => x.maxHours)],
        });
        return new Set(xs.map((x) => x.id));
      },
    );
    touchers.set(db, t);
  }
  return t;
}

/** Bumped whenever a session is revoked in this process: sessions kept before are read again. */
let revocations = 0;
const keptSessions = new TtlCache<string, { loaded: LoadedSession; revocations: number }>(200_000, 60_000);

/**
 * loadSession for a route too busy to read the session on every request (the study heartbeat):
 * the answer is kept for `maxAgeMs`. A logout, a revoked session or a disabled account is seen at
 * once by this process (every kept session is read again after any revocation); through another
 * process, within `maxAgeMs`. Only routes where that much lateness is harmless opt in (a route's
 * `sessionKeptMs`, platform/http/api.ts); the session's last use is still recorded each minute.
 */
export async function loadSessionKept(
  db: Db,
  token: string,
  maxHours: number,
  maxAgeMs: number,
  now = Date.now(),
): Promise<LoadedSession | null> {
  const hit = keptSessions.get(token, now);
  if (hit && hit.revocations === revocations) return hit.loaded;
  const seen = revocations;
  const loaded = await loadSession(db, token, maxHours);
  if (loaded && !loaded.disabled) keptSessions.set(token, { loaded, revocations: seen }, now, maxAgeMs);
  else keptSessions.delete(token);
  return loaded;
}

export async function revokeSession(db: Queryable, id: number, userId: number): Promise<boolean> {
  revocations++;
  const res = await db
    .update(sessions)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(sessions.id, id), eq(sessions.userId, userId), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  return res.length > 0;
}

export async function revokeAllSessions(db: Queryable, userId: number, exceptId?: number) {
  revocations++;
  await db
    .update(sessions)
    .set({ revokedAt: sql`now()` })
    .where(
      and(
        eq(sessions.userId, userId),
        isNull(sessions.revokedAt),
        exceptId ? sql`${sessions.id} <> ${exceptId}` : undefined,
      ),
    );
}

/** The recurring job: sessions that expired or were revoked more than a day ago are deleted. */
export async function purgeExpiredSessions(db: Queryable, now: Date): Promise<number> {
  const dayAgo = new Date(now.getTime() - 86_400_000);
  const res = await db
    .delete(sessions)
    .where(or(lt(sessions.expiresAt, now), lt(sessions.revokedAt, dayAgo)))
    .returning({ id: sessions.id });
  return res.length;
}

/** The actor a queued job acts for: the user who started it, with the grants they hold now. */
export async function actorForUser(db: Db, userId: number): Promise<Actor | null> {
  const { rows } = await db.$client.query<{
    username: string;
    display_name: string;
    disabled: boolean;
    grants: GrantOnOrg[];
  }>(
    `select u.username, u.display_name, u.disabled,
            coalesce((select json_agg(json_build_object('id', g.id, 'role', g.role, 'orgId', g.org_id,
                                                       'orgPath', o.path, 'orgName', o.name) order by g.id)
                        from role_grants g join orgs o on o.id = g.org_id where g.user_id = u.id), '[]') as grants
       from users u where u.id = $1`,
    [userId],
  );
  const r = rows[0];
  if (!r || r.disabled) return null;
  return { userId, username: r.username, displayName: r.display_name, sessionId: 0, grants: r.grants };
}
