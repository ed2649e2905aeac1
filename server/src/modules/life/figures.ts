import { sql } from 'drizzle-orm';
import { scopePaths } from '../../platform/access/index.ts';
import { actorOf } from '../../platform/context.ts';
import type { FigureDef } from '../../platform/module.ts';
import { shanghaiMonth, shanghaiMonthRange } from '../../platform/time.ts';
import { inSubtrees } from '../../platform/tree/index.ts';

/** 本月组织生活: activities held or planned this month (Asia/Shanghai) in the actor's scope (activities_org_path_idx). */
export const lifeFigures: FigureDef[] = [
  {
    key: 'life.activities.month',
    label: { zh: '本月组织生活', en: 'Activities this month' },
    unit: { zh: '次', en: '' },
    action: 'activity.view',
    path: '/activities',
    value: async (ctx) => {
      const paths = scopePaths(actorOf(ctx), 'activity.view');
      if (!paths.length) return 0;
      const { from, to } = shanghaiMonthRange(shanghaiMonth(ctx.now()));
      const { rows } = await ctx.db.execute<{ n: number }>(sql`
        select count(*)::int as n from activities
         where status <> 'cancelled' and starts_at >= ${from} and starts_at < ${to}
           and ${inSubtrees(paths, sql`org_path`)}`);
      return rows[0].n;
    },
  },
];
