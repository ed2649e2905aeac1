import { and, desc, eq, isNull, or, sql } from 'drizzle-orm';
import { ADMIN_ROLES, type Login, type Me } from '../../../../contracts/auth.ts';
import { inTransaction } from '../../db/client.ts';
import { orgs } from '../tree/schema.ts';
import { actionsOf, type Actor } from '../access/index.ts';
import { recordAudit } from '../audit/service.ts';
import { actorOf, type Ctx } from '../context.ts';
import { AppError, fieldError, notFound } from '../http/errors.ts';
import { accountNameForAudit, loginNameForAudit } from './login-guard.ts';
import { hashPassword, verifyAgainstNothing, verifyPassword } from './passwords.ts';
import { users, sessions } from './schema.ts';
import { createSession, revokeAllSessions, revokeSession } from './sessions.ts';
import { deviceRemembered, issueTicket, secondFactorOwed } from './second-factor.ts';
import { isCardNumber } from './study-card.ts';

/**
 * A wrong name or password, with the tries left before the lock (lockAfterFailures): "还可尝试 N 次"
 * tells the owner to stop and check before the fifth try locks them out. An unknown name is told
 * the same, counted the same way (unknownNameAttempt), so the answer never says whether an account
 * exists.
 */
function wrong(left: number) {
  return new AppError(401, 'wrong_credentials', {
    zh: `用户名或密码错误，还可尝试 ${left} 次`,
    en: `Wrong username or password; ${left} more ${left === 1 ? 'try' : 'tries'} before the account is locked`,
  });
}

const PHONE = /^1[3-9]\d{9}$/;

/**
 * The account a login name names: a username, a phone number, or a study card number (学习卡,
 * study-card.ts). A card number logs in with the card's own password; `viaCard` says which
 * password to check. A username that happens to be 12 digits wins over a card number.
 */
async function findLoginUser(ctx: Ctx, name: string) {
  const byPhone = PHONE.test(name);
  const byCard = !byPhone && isCardNumber(name);
  const byName = sql`lower(${users.username}) = lower(${name})`;
  // a row found by the card number, not by the username
  const viaCard = byCard ? sql<boolean>`not (${byName})` : sql<boolean>`false`;
  const [u] = await ctx.db
    .select({
      id: users.id,
      username: users.username,
      displayName: users.displayName,
      passwordHash: users.passwordHash,
      cardPasswordHash: users.cardPasswordHash,
      viaCard,
      disabled: users.disabled,
      orgId: users.orgId,
      orgPath: orgs.path,
    })
    .from(users)
    .leftJoin(orgs, eq(orgs.id, users.orgId))
    .where(
      byPhone
        ? eq(users.phoneIndex, ctx.pii.blindIndex('phone', name))
        : byCard
          ? or(byName, eq(users.studyCardNo, name))
          : byName,
    )
    .orderBy(byCard ? viaCard : users.id)
    .limit(1);
  return u;
}

function minutesLeft(until: Date, now: Date) {
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
}

/**
 * Takes this attempt's place in the account's run of failures before the password is checked,
 * in one atomic update: a burst of parallel wrong passwords then gets LOCK_AFTER_FAILURES hash
 * checks and no more, instead of each request reading the same count (issue 11, item 3). The
 * attempt that fills the run locks the account at once (it still has its own check: if its
 * password is right, the login clears the lock). An expired lock starts a fresh run. Null: the
 * account is locked, no check is made.
 */
async function reserveAttempt(ctx: Ctx, userId: number, now: Date): Promise<{ failures: number } | null> {
  const { lockAfterFailures, lockMinutes } = ctx.config;
  const lockExpired = sql`(${users.lockedUntil} is not null and ${users.lockedUntil} <= ${now}::timestamptz)`;
  const failures = sql`(case when ${lockExpired} then 1 else ${users.failedLogins} + 1 end)`;
  const lockEnd = new Date(now.getTime() + lockMinutes * 60_000);
  const [row] = await ctx.db
    .update(users)
    .set({
      failedLogins: failures,
      lockedUntil: sql`(case when ${failures} >= ${lockAfterFailures}::int then ${lockEnd}::timestamptz else null end)`,
    })
    .where(
      and(
        eq(users.id, userId),
        or(isNull(users.lockedUntil), sql`${users.lockedUntil} <= ${now}::timestamptz`),
      ),
    )
    .returning({ failures: users.failedLogins });
  return row ?? null;
}

