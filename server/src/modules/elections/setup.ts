import { and, desc, eq, type SQL, sql } from 'drizzle-orm';
import type { Page } from '../../../../contracts/common.ts';
import type { Election, SaveElection } from '../../../../contracts/elections/elections.ts';
import { inTransaction, type Queryable } from '../../db/client.ts';
import { authorize, can, scopePaths } from '../../platform/access/index.ts';
import { actorLabel, recordAudit } from '../../platform/audit/service.ts';
import { actorOf, type Ctx } from '../../platform/context.ts';
import { badRequest, conflict, fieldError, notFound } from '../../platform/http/errors.ts';
import { shanghaiToday } from '../../platform/time.ts';
import { findOrg, inSubtree, inSubtrees } from '../../platform/tree/index.ts';
import { electorsOf } from '../members/index.ts';
import { candidateListProblem, noVoteReason } from './rules.ts';
import { electionCandidates, electionRoll, elections } from './schema.ts';
import { loadElection, parentPath, presentElection } from './store.ts';

// Setting an election up: the candidate list (候选人预备人选), the superior org's approval, opening
// with the roll frozen, and a further round when the first left seats or a tie.

const audit = (
  db: Queryable,
  ctx: Ctx,
  action: string,
  row: { id: number; orgId: number; orgPath: string },
  after: object,
) =>
  recordAudit(db, ctx, {
    action,
    targetType: 'election',
    targetId: row.id,
    orgId: row.orgId,
    orgPath: row.orgPath,
    after: after as Record<string, unknown>,
  });

export async function readElection(ctx: Ctx, id: number): Promise<Election> {
  const loaded = await loadElection(ctx.db, id);
  const actor = actorOf(ctx);
  // the superior org reads what its lower orgs submit to it, as well as its own subtree's
  if (!can(actor, 'election.approve', parentPath(loaded.row.orgPath)))
    authorize(actor, 'election.view', loaded.row.orgPath);
  return presentElection(ctx, loaded);
}

