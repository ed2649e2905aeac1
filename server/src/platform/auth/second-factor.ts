import { randomBytes, randomInt } from 'node:crypto';
import { and, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { ADMIN_ROLES, type Role } from '../../../../contracts/auth.ts';
import { inTransaction, type Queryable } from '../../db/client.ts';
import { recordAudit } from '../audit/service.ts';
import type { Ctx } from '../context.ts';
import { AppError, fieldError } from '../http/errors.ts';
import { bind } from '../pii/index.ts';
import { getSetting, type SettingDef } from '../settings/index.ts';
import { loginTickets, roleGrants, trustedDevices, userRecoveryCodes, userTotp } from './schema.ts';
import { tokenHash } from './sessions.ts';
import { matchStep, newSecret, otpauthUri, wasUsed } from './totp.ts';

// 两步验证 (issue 17, item 3): after the right password, an account whose roles the department
// requires it for (dept_admin always), or whose owner switched it on, gives a TOTP code before a
// session opens. The password step leaves a ticket (login_tickets), never a session: nothing an
// attacker with the password alone can use. A device the user asked to remember skips the code
// until its cookie expires.

const ISSUER = '红云';
const TICKET_MINUTES = 5;
const TICKET_TRIES = 5;
const RECOVERY_CODES = 10;
export const DEVICE_COOKIE = 'hy_device';

export const totpRoles: SettingDef<Role[]> = {
  key: 'auth.totpRoles',
  schema: z
    .array(z.enum(ADMIN_ROLES as [Role, ...Role[]]))
    .refine((r) => r.includes('dept_admin'), '组织部管理员必须启用两步验证'),
  default: ['dept_admin'],
  label: { zh: '必须启用两步验证的角色', en: 'Roles that must use two-step verification' },
  source: '本平台安全要求：组织部管理员必须启用，其他管理角色由组织部决定',
};

export const totpRememberDays: SettingDef<number> = {
  key: 'auth.totpRememberDays',
  schema: z.number().int().min(0).max(90),
  default: 30,
  label: {
    zh: '记住此设备的天数（0 为每次都要验证码）',
    en: 'Days a device is remembered (0: a code every time)',
  },
  source: '本平台默认 30 天',
};

export const secondFactorSettings = [totpRoles, totpRememberDays];

const sealFor = (userId: number) => bind('user_totp', 'secret', userId);

/** Does one of the account's roles require a second factor (the department's setting)? */
export async function requiredFor(db: Queryable, userId: number): Promise<boolean> {
  const roles = await getSetting(db, totpRoles);
  const [row] = await db
    .select({ id: roleGrants.id })
    .from(roleGrants)
    .where(and(eq(roleGrants.userId, userId), inArray(roleGrants.role, roles)))
    .limit(1);
  return !!row;
}

/** What the account owes after its password: a code, an enrolment, or nothing. */
export async function secondFactorOwed(db: Queryable, userId: number): Promise<'totp' | 'enrol' | null> {
  const [row] = await db
    .select({ enabledAt: userTotp.enabledAt })
    .from(userTotp)
    .where(eq(userTotp.userId, userId));
  if (row?.enabledAt) return 'totp';
  return (await requiredFor(db, userId)) ? 'enrol' : null;
}

/** Is this cookie a device the account asked to remember, still within its days? */
export async function deviceRemembered(db: Queryable, userId: number, token: string | undefined, now: Date) {
  if (!token || token.length > 100) return false;
  const [row] = await db
    .select({ id: trustedDevices.id })
    .from(trustedDevices)
    .where(
      and(
        eq(trustedDevices.tokenHash, tokenHash(token)),
        eq(trustedDevices.userId, userId),
        gt(trustedDevices.expiresAt, now),
      ),
    );
  return !!row;
}

/**
 * A pending enrolment's secret: the one already made if the user is part-way (a reload shows the
 * same QR code, so a phone that scanned it still works), else a new one.
 */
async function pendingSecret(tx: Queryable, ctx: Ctx, userId: number): Promise<string> {
  const [row] = await tx
    .select({ secretEnc: userTotp.secretEnc, enabledAt: userTotp.enabledAt })
    .from(userTotp)
    .where(eq(userTotp.userId, userId));
  if (row && !row.enabledAt) return ctx.pii.decrypt(row.secretEnc, sealFor(userId));
  const secret = newSecret();
  const secretEnc = ctx.pii.encrypt(secret, sealFor(userId));
  await tx
    .insert(userTotp)
    .values({ userId, secretEnc })
    .onConflictDoUpdate({
      target: userTotp.userId,
      set: { secretEnc, enabledAt: null, lastStep: null, createdAt: ctx.now() },
    });
  return secret;
}

/** The password step's answer: a ticket for the code step, and for an enrolment the QR's secret. */
export async function issueTicket(
  tx: Queryable,
  ctx: Ctx,
  user: { id: number; username: string },
  purpose: 'totp' | 'enrol',
) {
  const ticket = randomBytes(24).toString('base64url');
  await tx.insert(loginTickets).values({
    tokenHash: tokenHash(ticket),
    userId: user.id,
    purpose,
    expiresAt: new Date(ctx.now().getTime() + TICKET_MINUTES * 60_000),
  });
  if (purpose === 'totp') return { step: purpose, ticket };
  const secret = await pendingSecret(tx, ctx, user.id);
  return { step: purpose, ticket, secret, otpauthUri: otpauthUri(ISSUER, user.username, secret) };
}

const ticketGone = () =>
  new AppError(401, 'ticket_expired', {
    zh: '登录已超时或尝试次数过多，请重新输入用户名和密码',
    en: 'The login timed out or had too many tries; enter your username and password again',
  });

const wrongCode = () =>
  fieldError('code', {
    zh: '验证码不正确，请输入验证器上当前显示的 6 位数字',
    en: 'Wrong code; type the six digits your authenticator shows now',
  });

const usedCode = () =>
  fieldError('code', {
    zh: '这个验证码刚刚已经用过，请等验证器换成下一个验证码（每 30 秒一换）再输入',
    en: 'This code was just used; wait for the next one (every 30 seconds)',
  });

const wrongRecovery = () =>
  fieldError('recoveryCode', {
    zh: '恢复码不正确或已用过',
    en: 'Wrong or already used recovery code',
  });

/** Recovery codes: 4+4 characters without look-alikes (no 0/O, 1/I/L), kept as keyed hashes. */
const RECOVERY_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const recoveryHash = (ctx: Ctx, code: string) =>
  ctx.pii.blindIndex('recovery-code', code.replace('-', '').toUpperCase());

async function newRecoveryCodes(tx: Queryable, ctx: Ctx, userId: number): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODES }, () => {
    const c = Array.from({ length: 8 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]).join(
      '',
    );
    return `${c.slice(0, 4)}-${c.slice(4)}`;
  });
  await tx.delete(userRecoveryCodes).where(eq(userRecoveryCodes.userId, userId));
  await tx.insert(userRecoveryCodes).values(codes.map((c) => ({ userId, codeHash: recoveryHash(ctx, c) })));
  return codes;
}

