import { sql } from 'drizzle-orm';
import type { TodoDef } from '../../../platform/module.ts';
import { countInScope } from '../../../platform/access/scope.ts';

/** 待审核的信息更正: members' requests to correct their record, pending, in the actor's scope (list-corrections.ts). */
export const correctionsTodo: TodoDef = {
  key: 'members.corrections.review',
  label: { zh: '待审核的信息更正', en: 'Record corrections to review' },
  audience: 'admin',
  action: 'member.manage',
  path: '/members/corrections',
  count: async (ctx) => {
    return countInScope(
      ctx,
      'member.manage',
      (inScope) => sql`
      select count(*)::int as n
        from corrections c join members m on m.id = c.member_id
       where c.status = 'pending' and m.left_at is null and ${inScope(sql`m.org_path`)}`,
    );
  },
};
