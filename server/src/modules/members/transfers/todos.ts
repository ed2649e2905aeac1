import { sql } from 'drizzle-orm';
import { scopePaths } from '../../../platform/access/index.ts';
import { actorOf } from '../../../platform/context.ts';
import type { TodoDef } from '../../../platform/module.ts';
import { inSubtrees } from '../../../platform/tree/index.ts';

/**
 * 待接收的转接: internal letters addressed to an org in the actor's scope, still pending — the
 * receiving org accepts or returns them (policy.ts decidingSide). One range of transfers_to_idx per
 * receiving org.
 */
export const transfersTodo: TodoDef = {
  key: 'members.transfers.decide',
  label: { zh: '待接收的组织关系转接', en: 'Transfers to accept or return' },
  audience: 'admin',
  action: 'member.manage',
  path: '/transfers?tab=in',
  menu: '/transfers',
  count: async (ctx) => {
    const paths = scopePaths(actorOf(ctx), 'member.manage');
    if (!paths.length) return 0;
    const { rows } = await ctx.db.execute<{ n: number }>(sql`
      select count(*)::int as n
        from transfers t join orgs o on o.id = t.to_org_id
       where t.status = 'pending' and t.kind = 'internal' and ${inSubtrees(paths, sql`o.path`)}`);
    return rows[0].n;
  },
};
