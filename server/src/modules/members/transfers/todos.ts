import { sql } from 'drizzle-orm';
import type { TodoDef } from '../../../platform/module.ts';
import { countInScope } from '../../../platform/access/scope.ts';

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
    return countInScope(
      ctx,
      'member.manage',
      (inScope) => sql`
      select count(*)::int as n
        from transfers t join orgs o on o.id = t.to_org_id
       where t.status = 'pending' and t.kind = 'internal' and ${inScope(sql`o.path`)}`,
    );
  },
};
