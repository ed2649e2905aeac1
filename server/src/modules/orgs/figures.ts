import { sql } from 'drizzle-orm';
import type { ModuleManifest } from '../../platform/module.ts';
import { countInScope } from '../../platform/access/scope.ts';

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
        return countInScope(
          ctx,
          'org.view',
          (inScope) => sql`select count(*)::int as n from orgs where ${inScope(sql`path`)}`,
        );
      },
    },
  ],
};
