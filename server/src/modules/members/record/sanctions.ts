import { and, count, desc, eq } from 'drizzle-orm';
import type { Page, PageQuery } from '../../../../../contracts/common.ts';
import { SANCTION_KIND_LABELS } from '../../../../../contracts/labels.ts';
import type { CreateSanction, Sanction } from '../../../../../contracts/members/index.ts';
import { inTransaction } from '../../../db/client.ts';
import { authorize, can } from '../../../platform/access/index.ts';
import { recordAudit } from '../../../platform/audit/service.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { notFound } from '../../../platform/http/errors.ts';
import { paginate } from '../../../platform/http/pagination.ts';
import { shanghaiToday } from '../../../platform/time.ts';
import { memberSanctions } from '../schema.ts';
import { sanctionProblems } from './rules.ts';
import { invalid, loadMember, recordHistory } from './store.ts';

/**
 * 奖惩: commendations and discipline kept with a member's record, listed on the member page. Each
 * addition or removal is audited and written to the record's history in words, so the history
 * reads "奖惩：新增 奖励 优秀共产党员（2021-07-01，中共青山区委员会）".
 */
const SANCTION = { zh: '奖惩记录', en: 'Commendation or discipline' };
type Row = typeof memberSanctions.$inferSelect;

const inWords = (s: Pick<Row, 'kind' | 'title' | 'on' | 'issuedBy'>) =>
  `${SANCTION_KIND_LABELS[s.kind as 'reward'].zh} ${s.title}（${s.on}，${s.issuedBy}）`;

function present(r: Row, manage: boolean): Sanction {
  return {
    id: String(r.id),
    memberId: String(r.memberId),
    kind: r.kind as Sanction['kind'],
    title: r.title,
    on: r.on,
    issuedBy: r.issuedBy,
    note: r.note,
    recordedAt: r.createdAt.toISOString(),
    can: { remove: manage },
  };
}

export async function listSanctions(ctx: Ctx, memberId: number, page: PageQuery): Promise<Page<Sanction>> {
  const { orgPath } = await loadMember(ctx.db, memberId, { leftParty: true });
  const actor = actorOf(ctx);
  authorize(actor, 'member.view', orgPath);
  const manage = can(actor, 'member.manage', orgPath);
  const where = eq(memberSanctions.memberId, memberId);
  const result = await paginate(page, {
    rows: (limit, offset) =>
      ctx.db
        .select()
        .from(memberSanctions)
        .where(where)
        .orderBy(desc(memberSanctions.on), desc(memberSanctions.id))
        .limit(limit)
        .offset(offset),
    count: () => ctx.db.select({ n: count() }).from(memberSanctions).where(where),
  });
  return { ...result, items: result.items.map((r) => present(r, manage)) };
}

export async function addSanction(ctx: Ctx, memberId: number, input: CreateSanction): Promise<Sanction> {
  const actor = actorOf(ctx);
  return inTransaction(ctx.db, async (tx) => {
    const { m, orgPath } = await loadMember(tx, memberId);
    authorize(actor, 'member.manage', orgPath);
    const problems = sanctionProblems(input, m, shanghaiToday(ctx.now()));
    if (problems.length) throw invalid(problems);
    const [row] = await tx
      .insert(memberSanctions)
      .values({ memberId, ...input, recordedBy: actor.userId, createdAt: ctx.now() })
      .returning();
    await recordHistory(tx, ctx, memberId, 'sanction', { sanctions: [null, inWords(row)] });
    await recordAudit(tx, ctx, {
      action: 'member.sanction_added',
      targetType: 'member',
      targetId: memberId,
      orgId: m.orgId,
      orgPath,
      after: { id: row.id, kind: row.kind, title: row.title, on: row.on, issuedBy: row.issuedBy },
    });
    return present(row, true);
  });
}

/** A sanction recorded by mistake goes; what it said stays in the history and the audit log. */
export async function removeSanction(ctx: Ctx, memberId: number, sanctionId: number) {
  const actor = actorOf(ctx);
  return inTransaction(ctx.db, async (tx) => {
    const { m, orgPath } = await loadMember(tx, memberId);
    authorize(actor, 'member.manage', orgPath);
    const [row] = await tx
      .delete(memberSanctions)
      .where(and(eq(memberSanctions.id, sanctionId), eq(memberSanctions.memberId, memberId)))
      .returning();
    if (!row) throw notFound(SANCTION);
    await recordHistory(tx, ctx, memberId, 'sanction', { sanctions: [inWords(row), null] });
    await recordAudit(tx, ctx, {
      action: 'member.sanction_removed',
      targetType: 'member',
      targetId: memberId,
      orgId: m.orgId,
      orgPath,
      before: { id: row.id, kind: row.kind, title: row.title, on: row.on, issuedBy: row.issuedBy },
    });
    return { ok: true as const };
  });
}
