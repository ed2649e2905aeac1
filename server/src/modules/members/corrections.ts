import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { text } from '../../../../contracts/common.ts';
import {
  type CORRECTABLE,
  Degree,
  Education,
  Ethnicity,
  type Member,
} from '../../../../contracts/members.ts';
import { Phone } from '../../../../contracts/users.ts';
import { inTransaction, type Queryable } from '../../db/client.ts';
import { authorize, scopePaths } from '../../platform/access/index.ts';
import { recordAudit } from '../../platform/audit/service.ts';
import { actorOf, type Ctx } from '../../platform/context.ts';
import { AppError, conflict, fieldError, forbidden, notFound } from '../../platform/http/errors.ts';
import { maskPhone, type Pii } from '../../platform/pii/index.ts';
import { orgs } from '../orgs/schema.ts';
import { findOrg, scopeFilter } from '../orgs/service.ts';
import { corrections, members } from './schema.ts';
import { applyMemberChange, auditDiff, inputOf, presentMember } from './service.ts';

type Field = (typeof CORRECTABLE)[number];
type Status = 'pending' | 'approved' | 'rejected';

/** Each correctable field is checked as the record form checks it, when the member asks. */
const FIELD_SCHEMA: Record<Field, z.ZodType<string>> = {
  name: text(30),
  ethnicity: Ethnicity,
  education: Education,
  degree: Degree,
  phone: Phone,
  workUnit: text(100),
  mobileLocation: text(100),
};
const FIELD_LABEL: Record<Field, { zh: string; en: string }> = {
  name: { zh: '姓名', en: 'name' },
  ethnicity: { zh: '民族', en: 'ethnicity' },
  education: { zh: '学历', en: 'education' },
  degree: { zh: '学位', en: 'degree' },
  phone: { zh: '手机号', en: 'phone' },
  workUnit: { zh: '工作单位', en: 'work unit' },
  mobileLocation: { zh: '外出地点', en: 'where they work away' },
};
/** Personal data is stored encrypted in the request, as in the record. */
const ENCRYPTED = new Set<Field>(['phone']);

const CORRECTION = { zh: '更正申请', en: 'Correction request' };

export type CorrectionView = {
  id: string;
  memberId: string;
  memberName: string;
  field: string;
  value: string;
  reason: string;
  status: Status;
  decisionReason: string | null;
  decidedAt: string | null;
  createdAt: string;
};

type CorrectionRow = typeof corrections.$inferSelect;

/** Presenter: a phone asked for is shown masked, like the record's own. */
function present(pii: Pii, c: CorrectionRow, memberName: string): CorrectionView {
  const value = ENCRYPTED.has(c.field as Field) ? maskPhone(pii.decrypt(c.value)) : c.value;
  return {
    id: String(c.id),
    memberId: String(c.memberId),
    memberName,
    field: c.field,
    value,
    reason: c.reason,
    status: c.status as Status,
    decisionReason: c.decisionReason,
    decidedAt: c.decidedAt?.toISOString() ?? null,
    createdAt: c.createdAt.toISOString(),
  };
}

const NOT_LINKED = new AppError(404, 'no_member_record', {
  zh: '您的账号尚未关联党员信息，请联系所在党支部',
  en: 'Your account is not linked to a member record; ask your branch',
});

async function myRecord(db: Queryable, userId: number) {
  const [row] = await db
    .select({ m: members, orgName: orgs.name, orgPath: orgs.path })
    .from(members)
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(and(eq(members.userId, userId), isNull(members.leftAt)));
  if (!row) throw NOT_LINKED;
  return row;
}

// ── the member's own side ───────────────────────────────────────────────────────────────────

/** 我的党员信息: the record linked to my account, personal data masked. */
export async function myMember(ctx: Ctx): Promise<Member> {
  const { m, orgName } = await myRecord(ctx.db, actorOf(ctx).userId);
  return presentMember(ctx.pii, m, orgName);
}

/** A member asks their branch to correct one field of their record. */
export async function requestCorrection(
  ctx: Ctx,
  input: { field: Field; value: string; reason: string },
): Promise<CorrectionView> {
  const actor = actorOf(ctx);
  const checked = FIELD_SCHEMA[input.field].safeParse(input.value);
  if (!checked.success)
    throw fieldError('value', {
      zh: `${FIELD_LABEL[input.field].zh}${checked.error.issues[0]?.message ? `：${checked.error.issues[0].message}` : '格式不正确'}`,
      en: `not a valid ${FIELD_LABEL[input.field].en}`,
    });
  const value = checked.data;
  return inTransaction(ctx.db, async (tx) => {
    const { m, orgPath } = await myRecord(tx, actor.userId);
    const current = inputOf(ctx.pii, m)[input.field];
    if (current === value)
      throw fieldError('value', {
        zh: `与现有${FIELD_LABEL[input.field].zh}相同，无需更正`,
        en: `same as the current ${FIELD_LABEL[input.field].en}`,
      });
    if (input.field === 'mobileLocation' && !m.mobile)
      throw fieldError('field', {
        zh: '您不是流动党员，没有外出地点可更正',
        en: 'only mobile members have a place of work away',
      });
    const [open] = await tx
      .select({ id: corrections.id })
      .from(corrections)
      .where(
        and(
          eq(corrections.memberId, m.id),
          eq(corrections.field, input.field),
          eq(corrections.status, 'pending'),
        ),
      );
    if (open)
      throw new AppError(
        409,
        'correction_pending',
        {
          zh: `field：您对${FIELD_LABEL[input.field].zh}的更正申请尚在审核中`,
          en: `field: a correction of the ${FIELD_LABEL[input.field].en} is already waiting`,
        },
        [{ path: 'field', message: '已有待审核的更正申请', messageEn: 'a request is already waiting' }],
      );
    const [row] = await tx
      .insert(corrections)
      .values({
        memberId: m.id,
        field: input.field,
        value: ENCRYPTED.has(input.field) ? ctx.pii.encrypt(value) : value,
        reason: input.reason,
        createdAt: ctx.now(),
      })
      .returning();
    await recordAudit(tx, ctx, {
      action: 'member.correction_requested',
      targetType: 'member',
      targetId: m.id,
      orgId: m.orgId,
      orgPath,
      // the audit masks a field named phone; other values are the member's own words
      after: { correctionId: row.id, field: input.field, [input.field]: value, reason: input.reason },
    });
    return present(ctx.pii, row, m.name);
  });
}

