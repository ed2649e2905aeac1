import { desc, eq } from 'drizzle-orm';
import type { MemberStatus, StandingDecisionKind } from '../../../../../contracts/members/index.ts';
import type { Queryable, Tx } from '../../../db/client.ts';
import { authorize } from '../../../platform/access/index.ts';
import { recordAudit } from '../../../platform/audit/service.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { AppError, notFound, type Text } from '../../../platform/http/errors.ts';
import { loadMember, MEMBER, recordHistory } from '../record/store.ts';
import { type MemberRow, members, standingDecisions } from '../schema.ts';
import { refuseLeft } from './guard.ts';
import { standingAbilities } from './policy.ts';
import { awaitingApproval, type DecisionRow, presentMemberStanding } from './present.ts';
import {
  type AbroadKind,
  decisionsAllowed,
  effectiveOn,
  type PartyStanding,
  type Problem,
  type StandingFacts,
} from './rules.ts';

export type Changes = Record<string, [unknown, unknown]>;

/** What the standing rules read of a stored record. */
export function factsOf(m: MemberRow): StandingFacts {
  return {
    name: m.name,
    status: m.status as MemberStatus,
    standing: m.partyStanding as PartyStanding,
    joinedOn: m.joinedOn,
    lostContactOn: m.lostContactOn,
    foundOn: m.foundOn,
    suspendedOn: m.suspendedOn,
    abroadKind: m.abroadKind as AbroadKind | null,
    abroadSince: m.abroadSince,
  };
}

/** 400 naming each field in the form's words, Chinese first. */
export function refused(problems: Problem[], lead: Text): AppError {
  return new AppError(
    400,
    'invalid_input',
    {
      zh: `${lead.zh}。${problems.map((p) => `${p.path}：${p.text.zh}`).join('；')}`,
      en: `${lead.en}: ${problems.map((p) => `${p.path}: ${p.text.en}`).join('; ')}`,
    },
    problems.map((p) => ({ path: p.path, message: p.text.zh, messageEn: p.text.en })),
  );
}

/**
 * Locks the member, checks the actor keeps the standing of their branch, and refuses a record of
 * someone who left (read only). A member transferred out of the deployment is not found.
 */
export async function lockForStanding(tx: Tx, ctx: Ctx, id: number) {
  const [locked] = await tx.select().from(members).where(eq(members.id, id)).for('update');
  if (!locked) throw notFound(MEMBER);
  const { orgName, orgPath } = await loadMember(tx, id, { leftParty: true });
  authorize(actorOf(ctx), 'standing.manage', orgPath);
  refuseLeft(locked);
  return { locked, orgName, orgPath };
}

/** A member's decisions, newest first. */
export function decisionsOf(db: Queryable, memberId: number): Promise<DecisionRow[]> {
  return db
    .select()
    .from(standingDecisions)
    .where(eq(standingDecisions.memberId, memberId))
    .orderBy(desc(standingDecisions.resolutionOn), desc(standingDecisions.id));
}

/** The latest day a recorded decision took effect: a later decision cannot be dated before it. */
export function lastEffectiveOn(decisions: DecisionRow[]): string | null {
  let last: string | null = null;
  for (const d of decisions) {
    const on = effectiveOn(d.kind as StandingDecisionKind, d.resolutionOn, d.approvedOn);
    if (on && (!last || on > last)) last = on;
  }
  return last;
}

export const pendingOf = (decisions: DecisionRow[]) => decisions.find(awaitingApproval) ?? null;

/**
 * Writes a change of standing the one way: the row (its version moves: an edit form opened before
 * is refused), its history (source 'standing') and the audit entry, in the caller's transaction.
 */
export async function saveStandingChange(
  tx: Tx,
  ctx: Ctx,
  at: { row: MemberRow; orgPath: string },
  set: Partial<typeof members.$inferInsert>,
  changes: Changes,
  audit: { action: string; after?: Record<string, unknown> },
): Promise<MemberRow> {
  const now = ctx.now();
  const [row] = Object.keys(changes).length
    ? await tx
        .update(members)
        .set({ ...set, recordUpdatedAt: now, updatedAt: now })
        .where(eq(members.id, at.row.id))
        .returning()
    : [at.row];
  await recordHistory(tx, ctx, at.row.id, 'standing', changes);
  await recordAudit(tx, ctx, {
    action: audit.action,
    targetType: 'member',
    targetId: at.row.id,
    orgId: at.row.orgId,
    orgPath: at.orgPath,
    before: Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, v[0]])),
    after: { ...Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, v[1]])), ...audit.after },
  });
  return row;
}

/** The changes between a row and the fields about to be set, for history and audit. */
export function changesOf(row: MemberRow, set: Partial<MemberRow>): Changes {
  const out: Changes = {};
  for (const [k, v] of Object.entries(set)) {
    const was = row[k as keyof MemberRow];
    const a = v instanceof Date ? v.toISOString() : (v ?? null);
    const b = was instanceof Date ? was.toISOString() : (was ?? null);
    if (a !== b) out[k] = [b, a];
  }
  return out;
}

/** The member's standing as the panel shows it, after a change or on a read. */
export async function standingView(db: Queryable, ctx: Ctx, row: MemberRow, orgPath: string) {
  const decisions = await decisionsOf(db, row.id);
  const can = standingAbilities(ctx.actor, orgPath, row.partyStanding);
  return presentMemberStanding(row, decisions, decisionsAllowed(factsOf(row), !!pendingOf(decisions)), can);
}
