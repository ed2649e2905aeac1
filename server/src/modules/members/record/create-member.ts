import type { CreateMember, Member } from '../../../../../contracts/members/index.ts';
import { inTransaction, nextIds } from '../../../db/client.ts';
import { recordAudit } from '../../../platform/audit/service.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { maskIdNumber } from '../../../platform/pii/index.ts';
import { members } from '../schema.ts';
import { checkMember } from './rules.ts';
import { presentMember } from './present.ts';
import {
  branchFor,
  changesBetween,
  duplicateIdError,
  invalid,
  memberColumns,
  recordHistory,
} from './store.ts';
import { shanghaiToday } from '../../../platform/time.ts';

export async function createMember(ctx: Ctx, input: CreateMember): Promise<Member> {
  const actor = actorOf(ctx);
  const problems = checkMember(input, shanghaiToday(ctx.now()));
  if (problems.length) throw invalid(problems);
  return inTransaction(ctx.db, async (tx) => {
    const org = await branchFor(tx, actor, Number(input.orgId));
    const dup = await duplicateIdError(tx, ctx, input.idNumber);
    if (dup) throw dup;
    const now = ctx.now();
    const [id] = await nextIds(tx, 'members', 1);
    const [row] = await tx
      .insert(members)
      .values({
        id,
        ...memberColumns(ctx.pii, input, id),
        orgId: org.id,
        recordUpdatedAt: now,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await recordHistory(tx, ctx, row.id, 'create', changesBetween(null, input));
    await recordAudit(tx, ctx, {
      action: 'member.created',
      targetType: 'member',
      targetId: row.id,
      orgId: org.id,
      orgPath: org.path,
      after: { name: row.name, status: row.status, idNumber: maskIdNumber(input.idNumber) },
    });
    return presentMember(ctx, row, org);
  });
}