export async function myCorrections(ctx: Ctx): Promise<{ items: CorrectionView[] }> {
  const { m } = await myRecord(ctx.db, actorOf(ctx).userId);
  const rows = await ctx.db
    .select()
    .from(corrections)
    .where(eq(corrections.memberId, m.id))
    .orderBy(desc(corrections.createdAt), desc(corrections.id))
    .limit(200);
  return { items: rows.map((c) => present(ctx.pii, c, m.name)) };
}

// ── the branch's side ───────────────────────────────────────────────────────────────────────

/** At most this many, newest first: a branch's queue, not an archive. */
const LIST_LIMIT = 500;

export async function listCorrections(
  ctx: Ctx,
  q: { orgId?: string; status?: Status },
): Promise<{ items: CorrectionView[] }> {
  const actor = actorOf(ctx);
  let scope = scopeFilter(scopePaths(actor, 'member.manage'));
  if (q.orgId) {
    const org = await findOrg(ctx.db, Number(q.orgId));
    if (!org) throw notFound({ zh: '党组织', en: 'Organization' });
    authorize(actor, 'member.manage', org.path);
    scope = sql`${orgs.path} like ${`${org.path}%`}`;
  }
  const rows = await ctx.db
    .select({ c: corrections, memberName: members.name })
    .from(corrections)
    .innerJoin(members, eq(members.id, corrections.memberId))
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(and(scope, isNull(members.leftAt), q.status ? eq(corrections.status, q.status) : undefined))
    .orderBy(desc(corrections.createdAt), desc(corrections.id))
    .limit(LIST_LIMIT);
  return { items: rows.map((r) => present(ctx.pii, r.c, r.memberName)) };
}

/** The request and its member, both locked, checked to be pending and in the actor's scope. */
async function lockForDecision(tx: Queryable, ctx: Ctx, id: number) {
  const actor = actorOf(ctx);
  const [c] = await tx.select().from(corrections).where(eq(corrections.id, id)).for('update');
  if (!c) throw notFound(CORRECTION);
  const [row] = await tx
    .select({ m: members, orgPath: orgs.path })
    .from(members)
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(eq(members.id, c.memberId))
    .for('update', { of: members });
  if (!row || row.m.leftAt) throw notFound(CORRECTION);
  authorize(actor, 'member.manage', row.orgPath);
  if (row.m.userId === actor.userId)
    throw forbidden({
      zh: '不能审批本人的更正申请，请由其他管理员审批',
      en: 'You cannot decide on a correction of your own record',
    });
  if (c.status !== 'pending')
    throw conflict('correction_decided', {
      zh: `该更正申请已${c.status === 'approved' ? '通过' : '退回'}，不能再次审批`,
      en: `This request was already ${c.status}`,
    });
  return { c, m: row.m, orgPath: row.orgPath };
}

/**
 * Approve: the change is made as an edit would make it — the whole record re-validated, the
 * edit kept in the record's history (source 'correction') and in the audit log, the record's
 * update time moved — in the same transaction as the decision.
 */
export async function approveCorrection(ctx: Ctx, id: number): Promise<CorrectionView> {
  return inTransaction(ctx.db, async (tx) => {
    const { c, m, orgPath } = await lockForDecision(tx, ctx, id);
    const field = c.field as Field;
    const value = ENCRYPTED.has(field) ? ctx.pii.decrypt(c.value) : c.value;
    const { after, changes } = await applyMemberChange(tx, ctx, m, { [field]: value }, 'correction');
    const now = ctx.now();
    const [decided] = await tx
      .update(corrections)
      .set({ status: 'approved', decidedBy: actorOf(ctx).userId, decidedAt: now })
      .where(eq(corrections.id, id))
      .returning();
    await recordAudit(tx, ctx, {
      action: 'member.correction_approved',
      targetType: 'member',
      targetId: m.id,
      orgId: m.orgId,
      orgPath,
      // the audit keeps only what differs: the request's id shows as new on the "after" side
      before: auditDiff(changes).before,
      after: { correctionId: id, ...auditDiff(changes).after },
    });
    return present(ctx.pii, decided, after.name);
  });
}

/** Reject, with the reason the member will read. The record is not touched. */
export async function rejectCorrection(ctx: Ctx, id: number, reason: string): Promise<CorrectionView> {
  return inTransaction(ctx.db, async (tx) => {
    const { m, orgPath } = await lockForDecision(tx, ctx, id);
    const [decided] = await tx
      .update(corrections)
      .set({
        status: 'rejected',
        decidedBy: actorOf(ctx).userId,
        decidedAt: ctx.now(),
        decisionReason: reason,
      })
      .where(eq(corrections.id, id))
      .returning();
    await recordAudit(tx, ctx, {
      action: 'member.correction_rejected',
      targetType: 'member',
      targetId: m.id,
      orgId: m.orgId,
      orgPath,
      after: { correctionId: id, field: decided.field, reason },
    });
    return present(ctx.pii, decided, m.name);
  });
}
