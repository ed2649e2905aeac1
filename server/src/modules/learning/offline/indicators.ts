import { sql } from 'drizzle-orm';
import type { IndicatorDef, IndicatorRecord } from '../../../platform/module.ts';

/**
 * 线下学习审批通过次数: the org's offline sessions the superior approved in the month, counted by
 * the approval's time (decided_at), not by the day studied. A session of the 28th approved on the
 * 3rd counts in the month it was approved: a month already closed never gains a session later, and
 * approval is final (rules.ts refusedInState), so the figure of a closed month stands. Given to the
 * org that recorded the session (the branch), not to the approver.
 */
export const offlineApproved: IndicatorDef = {
  key: 'learning.offline_approved',
  label: { zh: '线下学习审批通过次数', en: 'Offline study sessions approved' },
  unit: { zh: '次', en: 'sessions' },
  measure: 'count',
  basis: 'outcome',
  compute: async (db, m, orgIds) => {
    // all orgs: one pass over the approved sessions; some orgs: their own by path (offline_studies_org_path_idx)
    const { rows } = await db.execute<{ org_id: number; num: number }>(sql`
      select s.org_id, count(*)::int as num
        from offline_studies s
        ${orgIds ? sql`join orgs o on o.id = any(${sql.param([...orgIds])}::int8[]) and s.org_path = o.path and s.org_id = o.id` : sql``}
       where s.state = 'approved' and s.decided_at >= ${m.from} and s.decided_at < ${m.to}
       group by s.org_id`);
    return rows.map((r) => ({ orgId: Number(r.org_id), num: r.num }));
  },
  // the month's decisions on the org's sessions: approved ones count; returned ones show what fell short
  records: async (db, orgId, m, limit) => {
    const { rows } = await db.execute<{
      id: number;
      topic: string;
      studied_on: string;
      minutes: number;
      action: 'approved' | 'returned';
      reason: string | null;
      at: Date;
    }>(sql`
      select s.id, s.topic, s.studied_on::text as studied_on, s.minutes, e.action, e.reason, e.at
        from orgs o
        join offline_studies s on s.org_path = o.path and s.org_id = o.id
        join offline_study_events e on e.study_id = s.id and e.action in ('approved', 'returned')
         and e.at >= ${m.from} and e.at < ${m.to}
       where o.id = ${orgId}
       order by e.at desc, e.id desc limit ${limit}`);
    return rows.map(
      (r): IndicatorRecord => ({
        title: `线下学习：${r.topic}`,
        at: new Date(r.at).toISOString(),
        counted: r.action === 'approved',
        note:
          r.action === 'approved'
            ? `上级审批通过（学习日期 ${r.studied_on}，${r.minutes} 分钟）`
            : `被上级退回：${r.reason ?? ''}`,
        href: `/offline-studies?box=all&orgId=${orgId}&id=${r.id}`,
      }),
    );
  },
};
