import { type SQL, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.ts';
import type { IndicatorDef, IndicatorMonth, IndicatorRecord } from '../../platform/module.ts';
import { noticePeople } from '../members/index.ts';

/**
 * Each candidate of the exams that closed in the month (published, not cancelled), as the results
 * page (grading/results.ts) counts them: sat when they submitted an attempt (by themselves or by
 * the clock), passed when their best graded score reaches the pass mark. Given to the candidate's
 * org as the exam recorded it at publication (exam_candidates.org_id). The exams of a month are a
 * few hundred in a city: their candidates and attempts are read by the exam's key.
 */
function candidatesSql(m: IndicatorMonth, where: SQL): SQL {
  return sql`
    select e.id as exam_id, e.title, e.closes_at, e.pass_score, c.org_id, c.member_id,
           a.sat, a.score, a.pending, a.submitted_at
      from exams e
      join exam_candidates c on c.exam_id = e.id
      cross join lateral (
        select count(*) filter (where x.status <> 'open') > 0 as sat,
               max(x.score) filter (where x.status = 'graded') as score,
               count(*) filter (where x.status = 'submitted') as pending,
               max(x.submitted_at) as submitted_at
          from exam_attempts x
         where x.exam_id = e.id and x.member_id = c.member_id) a
     where e.status = 'published' and e.closes_at >= ${m.from} and e.closes_at < ${m.to} and ${where}`;
}

type Row = {
  exam_id: number;
  title: string;
  closes_at: Date;
  pass_score: number;
  member_id: number;
  sat: boolean;
  score: number | null;
  pending: number;
  submitted_at: Date | null;
};

const orgsWhere = (orgIds?: readonly number[]) =>
  orgIds ? sql`c.org_id = any(${sql.param([...orgIds])}::int8[])` : sql`true`;

const passedSql = sql`(score is not null and score >= pass_score)`;

async function candidateRows(
  db: Queryable,
  orgId: number,
  m: IndicatorMonth,
  limit: number,
  satOnly: boolean,
) {
  const { rows } = await db.execute<Row>(sql`
    select * from (${candidatesSql(m, sql`c.org_id = ${orgId}`)}) x
     ${satOnly ? sql`where x.sat` : sql``}
     order by x.closes_at desc, x.exam_id desc, x.submitted_at desc nulls last, x.member_id
     limit ${limit}`);
  const people = await noticePeople.describe(
    db,
    rows.map((r) => Number(r.member_id)),
  );
  const name = (r: Row) => people.get(Number(r.member_id))?.name ?? `党员 ${r.member_id}`;
  return rows.map((r) => ({ ...r, name: name(r) }));
}

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

/** 参考率: candidates of the exams closed in the month who sat them. */
const participation: IndicatorDef = {
  key: 'exams.participation',
  label: { zh: '在线考试参考率', en: 'Exam participation' },
  unit: { zh: '人', en: 'candidates' },
  measure: 'rate',
  basis: 'outcome',
  compute: async (db, m, orgIds) => {
    const { rows } = await db.execute<{ org_id: number; num: number; den: number }>(sql`
      select org_id, count(*) filter (where sat)::int as num, count(*)::int as den
        from (${candidatesSql(m, orgsWhere(orgIds))}) x
       group by org_id`);
    return rows.map((r) => ({ orgId: Number(r.org_id), num: r.num, den: r.den }));
  },
  // each candidate of the org: sat, or absent (缺考)
  records: async (db, orgId, m, limit) =>
    (await candidateRows(db, orgId, m, limit, false)).map(
      (r): IndicatorRecord => ({
        title: `${r.title}：${r.name}`,
        at: iso(r.submitted_at),
        counted: r.sat,
        note: r.sat ? '参考' : `缺考（考试已于 ${iso(r.closes_at)?.slice(0, 10)} 结束）`,
        href: `/exams/${r.exam_id}`,
      }),
    ),
};

/**
 * 及格率: of those who sat, those whose best graded score reaches the pass mark. A short answer
 * waits for a grader: until graded the candidate counts as sat, not passed (待阅卷), so the
 * figure of a month settles once its exams are graded.
 */
const passRate: IndicatorDef = {
  key: 'exams.pass_rate',
  label: { zh: '在线考试及格率', en: 'Exam pass rate' },
  unit: { zh: '人', en: 'candidates' },
  measure: 'rate',
  basis: 'outcome',
  compute: async (db, m, orgIds) => {
    const { rows } = await db.execute<{ org_id: number; num: number; den: number }>(sql`
      select org_id, count(*) filter (where ${passedSql})::int as num, count(*)::int as den
        from (${candidatesSql(m, orgsWhere(orgIds))}) x
       where sat
       group by org_id`);
    return rows.map((r) => ({ orgId: Number(r.org_id), num: r.num, den: r.den }));
  },
  // each candidate of the org who sat: passed, failed, or waiting for a grader
  records: async (db, orgId, m, limit) =>
    (await candidateRows(db, orgId, m, limit, true)).map((r): IndicatorRecord => {
      const score = r.score == null ? null : Number(r.score);
      const passed = score != null && score >= Number(r.pass_score);
      return {
        title: `${r.title}：${r.name}`,
        at: iso(r.submitted_at),
        counted: passed,
        note:
          score == null
            ? '待阅卷'
            : passed
              ? `及格（${score} 分，及格线 ${r.pass_score} 分）`
              : `不及格（${score} 分，及格线 ${r.pass_score} 分）${Number(r.pending) > 0 ? '，另有答卷待阅卷' : ''}`,
        href: `/exams/${r.exam_id}`,
      };
    }),
};

/** 考核指标 of 在线考试 (issue 18): who sat the month's exams, and who passed. */
export const examsIndicators: IndicatorDef[] = [participation, passRate];
