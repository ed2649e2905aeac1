import { sql } from 'drizzle-orm';
import type { TodoDef } from '../../../platform/module.ts';
import { lastCompletedMonth } from './arrears.ts';
import { countInScope } from '../../../platform/access/scope.ts';

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
    return countInScope(
      ctx,
      'dues.manage',
      (inScope) => sql`
      select count(*)::int as n from dues_arrears
       where as_of = ${lastCompletedMonth(ctx.now())} and not no_standard and months_owed > 0
         and ${inScope(sql`org_path`)}`,
    );
  },
};