/** 选举列表: the elections of my subtree; or, `approvals`, those awaiting my approval as the superior org. */
export async function listElections(
  ctx: Ctx,
  q: { orgId?: string; view: 'all' | 'approvals'; page: number; pageSize: number },
): Promise<Page<Election>> {
  const actor = actorOf(ctx);
  const where: SQL[] = [];
  if (q.orgId) {
    const org = await findOrg(ctx.db, Number(q.orgId));
    if (!org) throw notFound({ zh: '党组织', en: 'Organization' });
    authorize(actor, 'election.view', org.path);
    where.push(inSubtree(elections.orgPath, org.path));
  } else where.push(inSubtrees(scopePaths(actor, 'election.view'), elections.orgPath));
  if (q.view === 'approvals') {
    // strictly below my grants: my own org's list is approved by the org above me
    const mine = scopePaths(actor, 'election.approve');
    where.push(
      sql`(${elections.state} = 'submitted' or (${elections.state} = 'closed' and ${elections.resultApprovedAt} is null))`,
      mine.length
        ? sql`(${sql.join(
            mine.map((p) => sql`(${inSubtree(elections.orgPath, p)} and ${elections.orgPath} <> ${p})`),
            sql` or `,
          )})`
        : sql`false`,
    );
  }
  const [{ total }] = await ctx.db
    .select({ total: sql<number>`count(*)::int` })
    .from(elections)
    .where(and(...where));
  const rows = await ctx.db
    .select({ id: elections.id })
    .from(elections)
    .where(and(...where))
    .orderBy(desc(elections.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const items = [];
  for (const r of rows) items.push(presentElection(ctx, await loadElection(ctx.db, r.id)));
  return { items, total, page: q.page, pageSize: q.pageSize };
}

async function writeCandidates(db: Queryable, electionId: number, list: SaveElection['candidates']) {
  await db.delete(electionCandidates).where(eq(electionCandidates.electionId, electionId));
  if (list.length)
    await db.insert(electionCandidates).values(
      list.map((c, i) => ({
        electionId,
        position: i + 1,
        name: c.name,
        memberId: c.memberId == null ? null : Number(c.memberId),
        office: c.office,
      })),
    );
}

function checkShape(input: SaveElection) {
  if (input.kind === 'cadre_recommendation' && !input.post)
    throw fieldError('post', { zh: '民主推荐须写明推荐的职位', en: 'Name the post recommended for' });
  if (input.kind === 'appraisal' && input.candidates.length)
    throw fieldError('candidates', {
      zh: '民主评议的对象是名册上的全体党员，开始投票时自动生成，不需填写',
      en: 'An appraisal rates the roll: leave the candidates empty',
    });
}

export async function createElection(ctx: Ctx, input: SaveElection): Promise<Election> {
  const actor = actorOf(ctx);
  const org = await findOrg(ctx.db, Number(input.orgId));
  if (!org) throw notFound({ zh: '党组织', en: 'Organization' });
  authorize(actor, 'election.manage', org.path);
  checkShape(input);
  const id = await inTransaction(ctx.db, async (tx) => {
    const [row] = await tx
      .insert(elections)
      .values({
        orgId: org.id,
        orgPath: org.path,
        kind: input.kind,
        title: input.title,
        post: input.post,
        seats: input.seats,
        createdBy: actor.userId,
      })
      .returning();
    await writeCandidates(tx, row.id, input.candidates);
    await audit(tx, ctx, 'election.created', row, {
      kind: row.kind,
      title: row.title,
      seats: row.seats,
      candidates: input.candidates.map((c) => c.name),
    });
    return row.id;
  });
  return presentElection(ctx, await loadElection(ctx.db, id));
}

/** Only a draft's list changes: once submitted, approved or open, the list is what was approved. */
export async function updateElection(ctx: Ctx, id: number, input: SaveElection): Promise<Election> {
  await inTransaction(ctx.db, async (tx) => {
    const { row } = await loadElection(tx, id, true);
    authorize(actorOf(ctx), 'election.manage', row.orgPath);
    if (row.state !== 'draft')
      throw conflict('election_list_locked', {
        zh:
          row.state === 'submitted' || row.state === 'approved'
            ? '候选人名单已报上级党组织审批，不能再修改'
            : '投票已经开始，候选人名单不能再修改',
        en: 'The candidate list can no longer be changed',
      });
    if (String(row.orgId) !== input.orgId || row.kind !== input.kind)
      throw badRequest('election_fixed', {
        zh: '党组织和类型建立后不能修改',
        en: 'The org and kind of an election are fixed',
      });
    checkShape(input);
    await tx
      .update(elections)
      .set({ title: input.title, post: input.post, seats: input.seats })
      .where(eq(elections.id, id));
    await writeCandidates(tx, id, input.candidates);
    await audit(tx, ctx, 'election.updated', row, {
      title: input.title,
      seats: input.seats,
      candidates: input.candidates.map((c) => c.name),
    });
  });
  return presentElection(ctx, await loadElection(ctx.db, id));
}

/** 报上级党组织审批: the list goes up once the margin of 差额 is met. */
export async function submitElection(ctx: Ctx, id: number): Promise<Election> {
  await inTransaction(ctx.db, async (tx) => {
    const { row, candidates } = await loadElection(tx, id, true);
    authorize(actorOf(ctx), 'election.manage', row.orgPath);
    if (row.state !== 'draft' || row.kind !== 'election')
      throw conflict('election_state', {
        zh: '只有草稿状态的选举可以报批',
        en: 'Only a draft election is submitted',
      });
    const p = candidateListProblem('election', row.seats, candidates);
    if (p) throw fieldError('candidates', p);
    await tx.update(elections).set({ state: 'submitted' }).where(eq(elections.id, id));
    await audit(tx, ctx, 'election.submitted', row, { candidates: candidates.map((c) => c.name) });
  });
  return presentElection(ctx, await loadElection(ctx.db, id));
}

/** The superior org approves the list (or, `approve: false`, sends it back to draft). */
export async function approveElection(ctx: Ctx, id: number, approve: boolean): Promise<Election> {
  await inTransaction(ctx.db, async (tx) => {
    const { row } = await loadElection(tx, id, true);
    const actor = actorOf(ctx);
    authorize(actor, 'election.approve', parentPath(row.orgPath), {
      zh: '候选人预备人选由上级党组织审批',
      en: 'The candidate list is approved by the superior organization',
    });
    if (row.state !== 'submitted')
      throw conflict('election_state', { zh: '该选举没有待审批的候选人名单', en: 'Nothing awaits approval' });
    await tx
      .update(elections)
      .set(
        approve
          ? { state: 'approved', approvedBy: actorLabel(actor), approvedAt: ctx.now() }
          : { state: 'draft' },
      )
      .where(eq(elections.id, id));
    await audit(tx, ctx, approve ? 'election.approved' : 'election.returned', row, {});
  });
  return presentElection(ctx, await loadElection(ctx.db, id));
}

/**
 * 开始投票: the roll is computed from the member records and frozen — full members of the org's
 * subtree with a vote (条例第五条); whoever joins or changes afterwards does not change this vote.
 * An appraisal rates the org's members in normal standing, probationary ones included.
 */
export async function openElection(ctx: Ctx, id: number): Promise<Election> {
  await inTransaction(ctx.db, async (tx) => {
    const { row } = await loadElection(tx, id, true);
    authorize(actorOf(ctx), 'election.manage', row.orgPath);
    const ready = row.state === 'approved' || (row.kind !== 'election' && row.state === 'draft');
    if (!ready)
      throw conflict('election_state', {
        zh:
          row.state === 'open' || row.state === 'closed'
            ? '投票已经开始过'
            : '候选人预备人选须经上级党组织批准后才能开始投票',
        en: 'The candidate list must be approved before voting opens',
      });
    const people = await electorsOf(tx, { orgPath: row.orgPath });
    const today = shanghaiToday(ctx.now());
    const voters = people.filter((p) => noVoteReason(p, today) === null);
    if (!voters.length)
      throw conflict('election_no_voters', {
        zh: '该党组织没有有选举权的正式党员',
        en: 'No member has a vote here',
      });
    await tx
      .insert(electionRoll)
      .values(voters.map((v) => ({ electionId: id, memberId: v.memberId, userId: v.userId, name: v.name })));
    if (row.kind === 'appraisal') {
      const rated = people.filter(
        (p) => p.partyStanding === 'normal' && ['full', 'probationary'].includes(p.status),
      );
      await writeCandidates(
        tx,
        id,
        rated.map((p) => ({
          name: p.name.slice(0, 20),
          memberId: String(p.memberId),
          office: 'member' as const,
        })),
      );
    } else {
      const [{ n }] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(electionCandidates)
        .where(eq(electionCandidates.electionId, id));
      if (!n) throw fieldError('candidates', { zh: '还没有候选人', en: 'There are no candidates' });
    }
    await tx
      .update(elections)
      .set({ state: 'open', entitled: voters.length, openedAt: ctx.now() })
      .where(eq(elections.id, id));
    await audit(tx, ctx, 'election.opened', row, { entitled: voters.length });
  });
  return presentElection(ctx, await loadElection(ctx.db, id));
}

/** The superior org records its approval of the result (选举结果报上级党组织批准). */
export async function approveResult(ctx: Ctx, id: number): Promise<Election> {
  await inTransaction(ctx.db, async (tx) => {
    const { row } = await loadElection(tx, id, true);
    const actor = actorOf(ctx);
    authorize(actor, 'election.approve', parentPath(row.orgPath), {
      zh: '选举结果由上级党组织批准',
      en: 'The result is approved by the superior organization',
    });
    if (row.state !== 'closed' || row.resultApprovedAt)
      throw conflict('election_state', { zh: '没有待批准的选举结果', en: 'No result awaits approval' });
    await tx
      .update(elections)
      .set({ resultApprovedBy: actorLabel(actor), resultApprovedAt: ctx.now() })
      .where(eq(elections.id, id));
    await audit(tx, ctx, 'election.result_approved', row, { elected: row.result?.elected ?? [] });
  });
  return presentElection(ctx, await loadElection(ctx.db, id));
}

/**
 * 另行选举 / 再次投票: a further round for the seats left — among the tied when a tie took the last
 * seat, otherwise among the candidates not elected. The list stays the approved one (its remainder),
 * so the round opens without a second approval.
 */
export async function nextRound(ctx: Ctx, id: number): Promise<Election> {
  const newId = await inTransaction(ctx.db, async (tx) => {
    const { row, candidates } = await loadElection(tx, id, true);
    authorize(actorOf(ctx), 'election.manage', row.orgPath);
    const r = row.result;
    if (row.state !== 'closed' || row.kind !== 'election' || !r?.meetingValid || r.remainingSeats <= 0)
      throw conflict('election_no_round', {
        zh: '该选举没有需要另行选举的名额',
        en: 'No seat is left to fill',
      });
    const [{ n }] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(elections)
      .where(eq(elections.previousId, id));
    if (n)
      throw conflict('election_round_exists', { zh: '已经发起过下一轮投票', en: 'The next round exists' });
    const names = r.tied.length
      ? r.tied
      : candidates.map((c) => c.name).filter((nm) => !r.elected.includes(nm));
    const list = candidates.filter((c) => names.includes(c.name));
    const [next] = await tx
      .insert(elections)
      .values({
        orgId: row.orgId,
        orgPath: row.orgPath,
        kind: row.kind,
        title: `${row.title.replace(/（第\d+轮）$/, '')}（第${row.round + 1}轮）`.slice(0, 100),
        seats: r.remainingSeats,
        round: row.round + 1,
        previousId: row.id,
        state: 'approved',
        approvedBy: row.approvedBy,
        approvedAt: row.approvedAt,
        createdBy: actorOf(ctx).userId,
      })
      .returning();
    await writeCandidates(
      tx,
      next.id,
      list.map((c) => ({
        name: c.name,
        memberId: c.memberId == null ? null : String(c.memberId),
        office: c.office as 'member',
      })),
    );
    await audit(tx, ctx, 'election.next_round', next, {
      previous: row.id,
      seats: next.seats,
      candidates: names,
    });
    return next.id;
  });
  return presentElection(ctx, await loadElection(ctx.db, newId));
}
