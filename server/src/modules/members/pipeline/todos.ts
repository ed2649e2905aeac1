import { and, eq, ne, sql } from 'drizzle-orm';
import type { TodoDef } from '../../../platform/module.ts';
import { shanghaiToday } from '../../../platform/time.ts';
import { memberFilter } from '../record/list-members.ts';
import { members } from '../schema.ts';
import { refreshStandings } from './pipeline-due.ts';

/**
 * 发展党员待办: people on the way in whose next step can be taken now or is overdue — the ready and
 * overdue of the pipeline page (pipeline-due.ts), counted on the stored standings (members_pipeline_path_idx).
 */
export const pipelineTodo: TodoDef = {
  key: 'members.pipeline.due',
  label: { zh: '可办理或逾期的发展党员事项', en: 'Pipeline steps ready or overdue' },
  audience: 'admin',
  action: 'member.manage',
  path: '/pipeline',
  count: async (ctx) => {
    const today = shanghaiToday(ctx.now());
    const where = and(
      await memberFilter(ctx, {}, 'member.manage'),
      eq(members.partyStanding, 'normal'),
      ne(members.status, 'full'),
    )!;
    // the same refresh the pipeline page makes: only standings a change cleared are derived again
    await refreshStandings(ctx.db, where);
    const [row] = await ctx.db
      .select({ n: sql<number>`count(*)::int` })
      .from(members)
      .where(
        and(
          where,
          sql`((${members.pipelineGaps} = 0 and ${members.pipelineEarliestOn} <= ${today}) or ${members.pipelineDueOn} < ${today})`,
        ),
      );
    return row.n;
  },
};