type Proof = { code: string } | { recoveryCode: string };

/**
 * Checks a code against the account's secret and takes its step, so it is good once. Null when
 * it does not match, with the reason for the audit and the message.
 */
async function takeCode(tx: Queryable, ctx: Ctx, userId: number, proof: Proof) {
  const [row] = await tx.select().from(userTotp).where(eq(userTotp.userId, userId)).for('update');
  if (!row) return { ok: false as const, reason: 'not_enrolled' };
  if ('recoveryCode' in proof) {
    if (!row.enabledAt) return { ok: false as const, reason: 'recovery_while_enrolling' };
    const used = await tx
      .update(userRecoveryCodes)
      .set({ usedAt: ctx.now() })
      .where(
        and(
          eq(userRecoveryCodes.userId, userId),
          eq(userRecoveryCodes.codeHash, recoveryHash(ctx, proof.recoveryCode)),
          isNull(userRecoveryCodes.usedAt),
        ),
      )
      .returning({ id: userRecoveryCodes.id });
    return used.length
      ? { ok: true as const, enrolling: false }
      : { ok: false as const, reason: 'wrong_recovery' };
  }
  const secret = ctx.pii.decrypt(row.secretEnc, sealFor(userId));
  const step = matchStep(secret, proof.code, ctx.now(), row.lastStep);
  if (step == null) {
    return {
      ok: false as const,
      reason: wasUsed(secret, proof.code, ctx.now(), row.lastStep) ? 'reused' : 'wrong',
    };
  }
  await tx
    .update(userTotp)
    .set({ lastStep: step, ...(row.enabledAt ? {} : { enabledAt: ctx.now() }) })
    .where(eq(userTotp.userId, userId));
  return { ok: true as const, enrolling: !row.enabledAt };
}

function refusal(reason: string) {
  if (reason === 'reused') return usedCode();
  if (reason === 'wrong_recovery' || reason === 'recovery_while_enrolling') return wrongRecovery();
  return wrongCode();
}

