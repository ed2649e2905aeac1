import { sql } from 'drizzle-orm';
import type { FigureDef } from '../../platform/module.ts';
import { countInScope } from '../../platform/access/scope.ts';

/** 党员: full and probationary members on file, in good or suspended standing, in the actor's scope. */
export const memberFigures: FigureDef[] = [
  {
    key: 'members.count',
    label: { zh: '党员', en: 'Members' },
    unit: { zh: '名', en: '' },
    action: 'member.view',
    path: '/members',
    value: async (ctx) => {
      return countInScope(
        ctx,
        'member.view',
        (inScope) => sql`
        select count(*)::int as n from members
         where left_at is null and status in ('full', 'probationary') and ${inScope(sql`org_path`)}`,
      );
    },
  },
];
