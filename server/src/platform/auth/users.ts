import { and, asc, count, eq, ilike, inArray, or, sql } from 'drizzle-orm';
import type { Role } from '../../../../contracts/auth.ts';
import type { CreateUser, User } from '../../../../contracts/users.ts';
import type { PageQuery } from '../../../../contracts/common.ts';
import { inTransaction, nextIds, type Queryable } from '../../db/client.ts';
import { findOrg, orgs } from '../tree/index.ts';
import { listScope } from '../access/scope.ts';
import { type Actor, authorize, can } from '../access/index.ts';
import { recordAudit } from '../audit/service.ts';
import { actorOf, type Ctx } from '../context.ts';
import { AppError, conflict, fieldError, forbidden, notFound, type Text } from '../http/errors.ts';
import { paginate } from '../http/pagination.ts';
import { bind, maskPhone, type Pii } from '../pii/index.ts';
import { hashPassword } from './passwords.ts';
import { roleGrants, users } from './schema.ts';
import { clearSecondFactor } from './second-factor.ts';
import { revokeAllSessions } from './sessions.ts';

const USER = { zh: '账号', en: 'Account' };

type UserRow = typeof users.$inferSelect;

async function grantsOf(db: Queryable, userIds: number[]) {
  if (!userIds.length) return new Map<number, User['grants']>();
  const rows = await db
    .select({
      id: roleGrants.id,
      userId: roleGrants.userId,
      role: roleGrants.role,
      orgId: roleGrants.orgId,
      orgName: orgs.name,
    })
    .from(roleGrants)
    .innerJoin(orgs, eq(orgs.id, roleGrants.orgId))
    .where(inArray(roleGrants.userId, userIds))
    .orderBy(asc(roleGrants.id));
  const map = new Map<number, User['grants']>();
  for (const r of rows) {
    const list = map.get(r.userId) ?? [];
    list.push({ id: String(r.id), role: r.role as Role, orgId: String(r.orgId), orgName: r.orgName });
    map.set(r.userId, list);
  }
  return map;
}

/** Presenter: no hash, no ciphertext; the phone masked. */
function presentUser(ctx: Ctx, u: UserRow & { orgName: string | null }, grants: User['grants']): User {
  return {
    id: String(u.id),
    username: u.username,
    displayName: u.displayName,
    phone: u.phoneEnc ? maskPhone(phoneOf(ctx.pii, u) ?? '') : null,
    orgId: u.orgId == null ? null : String(u.orgId),
    orgName: u.orgName,
    disabled: u.disabled,
    locked: !!u.lockedUntil && u.lockedUntil > ctx.now(),
    grants,
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
    createdAt: u.createdAt.toISOString(),
  };
}

const userColumns = { user: users, orgName: orgs.name, orgPath: orgs.path };

async function loadUser(db: Queryable, id: number) {
  const [row] = await db
    .select(userColumns)
    .from(users)
    .leftJoin(orgs, eq(orgs.id, users.orgId))
    .where(eq(users.id, id));
  if (!row) throw notFound(USER);
  return { ...row.user, orgName: row.orgName, orgPath: row.orgPath };
}

/**
 * An admin may act on an account only if they cover its home org and (beyond reading it) every
 * org it holds a role on: otherwise a town admin could reset the password of a district admin
 * whose home is in town, or a branch secretary hand a study card to an account that is also a
 * town admin's.
 */
async function authorizeOnUser(
  db: Queryable,
  actor: Actor,
  action: string,
  u: { id: number; orgPath: string | null },
  refusal: Text = {
    zh: '该账号在您管理范围之外还担任角色，只能由上级管理员操作',
    en: 'This account holds roles outside your scope; a higher admin must do this',
  },
) {
  if (!u.orgPath || !can(actor, action, u.orgPath))
    throw forbidden({ zh: '该账号不在您的管理范围内', en: 'This account is outside your scope' });
  if (action === 'user.view') return;
  const held = await db
    .select({ path: orgs.path })
    .from(roleGrants)
    .innerJoin(orgs, eq(orgs.id, roleGrants.orgId))
    .where(eq(roleGrants.userId, u.id));
  if (held.some((g) => !can(actor, action, g.path))) throw forbidden(refusal);
}

