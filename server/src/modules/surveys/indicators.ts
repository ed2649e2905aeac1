import { type SQL, sql } from 'drizzle-orm';
import type { IndicatorDef, IndicatorMonth, IndicatorRecord } from '../../platform/module.ts';

/**
 * The surveys asked of members that ended in the month: the month of their closing time (截止时间)
 * when they have one — closed early by hand or not — or, without one, the month they were closed
 * by hand. A survey records no time of closing: that is the 'survey.closed' entry of the audit log
 * (append-only, audit_action_idx), written by closeSurvey. A closed survey takes no answers and
 * cannot be edited, so its figure stands. A public survey asks nobody in particular: not counted.
 */
function endedSql(m: IndicatorMonth): SQL {
  return sql`
    select s.id, s.title, s.closes_at as ended_at from surveys s
     where s.status <> 'draft' and s.audience_kind <> 'public'
       and s.closes_at >= ${m.from} and s.closes_at < ${m.to}
    union all
    select s.id, s.title, min(a.at) as ended_at
      from audit_log a join surveys s on a.target_id = s.id::text
     where a.action = 'survey.closed' and a.target_type = 'survey' and a.at >= ${m.from} and a.at < ${m.to}
       and s.closes_at is null and s.status = 'closed' and s.audience_kind <> 'public'
     group by s.id, s.title`;
}

/**
 * 问卷参与率: of the members a survey ended in the month asked (its invitees, resolved at
 * publication), those who answered — the participation list, which keeps who answered and never
 * what (an anonymous survey's answers stay unlinked). Given to each invitee's org as recorded at
 * publication (survey_invitees.org_id). The drill-down lists the surveys, never the people: the
 * results page shows participation by org, not a list of who did not answer.
 */
export const surveysAnswered: IndicatorDef = {
  key: 'surveys.answered',
  label: { zh: '问卷调查参与率', en: 'Survey participation' },
  unit: { zh: '人', en: 'members' },
  measure: 'rate',
  basis: 'outcome',
  compute: async (db, m, orgIds) => {
    const { rows } = await db.execute<{ org_id: number; num: number; den: number }>(sql`
      select i.org_id, count(p.member_id)::int as num, count(*)::int as den
        from (${endedSql(m)}) s
        join survey_invitees i on i.survey_id = s.id
        left join survey_participations p on p.survey_id = i.survey_id and p.member_id = i.member_id
       ${orgIds ? sql`where i.org_id = any(${sql.param([...orgIds])}::int8[])` : sql``}
       group by i.org_id`);
    return rows.map((r) => ({ orgId: Number(r.org_id), num: r.num, den: r.den }));
  },
  // each survey of the month that asked the org's members: all answered, or how many did not
  records: async (db, orgId, m, limit) => {
    const { rows } = await db.execute<{
      id: number;
      title: string;
      ended_at: Date;
      invited: number;
      answered: number;
    }>(sql`
      select s.id, s.title, s.ended_at, count(*)::int as invited, count(p.member_id)::int as answered
        from (${endedSql(m)}) s
        join survey_invitees i on i.survey_id = s.id and i.org_id = ${orgId}
        left join survey_participations p on p.survey_id = i.survey_id and p.member_id = i.member_id
       group by s.id, s.title, s.ended_at
       order by s.ended_at desc, s.id desc limit ${limit}`);
    return rows.map(
      (r): IndicatorRecord => ({
        title: `问卷：${r.title}`,
        at: new Date(r.ended_at).toISOString(),
        counted: r.answered >= r.invited,
        note:
          r.answered >= r.invited
            ? `${r.invited} 人全部作答`
            : `${r.invited} 人中 ${r.answered} 人作答，${r.invited - r.answered} 人未作答`,
        href: `/surveys/${r.id}/results`,
      }),
    );
  },
};

/** 考核指标 of 问卷调查 (issue 18). */
export const surveysIndicators: IndicatorDef[] = [surveysAnswered];