/** Remembers this device for the department's number of days; null when it is set to 0. */
async function rememberDevice(tx: Queryable, ctx: Ctx, userId: number) {
  const days = await getSetting(tx, totpRememberDays);
  if (days <= 0) return null;
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(ctx.now().getTime() + days * 86_400_000);
  await tx
    .insert(trustedDevices)
    .values({ userId, tokenHash: tokenHash(token), userAgent: ctx.userAgent, expiresAt });
  return { token, expiresAt };
}

/**
 * The code step of a login. A wrong code counts against the ticket (five tries, then the password
 * again) and is audited in its own transaction, so the refusal is on record though nothing else
 * changes. The caller opens the session (service.ts finishLogin) with the user id returned.
 */
export async function passSecondFactor(ctx: Ctx, input: Proof & { ticket: string; remember: boolean }) {
  const now = ctx.now();
  const outcome = await inTransaction(ctx.db, async (tx) => {
    const [t] = await tx
      .select()
      .from(loginTickets)
      .where(eq(loginTickets.tokenHash, tokenHash(input.ticket)))
      .for('update');
    if (!t || t.expiresAt <= now || t.attempts >= TICKET_TRIES) {
      if (t) await tx.delete(loginTickets).where(eq(loginTickets.tokenHash, t.tokenHash));
      return { gone: true as const };
    }
    const taken = await takeCode(tx, ctx, t.userId, input);
    if (!taken.ok) return { gone: false as const, failed: taken.reason, ticket: t };
    await tx.delete(loginTickets).where(eq(loginTickets.tokenHash, t.tokenHash));
    const recoveryCodes = taken.enrolling ? await newRecoveryCodes(tx, ctx, t.userId) : undefined;
    const device = input.remember ? await rememberDevice(tx, ctx, t.userId) : null;
    await recordAudit(tx, ctx, {
      action: taken.enrolling ? 'auth.totp_enrolled' : 'auth.totp_passed',
      actorId: t.userId,
      targetType: 'user',
      targetId: t.userId,
      after: {
        with: 'recoveryCode' in input ? 'recovery_code' : 'totp',
        rememberedDevice: !!device,
      },
    });
    return { gone: false as const, userId: t.userId, recoveryCodes, device };
  });
  if (outcome.gone) throw ticketGone();
  if ('failed' in outcome && outcome.failed) {
    const t = outcome.ticket;
    await inTransaction(ctx.db, async (tx) => {
      await tx
        .update(loginTickets)
        .set({ attempts: sql`${loginTickets.attempts} + 1` })
        .where(eq(loginTickets.tokenHash, t.tokenHash));
      await recordAudit(tx, ctx, {
        action: 'auth.totp_failed',
        actorId: t.userId,
        targetType: 'user',
        targetId: t.userId,
        after: { reason: outcome.failed, attempt: t.attempts + 1 },
      });
    });
    throw refusal(outcome.failed);
  }
  return outcome as {
    userId: number;
    recoveryCodes?: string[];
    device: { token: string; expiresAt: Date } | null;
  };
}

// ---- the account page: my second factor ----

export async function totpStatus(ctx: Ctx, userId: number, sessionDeviceToken: string | undefined) {
  const [row] = await ctx.db.select().from(userTotp).where(eq(userTotp.userId, userId));
  const [left] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(userRecoveryCodes)
    .where(and(eq(userRecoveryCodes.userId, userId), isNull(userRecoveryCodes.usedAt)));
  const devices = await ctx.db
    .select()
    .from(trustedDevices)
    .where(and(eq(trustedDevices.userId, userId), gt(trustedDevices.expiresAt, ctx.now())))
    .orderBy(trustedDevices.createdAt);
  const current = sessionDeviceToken ? tokenHash(sessionDeviceToken) : null;
  return {
    enabled: !!row?.enabledAt,
    enabledAt: row?.enabledAt?.toISOString() ?? null,
    required: await requiredFor(ctx.db, userId),
    recoveryCodesLeft: row?.enabledAt ? (left?.n ?? 0) : 0,
    rememberDays: await getSetting(ctx.db, totpRememberDays),
    devices: devices.map((d) => ({
      id: String(d.id),
      createdAt: d.createdAt.toISOString(),
      expiresAt: d.expiresAt.toISOString(),
      userAgent: d.userAgent,
      current: d.tokenHash === current,
    })),
  };
}

const alreadyOn = () =>
  new AppError(409, 'totp_enabled', { zh: '两步验证已启用', en: 'Two-step verification is already on' });