/**
 * The same check for a caller that has only the account's id: a module acting on a member's
 * account, e.g. issuing or resetting a study card ('member.manage'). 403 in words when the actor
 * does not cover the account's home org or any org it holds a role on; 404 when there is no such
 * account. `refusal` says the second case in the caller's words.
 */
export async function authorizeOnAccount(
  db: Queryable,
  actor: Actor,
  action: string,
  userId: number,
  refusal?: Text,
): Promise<void> {
  const [u] = await db
    .select({ id: users.id, orgPath: orgs.path })
    .from(users)
    .leftJoin(orgs, eq(orgs.id, users.orgId))
    .where(eq(users.id, userId));
  if (!u) throw notFound(USER);
  await authorizeOnUser(db, actor, action, u, refusal);
}

/**
 * The batch form for a module acting on many accounts at once (a town's study cards): the ids of
 * the accounts the actor may not act on, because their home org or an org they hold a role on
 * lies outside the actor's reach for `action`. One query, whatever the batch size.
 */
export async function accountsOutOfReach(
  db: Queryable,
  actor: Actor,
  action: string,
  userIds: number[],
): Promise<number[]> {
  if (!userIds.length) return [];
  const rows = await db.execute<{ id: number; paths: string[] }>(sql`
    select u.id, array_remove(array_agg(distinct o.path), null) || array_remove(array[h.path], null) as paths
      from users u
      left join orgs h on h.id = u.org_id
      left join role_grants g on g.user_id = u.id
      left join orgs o on o.id = g.org_id
     where u.id = any(${`{${userIds.join(',')}}`}::int8[])
     group by u.id, h.path`);
  return rows.rows
    .filter((r) => !r.paths.length || r.paths.some((p) => !can(actor, action, p)))
    .map((r) => Number(r.id));
}

/**
 * A member's account follows their record when a transfer is accepted, in the caller's
 * transaction: the home org and the 'member' grant move to the receiving branch, and the roles
 * held on the branch they leave end with it (a secretary who transfers away is no longer its
 * secretary). `toOrgId` null: they left the deployment; an account left with no role at all is
 * disabled and signed out. Otherwise the old town would keep control of the login (reset the
 * password, read the record that now belongs to the new town). Returns what changed, for the
 * caller's audit entry.
 */
export async function followTransfer(
  tx: Queryable,
  userId: number,
  fromOrgId: number,
  toOrgId: number | null,
  now: Date,
) {
  const ended = await tx
    .delete(roleGrants)
    .where(and(eq(roleGrants.userId, userId), eq(roleGrants.orgId, fromOrgId)))
    .returning({ role: roleGrants.role });
  if (toOrgId != null) {
    await tx.insert(roleGrants).values({ userId, role: 'member', orgId: toOrgId }).onConflictDoNothing();
    await tx.update(users).set({ orgId: toOrgId, updatedAt: now }).where(eq(users.id, userId));
  }
  const [{ n }] = await tx.select({ n: count() }).from(roleGrants).where(eq(roleGrants.userId, userId));
  const disabled = toOrgId == null && n === 0;
  if (disabled) {
    await tx.update(users).set({ disabled: true, updatedAt: now }).where(eq(users.id, userId));
    await revokeAllSessions(tx, userId);
  }
  return {
    homeOrgId: toOrgId ?? fromOrgId,
    rolesEnded: ended.map((g) => g.role).filter((r) => r !== 'member'),
    disabled,
  };
}

