import { sql } from 'drizzle-orm';
import { scopePaths } from '../../platform/access/index.ts';
import { actorOf } from '../../platform/context.ts';
import type { ModuleManifest } from '../../platform/module.ts';
import { inSubtrees } from '../../platform/tree/index.ts';

/** 党组织: the orgs in the actor's scope (the orgs' path index), for the workbench. */
export const orgsWorkbench: Pick<ModuleManifest, 'figures'> = {
  figures: [
    {
      key: 'orgs.count',
      label: { zh: '党组织', en: 'Party organizations' },
      unit: { zh: '个', en: '' },
      action: 'org.view',
      path: '/orgs',
      value: async (ctx) => {
        const paths = scopePaths(actorOf(ctx), 'org.view');
        if (!paths.length) return 0;
        const { rows } = await ctx.db.execute<{ n: number }>(
          sql`select count(*)::int as n from orgs where ${inSubtrees(paths, sql`path`)}`,
        );
        return rows[0].n;
      },
    },
  ],
};
