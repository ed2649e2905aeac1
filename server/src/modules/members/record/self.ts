import { and, eq, isNull } from 'drizzle-orm';
import type { Member } from '../../../../../contracts/members/index.ts';
import type { Queryable } from '../../../db/client.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { orgs } from '../../../platform/tree/index.ts';
import { members } from '../schema.ts';
import { presentMember } from '../record/present.ts';

const NOT_LINKED = new AppError(404, 'no_member_record', {
  zh: '您的账号尚未关联党员信息，请联系所在党支部',
  en: 'Your account is not linked to a member record; ask your branch',
});

export async function myRecord(db: Queryable, userId: number) {
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
  const { m, orgName, orgPath } = await myRecord(ctx.db, actorOf(ctx).userId);
  return presentMember(ctx, m, { name: orgName, path: orgPath });
}