export async function listUsers(ctx: Ctx, q: PageQuery & { q?: string; orgId?: string; role?: Role }) {
  const scope = await listScope(ctx, 'user.view', q.orgId);
  const term = q.q?.trim();
  const where = and(
    scope.covers(),
    term
      ? or(
          ilike(users.username, `%${term}%`),
          ilike(users.displayName, `%${term}%`),
          /^1[3-9]\d{9}$/.test(term) ? eq(users.phoneIndex, ctx.pii.blindIndex('phone', term)) : undefined,
        )
      : undefined,
    q.role
      ? sql`exists (select 1 from role_grants g where g.user_id = ${users.id} and g.role = ${q.role})`
      : undefined,
  );
  const page = await paginate(q, {
    count: () =>
      ctx.db.select({ n: count() }).from(users).innerJoin(orgs, eq(orgs.id, users.orgId)).where(where),
    rows: (limit, offset) =>
      ctx.db
        .select(userColumns)
        .from(users)
        .innerJoin(orgs, eq(orgs.id, users.orgId))
        .where(where)
        .orderBy(asc(users.id))
        .limit(limit)
        .offset(offset),
  });
  const grants = await grantsOf(
    ctx.db,
    page.items.map((r) => r.user.id),
  );
  return {
    ...page,
    items: page.items.map((r) =>
      presentUser(ctx, { ...r.user, orgName: r.orgName }, grants.get(r.user.id) ?? []),
    ),
  };
}

export async function getUser(ctx: Ctx, id: number): Promise<User> {
  const u = await loadUser(ctx.db, id);
  await authorizeOnUser(ctx.db, actorOf(ctx), 'user.view', u);
  const grants = await grantsOf(ctx.db, [id]);
  return presentUser(ctx, u, grants.get(id) ?? []);
}

async function checkGrantAllowed(db: Queryable, actor: Actor, role: Role, orgId: number, field: string) {
  const org = await findOrg(db, orgId);
  if (!org) throw fieldError(field, { zh: '党组织不存在', en: 'organization not found' });
  authorize(actor, 'user.manage', org.path);
  if (role === 'dept_admin') {
    authorize(actor, 'role.grant_dept_admin', org.path, {
      zh: '只有组织部管理员能授予组织部管理员角色',
      en: 'Only a department admin can grant the department-admin role',
    });
  }
  return org;
}

export async function createUser(ctx: Ctx, input: CreateUser): Promise<User> {
  const actor = actorOf(ctx);
  const home = await findOrg(ctx.db, Number(input.orgId));
  if (!home) throw fieldError('orgId', { zh: '党组织不存在', en: 'organization not found' });
  authorize(actor, 'user.manage', home.path);
  for (const [i, g] of input.grants.entries())
    await checkGrantAllowed(ctx.db, actor, g.role, Number(g.orgId), `grants.${i}.orgId`);
  const passwordHash = await hashPassword(input.password);
  const id = await inTransaction(ctx.db, async (tx) => {
    const [taken] = await tx
      .select({ id: users.id })
      .from(users)
      .where(sql`lower(${users.username}) = lower(${input.username})`);
    if (taken)
      throw dup('username', {
        zh: `用户名 ${input.username} 已被使用`,
        en: `username ${input.username} is taken`,
      });
    const [newId] = await nextIds(tx, 'users', 1);
    const phone = input.phone ? phoneColumns(ctx, input.phone, newId) : { phoneEnc: null, phoneIndex: null };
    if (phone.phoneIndex) {
      const [p] = await tx.select({ id: users.id }).from(users).where(eq(users.phoneIndex, phone.phoneIndex));
      if (p)
        throw dup('phone', {
          zh: '该手机号已绑定其他账号',
          en: 'this phone number belongs to another account',
        });
    }
    const [row] = await tx
      .insert(users)
      .values({
        id: newId,
        username: input.username,
        displayName: input.displayName,
        ...phone,
        passwordHash,
        orgId: home.id,
        // an initial password set by an admin is known to two people: the owner changes it
        mustChangePassword: true,
      })
      .returning();
    for (const g of input.grants) {
      await tx
        .insert(roleGrants)
        .values({ userId: row.id, role: g.role, orgId: Number(g.orgId), grantedBy: actor.userId })
        .onConflictDoNothing();
    }
    await recordAudit(tx, ctx, {
      action: 'user.created',
      targetType: 'user',
      targetId: row.id,
      orgId: home.id,
      orgPath: home.path,
      after: {
        username: row.username,
        displayName: row.displayName,
        phone: input.phone ?? null,
        orgId: row.orgId,
        grants: input.grants,
      },
    });
    return row.id;
  });
  return getUser(ctx, id);
}

