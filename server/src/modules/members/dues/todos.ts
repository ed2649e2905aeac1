import { sql } from 'drizzle-orm';
import { scopePaths } from '../../../platform/access/index.ts';
import { actorOf } from '../../../platform/context.ts';
import type { TodoDef } from '../../../platform/module.ts';
import { inSubtrees } from '../../../platform/tree/index.ts';
import { lastCompletedMonth } from './arrears.ts';

/**
 * 欠缴党费: members in the actor's scope who owe dues as of the last completed month, read from the
 * kept summary (dues_arrears, dues_arrears_scope_idx). Until the month is computed (minutes after
 * midnight on the 1st, arrears-summary.ts) it counts none.
 */
export const arrearsTodo: TodoDef = {
  key: 'members.dues.arrears',
  label: { zh: '欠缴党费的党员', en: 'Members behind with dues' },
  audience: 'admin',
  action: 'dues.manage',
  path: '/dues?tab=arrears',
  menu: '/dues',
  count: async (ctx) => {
    const paths = scopePaths(actorOf(ctx), 'dues.manage');
    if (!paths.length) return 0;
    const { rows } = await ctx.db.execute<{ n: number }>(sql`
      select count(*)::int as n from dues_arrears
       where as_of = ${lastCompletedMonth(ctx.now())} and not no_standard and months_owed > 0
         and ${inSubtrees(paths, sql`org_path`)}`);
    return rows[0].n;
  },
};
