import { sql } from 'drizzle-orm';
import { scopePaths } from '../../../platform/access/index.ts';
import { actorOf } from '../../../platform/context.ts';
import type { TodoDef } from '../../../platform/module.ts';
import { inSubtrees } from '../../../platform/tree/index.ts';

/** 待审核的信息更正: members' requests to correct their record, pending, in the actor's scope (list-corrections.ts). */
export const correctionsTodo: TodoDef = {
  key: 'members.corrections.review',
  label: { zh: '待审核的信息更正', en: 'Record corrections to review' },
  audience: 'admin',
  action: 'member.manage',
  path: '/members/corrections',
  count: async (ctx) => {
    const paths = scopePaths(actorOf(ctx), 'member.manage');
    if (!paths.length) return 0;
    const { rows } = await ctx.db.execute<{ n: number }>(sql`
      select count(*)::int as n
        from corrections c join members m on m.id = c.member_id
       where c.status = 'pending' and m.left_at is null and ${inSubtrees(paths, sql`m.org_path`)}`);
    return rows[0].n;
  },
};