function dup(field: string, text: { zh: string; en: string }) {
  return new AppError(409, 'duplicate', text, [{ path: field, message: text.zh, messageEn: text.en }]);
}

/** An account's phone as stored: encrypted bound to account `id`, and its blind index. */
export function phoneColumns(ctx: Pick<Ctx, 'pii'>, phone: string, id: number) {
  return {
    phoneEnc: ctx.pii.encrypt(phone, bind('users', 'phone', id)),
    phoneIndex: ctx.pii.blindIndex('phone', phone),
  };
}

/** An account's phone in full, or null. */
export const phoneOf = (pii: Pii, u: { id: number; phoneEnc: string | null }) =>
  u.phoneEnc ? pii.decrypt(u.phoneEnc, bind('users', 'phone', u.id)) : null;

export async function updateUser(
  ctx: Ctx,
  id: number,
  input: { displayName?: string; phone?: string | null; orgId?: string; disabled?: boolean },
): Promise<User> {
  const actor = actorOf(ctx);
  await inTransaction(ctx.db, async (tx) => {
    const before = await loadUser(tx, id);
    await authorizeOnUser(tx, actor, 'user.manage', before);
    if (input.disabled && id === actor.userId) {
      throw fieldError('disabled', { zh: '不能停用自己的账号', en: 'You cannot disable your own account' });
    }
    let orgPath = before.orgPath;
    if (input.orgId) {
      const org = await findOrg(tx, Number(input.orgId));
      if (!org) throw fieldError('orgId', { zh: '党组织不存在', en: 'organization not found' });
      authorize(actor, 'user.manage', org.path);
      orgPath = org.path;
    }
    const patch: Partial<typeof users.$inferInsert> = { updatedAt: ctx.now() };
    if (input.displayName !== undefined) patch.displayName = input.displayName;
    if (input.disabled !== undefined) patch.disabled = input.disabled;
    if (input.orgId !== undefined) patch.orgId = Number(input.orgId);
    if (input.phone !== undefined) {
      Object.assign(
        patch,
        input.phone ? phoneColumns(ctx, input.phone, id) : { phoneEnc: null, phoneIndex: null },
      );
      if (patch.phoneIndex) {
        const [p] = await tx
          .select({ id: users.id })
          .from(users)
          .where(and(eq(users.phoneIndex, patch.phoneIndex), sql`${users.id} <> ${id}`));
        if (p)
          throw dup('phone', {
            zh: '该手机号已绑定其他账号',
            en: 'this phone number belongs to another account',
          });
      }
    }
    const [after] = await tx.update(users).set(patch).where(eq(users.id, id)).returning();
    if (input.disabled) await revokeAllSessions(tx, id);
    await recordAudit(tx, ctx, {
      action: 'user.updated',
      targetType: 'user',
      targetId: id,
      orgId: after.orgId,
      orgPath,
      before: { ...before, phone: phoneOf(ctx.pii, before), orgName: undefined, orgPath: undefined },
      after: { ...after, phone: phoneOf(ctx.pii, after) },
    });
  });
  return getUser(ctx, id);
}

export async function resetPassword(ctx: Ctx, id: number, password: string) {
  const actor = actorOf(ctx);
  const u = await loadUser(ctx.db, id);
  await authorizeOnUser(ctx.db, actor, 'user.manage', u);
  const passwordHash = await hashPassword(password);
  await inTransaction(ctx.db, async (tx) => {
    await tx
      .update(users)
      .set({
        passwordHash,
        mustChangePassword: true,
        failedLogins: 0,
        lockedUntil: null,
        passwordChangedAt: ctx.now(),
      })
      .where(eq(users.id, id));
    await revokeAllSessions(tx, id);
    await recordAudit(tx, ctx, {
      action: 'user.password_reset',
      targetType: 'user',
      targetId: id,
      orgId: u.orgId,
      orgPath: u.orgPath,
    });
  });
}

/**
 * 重置两步验证: for a user who lost their phone and their recovery codes. Their secret, codes and
 * remembered devices go and their sessions end; their next login sets it up again if a role
 * requires it. Audited with the reason.
 */