/** How far back an unknown name's run of failures is looked for (see unknownNameAttempt). */
const UNKNOWN_RUN_HOURS = 24;
/** At most this many recent failed logins are read to find it: a bound on the work one attempt costs. */
const UNKNOWN_RUN_SCAN = 20_000;

/**
 * An attempt on a login name that names no account, counted as an account's would be, so that the
 * answer ("还可尝试 N 次", then the lock for lockMinutes) is the same whether the account exists or
 * not. Decided so: telling the tries left only for real accounts, or locking only them (as before),
 * answers "does this account exist?" in five requests.
 *
 * The run lives in the audit log, where every failed login is written anyway (the durable counter
 * every process shares, as countActions): each unknown-name entry carries the run as it stands
 * after it (failures, and lockedUntil while the name is "locked"), keyed by a keyed hash of the
 * name (nameKey), so the newest entry (by id: written in lock order, unlike its start-of-transaction
 * time) is the state. An advisory lock on the key makes a parallel
 * burst count one by one, as the account's atomic update does. Where it differs from an account's
 * run: it is looked for in the last UNKNOWN_RUN_HOURS and among the newest UNKNOWN_RUN_SCAN failed
 * logins only (an account's run is kept until a success or the lock); so an account left with a
 * partial run for over a day could be told from an unknown name by its first answer — a rare
 * account, found slowly. A table of runs keyed by name, for accounts and unknown names alike,
 * would close that and needs a migration.
 */
