import { sql } from 'drizzle-orm';
import { scopePaths } from '../../platform/access/index.ts';
import { actorOf } from '../../platform/context.ts';
import type { FigureDef } from '../../platform/module.ts';
import { shanghaiToday } from '../../platform/time.ts';
import { inSubtrees } from '../../platform/tree/index.ts';

/**
 * 本年学时进度: the average progress towards this year's requirement of the members in the actor's
 * scope, in per cent, from the figures recounted every ten minutes (study_org_years, one index range).
 */
export const learningFigures: FigureDef[] = [
  {
    key: 'learning.study.progress',
    label: { zh: '本年学时平均进度', en: 'Study progress this year' },
    unit: { zh: '%', en: '%' },
    action: 'study.view',
    path: '/study',
    value: async (ctx) => {
      const paths = scopePaths(actorOf(ctx), 'study.view');
      if (!paths.length) return 0;
      const year = Number(shanghaiToday(ctx.now()).slice(0, 4));
      const { rows } = await ctx.db.execute<{ members: number; progress: number }>(sql`
        select coalesce(sum(members), 0)::int as members, coalesce(sum(progress_sum), 0)::float8 as progress
          from study_org_years where year = ${year}::int2 and ${inSubtrees(paths, sql`org_path`)}`);
      const { members, progress } = rows[0];
      return members ? Math.round((progress / members) * 100) : 0;
    },
  },
];
