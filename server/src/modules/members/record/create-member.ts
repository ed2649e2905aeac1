import type { CreateMember, Member } from '../../../../../contracts/members/index.ts';
import { inTransaction, nextIds } from '../../../db/client.ts';
import { recordAudit } from '../../../platform/audit/service.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { maskIdNumber } from '../../../platform/pii/index.ts';
import { members } from '../schema.ts';
import { ADMITTED, checkMember, paidUntilProblem } from './rules.ts';
import { duesFromMonth, MAX_MONTHS_AHEAD } from '../dues/rules.ts';
import { duesForWrite, keepStandardHistory } from '../dues/standards.ts';
import { presentMember } from './present.ts';
import {
  branchFor,
  changesBetween,
  duplicateIdError,
  invalid,
  memberColumns,
  recordHistory,
} from './store.ts';
import { shanghaiMonth, shanghaiToday } from '../../../platform/time.ts';

export async function createMember(ctx: Ctx, body: CreateMember): Promise<Member> {
  const actor = actorOf(ctx);
  const { duesPaidUntil, ...input } = body;
  const today = shanghaiToday(ctx.now());
  const problems = checkMember(input, today);
  const paidUntil = duesPaidUntil ? paidUntilProblem(duesPaidUntil, input, today, MAX_MONTHS_AHEAD) : null;
  if (paidUntil) problems.push({ path: 'duesPaidUntil', text: paidUntil });
  if (problems.length) throw invalid(problems);
  return inTransaction(ctx.db, async (tx) => {
    const org = await branchFor(tx, actor, Number(input.orgId));
    const dup = await duplicateIdError(tx, ctx, input.idNumber);
    if (dup) throw dup;
    const now = ctx.now();
    const [id] = await nextIds(tx, 'members', 1);
    // dues are counted from the later of the join month and today's, or after "dues paid until"
    // (dues/rules.ts duesFromMonth): a member created this minute owes nothing yet
    const duesFrom = ADMITTED.includes(input.status)
      ? duesFromMonth({
          joinedOn: input.joinedOn,
          arrivedMonth: shanghaiMonth(now),
          paidUntil: duesPaidUntil,
        })
      : null;
    const [row] = await tx
      .insert(members)
      .values({
        id,
        ...memberColumns(ctx.pii, input, id, await duesForWrite(tx, ctx, null, input, 'create')),
        duesFromMonth: duesFrom,
        orgId: org.id,
        recordUpdatedAt: now,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await recordHistory(tx, ctx, row.id, 'create', changesBetween(null, input));
    await keepStandardHistory(tx, ctx, null, row);
    await recordAudit(tx, ctx, {
      action: 'member.created',
      targetType: 'member',
      targetId: row.id,
      orgId: org.id,
      orgPath: org.path,
      after: {
        name: row.name,
        status: row.status,
        idNumber: maskIdNumber(input.idNumber),
        ...(duesFrom ? { duesFromMonth: duesFrom } : {}),
      },
    });
    return presentMember(ctx, row, org);
  });
}