async function unknownNameAttempt(ctx: Ctx, name: string, now: Date) {
  const { lockAfterFailures, lockMinutes } = ctx.config;
  const nameKey = Buffer.from(ctx.pii.blindIndex('login-name', name.trim().toLowerCase()), 'base64url')
    .toString('hex')
    .slice(0, 16);
  return inTransaction(ctx.db, async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`login:${nameKey}`}, 0))`);
    const { rows } = await tx.execute<{ failures: number | null; locked_until: string | null }>(sql`
      select (after->>'failures')::int as failures, after->>'lockedUntil' as locked_until
        from (select id, after from audit_log
               where action = 'auth.login_failed' and actor_id is null
                 and at > now() - make_interval(hours => ${UNKNOWN_RUN_HOURS})
               order by at desc limit ${UNKNOWN_RUN_SCAN}) recent
       where after->>'nameKey' = ${nameKey}
       order by id desc limit 1`);
    const last = rows[0];
    const heldUntil = last?.locked_until ? new Date(last.locked_until) : null;
    const audit = (after: Record<string, unknown>) =>
      recordAudit(tx, ctx, {
        action: 'auth.login_failed',
        actorId: null,
        actorName: loginNameForAudit(ctx.pii, name),
        after: { reason: 'unknown_user', nameKey, ...after },
      });
    if (heldUntil && heldUntil > now) {
      await audit({ locked: true, failures: last?.failures ?? lockAfterFailures, lockedUntil: heldUntil });
      return { failures: lockAfterFailures, lockedUntil: heldUntil, lockNow: false };
    }
    // an expired "lock" starts a fresh run, as an account's does
    const failures = heldUntil ? 1 : (last?.failures ?? 0) + 1;
    const lockNow = failures >= lockAfterFailures;
    const lockedUntil = lockNow ? new Date(now.getTime() + lockMinutes * 60_000) : null;
    await audit({ failures, ...(lockedUntil ? { lockedUntil } : {}) });
    return { failures, lockedUntil, lockNow };
  });
}

/**
 * Password login. Five wrong passwords in a row lock the account for 15 minutes (configurable);
 * every attempt, good or bad, is audited with the address it came from. A study card logs in
 * the same way, with its own password, and opens a card session (member grants only, short idle
 * timeout).
 */
export async function login(ctx: Ctx, input: Login, deviceToken?: string) {
  const now = ctx.now();
  const u = await findLoginUser(ctx, input.username);
  if (!u) {
    const run = await unknownNameAttempt(ctx, input.username, now);
    if (run.lockedUntil && !run.lockNow) throw locked(minutesLeft(run.lockedUntil, now));
    await verifyAgainstNothing(input.password);
    if (run.lockNow) throw locked(ctx.config.lockMinutes);
    throw wrong(ctx.config.lockAfterFailures - run.failures);
  }
  const audit = {
    actorId: u.id,
    actorName: accountNameForAudit(u.username),
    targetType: 'user',
    targetId: u.id,
    orgId: u.orgId,
    orgPath: u.orgPath,
  };
  const attempt = await reserveAttempt(ctx, u.id, now);
  if (!attempt) {
    await recordAudit(ctx.db, ctx, { ...audit, action: 'auth.login_failed', after: { reason: 'locked' } });
    const [row] = await ctx.db.select({ until: users.lockedUntil }).from(users).where(eq(users.id, u.id));
    throw locked(row?.until ? minutesLeft(row.until, now) : ctx.config.lockMinutes);
  }
  const hash = u.viaCard ? u.cardPasswordHash : u.passwordHash;
  const ok = hash ? await verifyPassword(hash, input.password) : false;
  if (!ok) {
    const lockNow = attempt.failures >= ctx.config.lockAfterFailures;
    await recordAudit(ctx.db, ctx, {
      ...audit,
      action: lockNow ? 'auth.locked' : 'auth.login_failed',
      after: { reason: 'wrong_password', failures: attempt.failures },
    });
    if (lockNow) throw locked(ctx.config.lockMinutes);
    throw wrong(ctx.config.lockAfterFailures - attempt.failures);
  }
  if (u.disabled) {
    await inTransaction(ctx.db, async (tx) => {
      // the password was right: the run of failures ends here, as for any right password
      await tx.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, u.id));
      await recordAudit(tx, ctx, { ...audit, action: 'auth.login_failed', after: { reason: 'disabled' } });
    });
    throw new AppError(403, 'account_disabled', {
      zh: '账号已停用，请联系管理员',
      en: 'This account is disabled',
    });
  }
  let remembered = false;
  if (!u.viaCard) {
    const owed = await secondFactorOwed(ctx.db, u.id);
    remembered = !!owed && (await deviceRemembered(ctx.db, u.id, deviceToken, now));
    if (owed && !remembered) {
      // the password was right: its run of failures ends; the session waits for the code
      return inTransaction(ctx.db, async (tx) => {
        await tx.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, u.id));
        const step = await issueTicket(tx, ctx, u, owed);
        await recordAudit(tx, ctx, { ...audit, action: 'auth.password_passed', after: { next: owed } });
        return { step };
      });
    }
  }
  return finishLogin(
    ctx,
    u,
    u.viaCard ? 'study_card' : 'password',
    remembered ? 'remembered_device' : undefined,
  );
}

/** Who a login is for, as the audit and the session need them. */
type LoginUser = { id: number; username: string; orgId: number | null; orgPath: string | null };

export async function loginUser(ctx: Ctx, userId: number): Promise<LoginUser> {
  const [u] = await ctx.db
    .select({ id: users.id, username: users.username, orgId: users.orgId, orgPath: orgs.path })
    .from(users)
    .leftJoin(orgs, eq(orgs.id, users.orgId))
    .where(eq(users.id, userId));
  if (!u) throw notFound({ zh: '账号不存在', en: 'No such account' });
  return u;
}

/**
 * Opens the session of a login whose every step passed (the password, and the code when owed):
 * the run of failures ends, the idle timeout follows the account's roles, the login is audited.
 */
export async function finishLogin(
  ctx: Ctx,
  u: LoginUser,
  credential: 'password' | 'study_card',
  secondFactor?: 'totp' | 'recovery_code' | 'remembered_device',
) {
  const now = ctx.now();
  let idleMinutes = ctx.config.cardIdleMinutes;
  if (credential === 'password') {
    const grants = await ctx.db.execute<{ role: string }>(
      sql`select role from role_grants where user_id = ${u.id}`,
    );
    const isAdmin = grants.rows.some((g) => (ADMIN_ROLES as string[]).includes(g.role));
    idleMinutes = isAdmin ? ctx.config.adminIdleMinutes : ctx.config.memberIdleMinutes;
  }
  return inTransaction(ctx.db, async (tx) => {
    await tx
      .update(users)
      .set({ failedLogins: 0, lockedUntil: null, lastLoginAt: now })
      .where(eq(users.id, u.id));
    const session = await createSession(tx, {
      userId: u.id,
      idleMinutes,
      maxHours: ctx.config.sessionMaxHours,
      ip: ctx.ip,
      userAgent: ctx.userAgent,
      now,
      credential,
    });
    await recordAudit(tx, ctx, {
      actorId: u.id,
      actorName: accountNameForAudit(u.username),
      targetType: 'user',
      targetId: u.id,
      orgId: u.orgId,
      orgPath: u.orgPath,
      action: 'auth.login',
      after: { sessionId: session.id, credential, ...(secondFactor ? { secondFactor } : {}) },
    });
    return { session, userId: u.id };
  });
}

function locked(minutes: number) {
  return new AppError(423, 'account_locked', {
    zh: `密码错误次数过多，账号已锁定，请 ${minutes} 分钟后再试`,
    en: `Too many wrong passwords; the account is locked for ${minutes} minutes`,
  });
}

export async function logout(ctx: Ctx) {
  const actor = actorOf(ctx);
  await inTransaction(ctx.db, async (tx) => {
    await revokeSession(tx, actor.sessionId, actor.userId);
    await recordAudit(tx, ctx, { action: 'auth.logout', targetType: 'session', targetId: actor.sessionId });
  });
}

export async function me(ctx: Ctx, actor: Actor = actorOf(ctx)): Promise<Me> {
  // every caller comes through a session look-up (the gate, or the login route's), which read these
  const facts = actor.session;
  if (!facts) throw new Error('me() answers for an actor loaded with its session');
  return {
    id: String(actor.userId),
    username: actor.username,
    displayName: actor.displayName,
    orgId: facts.homeOrgId == null ? null : String(facts.homeOrgId),
    orgName: facts.homeOrgName,
    mustChangePassword: facts.mustChangePassword,
    grants: actor.grants.map((g) => ({
      id: String(g.id),
      role: g.role,
      orgId: String(g.orgId),
      orgName: g.orgName,
    })),
    actions: actionsOf(actor),
    idleMinutes: facts.idleMinutes,
    viaCard: facts.viaCard,
  };
}

export async function changePassword(ctx: Ctx, input: { currentPassword: string; newPassword: string }) {
  const actor = actorOf(ctx);
  const [u] = await ctx.db
    .select({ passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.id, actor.userId));
  if (!u || !(await verifyPassword(u.passwordHash, input.currentPassword))) {
    throw fieldError('currentPassword', { zh: '当前密码不正确', en: 'The current password is wrong' });
  }
  if (input.currentPassword === input.newPassword) {
    throw fieldError('newPassword', {
      zh: '新密码不能与当前密码相同',
      en: 'The new password must differ from the current one',
    });
  }
  const passwordHash = await hashPassword(input.newPassword);
  await inTransaction(ctx.db, async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, mustChangePassword: false, passwordChangedAt: ctx.now(), updatedAt: ctx.now() })
      .where(eq(users.id, actor.userId));
    // a changed password ends every other session: whoever knew the old one is out
    await revokeAllSessions(tx, actor.userId, actor.sessionId);
    await recordAudit(tx, ctx, {
      action: 'auth.password_changed',
      targetType: 'user',
      targetId: actor.userId,
    });
  });
}

export async function listMySessions(ctx: Ctx) {
  const actor = actorOf(ctx);
  const rows = await ctx.db
    .select()
    .from(sessions)
    .where(
      and(eq(sessions.userId, actor.userId), isNull(sessions.revokedAt), sql`${sessions.expiresAt} > now()`),
    )
    .orderBy(desc(sessions.lastSeenAt));
  return rows.map((s) => ({
    id: String(s.id),
    current: s.id === actor.sessionId,
    createdAt: s.createdAt.toISOString(),
    lastSeenAt: s.lastSeenAt.toISOString(),
    ip: s.ip,
    userAgent: s.userAgent,
  }));
}

export async function revokeMySession(ctx: Ctx, id: number) {
  const actor = actorOf(ctx);
  await inTransaction(ctx.db, async (tx) => {
    if (!(await revokeSession(tx, id, actor.userId))) throw notFound({ zh: '会话', en: 'Session' });
    await recordAudit(tx, ctx, { action: 'auth.session_revoked', targetType: 'session', targetId: id });
  });
}

/**
 * A study card shown for something other than a login — signing in to an activity at a kiosk —
 * checked as a card login checks it (login above): the card's own password, the same run of
 * failures and the same lock, every failure audited. No session is opened: the kiosk acts in its
 * own session; the card only says who is standing at it. A wrong number or password is a 400
 * naming the field (not a 401, which would end the kiosk's session in the browser).
 */
export async function verifyStudyCard(
  ctx: Ctx,
  cardNo: string,
  password: string,
): Promise<{ userId: number; displayName: string }> {
  const now = ctx.now();
  const wrongCard = (left: number | null) =>
    fieldError('password', {
      zh: left == null ? '学习卡号或密码错误' : `学习卡号或密码错误，还可尝试 ${left} 次`,
      en:
        left == null ? 'wrong card number or password' : `wrong card number or password; ${left} more tries`,
    });
  const [u] = isCardNumber(cardNo)
    ? await ctx.db
        .select({
          id: users.id,
          displayName: users.displayName,
          hash: users.cardPasswordHash,
          disabled: users.disabled,
          orgId: users.orgId,
          orgPath: orgs.path,
        })
        .from(users)
        .leftJoin(orgs, eq(orgs.id, users.orgId))
        .where(eq(users.studyCardNo, cardNo))
        .limit(1)
    : [];
  if (!u || !u.hash) {
    await verifyAgainstNothing(password);
    throw wrongCard(null);
  }
  const audit = {
    targetType: 'user',
    targetId: u.id,
    orgId: u.orgId,
    orgPath: u.orgPath,
  };
  const attempt = await reserveAttempt(ctx, u.id, now);
  if (!attempt) {
    await recordAudit(ctx.db, ctx, {
      ...audit,
      action: 'auth.card_check_failed',
      after: { reason: 'locked' },
    });
    const [row] = await ctx.db.select({ until: users.lockedUntil }).from(users).where(eq(users.id, u.id));
    throw locked(row?.until ? minutesLeft(row.until, now) : ctx.config.lockMinutes);
  }
  if (!(await verifyPassword(u.hash, password))) {
    const lockNow = attempt.failures >= ctx.config.lockAfterFailures;
    await recordAudit(ctx.db, ctx, {
      ...audit,
      action: lockNow ? 'auth.locked' : 'auth.card_check_failed',
      after: { reason: 'wrong_password', failures: attempt.failures },
    });
    if (lockNow) throw locked(ctx.config.lockMinutes);
    throw wrongCard(ctx.config.lockAfterFailures - attempt.failures);
  }
  await ctx.db.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, u.id));
  if (u.disabled)
    throw new AppError(403, 'account_disabled', {
      zh: '该学习卡的账号已停用，请联系管理员',
      en: "This card's account is disabled",
    });
  return { userId: u.id, displayName: u.displayName };
}
