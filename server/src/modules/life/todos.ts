import { sql } from 'drizzle-orm';
import { scopePaths } from '../../platform/access/index.ts';
import { actorOf } from '../../platform/context.ts';
import type { ModuleManifest, TodoDef } from '../../platform/module.ts';
import { lifeFigures } from './figures.ts';
import { addDays, shanghaiToday } from '../../platform/time.ts';
import { inSubtrees } from '../../platform/tree/index.ts';
import { memberOfUser } from '../members/index.ts';
import { countInScope } from '../../platform/access/scope.ts';

/** 待审阅的思想汇报: handed in, not yet reviewed, in the actor's scope, not their own (thought_reports_pending_idx). */
const reportsTodo: TodoDef = {
  key: 'life.thought-reports.review',
  label: { zh: '待审阅的思想汇报', en: 'Thought reports to review' },
  audience: 'admin',
  action: 'thought_report.review',
  path: '/thought-reports',
  count: async (ctx) => {
    const actor = actorOf(ctx);
    const paths = scopePaths(actor, 'thought_report.review');
    if (!paths.length) return 0;
    const { rows } = await ctx.db.execute<{ n: number }>(sql`
      select count(*)::int as n from thought_reports
       where reviewed_at is null and submitted_by is distinct from ${actor.userId}
         and ${inSubtrees(paths, sql`org_path`)}`);
    return rows[0].n;
  },
};

/** 待记录的组织生活: activities that have ended but are still planned — the minutes and attendance are not in. */
const recordTodo: TodoDef = {
  key: 'life.activities.record',
  label: { zh: '已结束待记录的组织生活', en: 'Activities ended, record to write' },
  audience: 'admin',
  action: 'activity.manage',
  path: '/activities',
  count: async (ctx) => {
    return countInScope(
      ctx,
      'activity.manage',
      (inScope) => sql`
      select count(*)::int as n from activities
       where status = 'planned' and ends_at < ${ctx.now()} and ${inScope(sql`org_path`)}`,
    );
  },
};

/** 今日待签到: today's activities the member is on the list of, not yet signed in, not on approved leave. */
const signInTodo: TodoDef = {
  key: 'life.activities.sign-in',
  label: { zh: '今天要参加的组织生活', en: 'Activities to sign in to today' },
  audience: 'member',
  action: 'activity.attend',
  path: '/m/activities',
  count: async (ctx) => {
    const me = await memberOfUser(ctx.db, actorOf(ctx).userId);
    if (!me) return 0;
    const now = ctx.now();
    const tomorrow = new Date(`${addDays(shanghaiToday(now), 1)}T00:00:00+08:00`);
    const { rows } = await ctx.db.execute<{ n: number }>(sql`
      select count(*)::int as n
        from activity_attendees t join activities a on a.id = t.activity_id
       where t.member_id = ${me.memberId} and t.signed_in_at is null and t.leave is distinct from 'approved'
         and a.status = 'planned' and a.ends_at > ${now} and a.starts_at < ${tomorrow}`);
    return rows[0].n;
  },
};

/** The life module's to-dos and key figures (platform/workbench). */
export const lifeWorkbench: Pick<ModuleManifest, 'todos' | 'figures'> = {
  todos: [reportsTodo, recordTodo, signInTodo],
  figures: lifeFigures,
};