export async function resetSecondFactor(ctx: Ctx, id: number, reason: string) {
  const actor = actorOf(ctx);
  await inTransaction(ctx.db, async (tx) => {
    const u = await loadUser(tx, id);
    await authorizeOnUser(tx, actor, 'user.manage', u);
    await clearSecondFactor(tx, id);
    await revokeAllSessions(tx, id);
    await recordAudit(tx, ctx, {
      action: 'auth.totp_reset',
      targetType: 'user',
      targetId: id,
      orgId: u.orgId,
      orgPath: u.orgPath,
      after: { reason },
    });
  });
}

export async function unlockUser(ctx: Ctx, id: number) {
  const actor = actorOf(ctx);
  await inTransaction(ctx.db, async (tx) => {
    const u = await loadUser(tx, id);
    await authorizeOnUser(tx, actor, 'user.manage', u);
    await tx.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, id));
    await recordAudit(tx, ctx, {
      action: 'user.unlocked',
      targetType: 'user',
      targetId: id,
      orgId: u.orgId,
      orgPath: u.orgPath,
      before: { lockedUntil: u.lockedUntil },
      after: { lockedUntil: null },
    });
  });
  return getUser(ctx, id);
}

export async function grantRole(
  ctx: Ctx,
  userId: number,
  input: { role: Role; orgId: string },
): Promise<User> {
  const actor = actorOf(ctx);
  await inTransaction(ctx.db, async (tx) => {
    const u = await loadUser(tx, userId);
    if (!u.orgPath || !can(actor, 'user.manage', u.orgPath)) {
      throw forbidden({ zh: '该账号不在您的管理范围内', en: 'This account is outside your scope' });
    }
    const org = await checkGrantAllowed(tx, actor, input.role, Number(input.orgId), 'orgId');
    const [row] = await tx
      .insert(roleGrants)
      .values({ userId, role: input.role, orgId: org.id, grantedBy: actor.userId })
      .onConflictDoNothing()
      .returning();
    if (!row)
      throw conflict('duplicate_grant', {
        zh: '该账号已在此党组织担任此角色',
        en: 'The account already holds this role here',
      });
    await recordAudit(tx, ctx, {
      action: 'role.granted',
      targetType: 'user',
      targetId: userId,
      orgId: org.id,
      orgPath: org.path,
      after: { role: input.role, orgId: org.id, orgName: org.name, user: u.username },
    });
  });
  return getUser(ctx, userId);
}

export async function revokeRole(ctx: Ctx, userId: number, grantId: number): Promise<User> {
  const actor = actorOf(ctx);
  await inTransaction(ctx.db, async (tx) => {
    const [g] = await tx
      .select({
        id: roleGrants.id,
        role: roleGrants.role,
        orgId: roleGrants.orgId,
        path: orgs.path,
        orgName: orgs.name,
      })
      .from(roleGrants)
      .innerJoin(orgs, eq(orgs.id, roleGrants.orgId))
      .where(and(eq(roleGrants.id, grantId), eq(roleGrants.userId, userId)));
    if (!g) throw notFound({ zh: '角色授权', en: 'Role grant' });
    authorize(actor, 'user.manage', g.path);
    if (g.role === 'dept_admin') authorize(actor, 'role.grant_dept_admin', g.path);
    if (
      userId === actor.userId &&
      g.role === 'dept_admin' &&
      actor.grants.filter((x) => x.role === 'dept_admin').length === 1
    ) {
      throw conflict('last_dept_admin', {
        zh: '不能撤销自己唯一的组织部管理员角色',
        en: 'You cannot revoke your own only department-admin role',
      });
    }
    await tx.delete(roleGrants).where(eq(roleGrants.id, grantId));
    await recordAudit(tx, ctx, {
      action: 'role.revoked',
      targetType: 'user',
      targetId: userId,
      orgId: g.orgId,
      orgPath: g.path,
      before: { role: g.role, orgId: g.orgId, orgName: g.orgName },
    });
  });
  return getUser(ctx, userId);
}
