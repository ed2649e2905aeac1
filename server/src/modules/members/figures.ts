import { sql } from 'drizzle-orm';
import { scopePaths } from '../../platform/access/index.ts';
import { actorOf } from '../../platform/context.ts';
import type { FigureDef } from '../../platform/module.ts';
import { inSubtrees } from '../../platform/tree/index.ts';

/** 党员: full and probationary members on file, in good or suspended standing, in the actor's scope. */
export const memberFigures: FigureDef[] = [
  {
    key: 'members.count',
    label: { zh: '党员', en: 'Members' },
    unit: { zh: '名', en: '' },
    action: 'member.view',
    path: '/members',
    value: async (ctx) => {
      const paths = scopePaths(actorOf(ctx), 'member.view');
      if (!paths.length) return 0;
      const { rows } = await ctx.db.execute<{ n: number }>(sql`
        select count(*)::int as n from members
         where left_at is null and status in ('full', 'probationary') and ${inSubtrees(paths, sql`org_path`)}`);
      return rows[0].n;
    },
  },
];