/** Starts (or restarts) an enrolment from the account page: the QR's secret. */
export async function startEnrolment(ctx: Ctx, user: { id: number; username: string }) {
  return inTransaction(ctx.db, async (tx) => {
    const [row] = await tx.select().from(userTotp).where(eq(userTotp.userId, user.id)).for('update');
    if (row?.enabledAt) throw alreadyOn();
    const secret = await pendingSecret(tx, ctx, user.id);
    return { secret, otpauthUri: otpauthUri(ISSUER, user.username, secret) };
  });
}

/** Runs `act` if the code is right; a wrong one is audited (own transaction) and refused. */
async function withCode<T>(
  ctx: Ctx,
  userId: number,
  code: string,
  act: (tx: Queryable, enrolling: boolean) => Promise<T>,
) {
  const outcome = await inTransaction(ctx.db, async (tx) => {
    const taken = await takeCode(tx, ctx, userId, { code });
    if (!taken.ok) return { failed: taken.reason as string, value: undefined };
    return { failed: null, value: await act(tx, taken.enrolling) };
  });
  if (outcome.failed != null) {
    await recordAudit(ctx.db, ctx, {
      action: 'auth.totp_failed',
      targetType: 'user',
      targetId: userId,
      after: { reason: outcome.failed },
    });
    throw outcome.failed === 'not_enrolled'
      ? new AppError(409, 'totp_not_started', { zh: '请先开始设置两步验证', en: 'Start the set-up first' })
      : refusal(outcome.failed);
  }
  return outcome.value as T;
}

/** The first code confirms the enrolment; the recovery codes are shown once. */
export function confirmEnrolment(ctx: Ctx, userId: number, code: string) {
  return withCode(ctx, userId, code, async (tx, enrolling) => {
    if (!enrolling) throw alreadyOn();
    const recoveryCodes = await newRecoveryCodes(tx, ctx, userId);
    await recordAudit(tx, ctx, { action: 'auth.totp_enrolled', targetType: 'user', targetId: userId });
    return { recoveryCodes };
  });
}

export function renewRecoveryCodes(ctx: Ctx, userId: number, code: string) {
  return withCode(ctx, userId, code, async (tx, enrolling) => {
    if (enrolling) throw wrongCode();
    const recoveryCodes = await newRecoveryCodes(tx, ctx, userId);
    await recordAudit(tx, ctx, {
      action: 'auth.recovery_codes_renewed',
      targetType: 'user',
      targetId: userId,
    });
    return { recoveryCodes };
  });
}

/** Switches it off, with a code; refused while one of the account's roles requires it. */
export async function disableTotp(ctx: Ctx, userId: number, code: string) {
  if (await requiredFor(ctx.db, userId)) {
    throw new AppError(409, 'totp_required', {
      zh: '您的角色必须启用两步验证，不能关闭；换手机请用恢复码登录后重新设置，或请上级管理员重置',
      en: 'Your role requires two-step verification; it cannot be switched off',
    });
  }
  await withCode(ctx, userId, code, async (tx) => {
    await clearSecondFactor(tx, userId);
    await recordAudit(tx, ctx, { action: 'auth.totp_disabled', targetType: 'user', targetId: userId });
  });
}

/** Forgets every device remembered for the account (a lost phone, a shared PC). */
export async function forgetDevices(ctx: Ctx, userId: number) {
  await inTransaction(ctx.db, async (tx) => {
    const gone = await tx
      .delete(trustedDevices)
      .where(eq(trustedDevices.userId, userId))
      .returning({ id: trustedDevices.id });
    await recordAudit(tx, ctx, {
      action: 'auth.devices_forgotten',
      targetType: 'user',
      targetId: userId,
      after: { devices: gone.length },
    });
  });
}

/** Secret, recovery codes and remembered devices go; the next login enrols again if required. */
export async function clearSecondFactor(tx: Queryable, userId: number) {
  await tx.delete(userTotp).where(eq(userTotp.userId, userId));
  await tx.delete(userRecoveryCodes).where(eq(userRecoveryCodes.userId, userId));
  await tx.delete(trustedDevices).where(eq(trustedDevices.userId, userId));
  await tx.delete(loginTickets).where(eq(loginTickets.userId, userId));
}

/** Tickets past their five minutes, swept with the expired sessions. */
export async function purgeExpiredTickets(db: Queryable, now: Date) {
  const gone = await db
    .delete(loginTickets)
    .where(sql`${loginTickets.expiresAt} <= ${now}`)
    .returning({ u: loginTickets.userId });
  await db.delete(trustedDevices).where(sql`${trustedDevices.expiresAt} <= ${now}`);
  return gone.length;
}
