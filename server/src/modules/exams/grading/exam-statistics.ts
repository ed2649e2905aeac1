import { sql } from 'drizzle-orm';
import type { ExamStatistics } from '../../../../../contracts/exams/sittings.ts';
import type { QuestionBody } from '../../../../../contracts/exams/questions.ts';
import type { Queryable } from '../../../db/client.ts';
import type { Ctx } from '../../../platform/context.ts';
import { examFor, type ExamRow } from '../sittings/store.ts';
import { histogramOf, meanOf, medianOf, passRateOf, questionFigures } from './statistics.ts';

// 试题分析 (issue 15 item 6): the database sums, statistics.ts turns the sums into figures.

/**
 * Each examinee's first graded attempt (Moodle reports the first attempt: later ones have seen the
 * paper). One statement reads exam_answers against those attempts and returns, per question, the
 * sums statistics.ts needs — a district's 5,000 attempts of 20 questions are one grouped scan.
 */
const FIRSTS = (examId: number) => sql`
  select distinct on (member_id) id, score, passed, slots
    from exam_attempts where exam_id = ${examId} and status = 'graded'
   order by member_id, attempt_no`;

type Sums = {
  question_id: number;
  n: number;
  sx: number;
  sxx: number;
  sy: number;
  syy: number;
  sxy: number;
};

async function questionSums(db: Queryable, examId: number): Promise<Map<number, Sums>> {
  const { rows } = await db.execute<Sums>(sql`
    with firsts as (${FIRSTS(examId)}),
    items as (
      select f.id as attempt_id, (s.v->>'q')::int8 as question_id,
             coalesce(ans.manual_score, ans.auto_score, 0)::float8 as x
        from firsts f
        cross join lateral jsonb_array_elements(f.slots) with ordinality s(v, ord)
        left join exam_answers ans on ans.attempt_id = f.id and ans.slot = s.ord - 1),
    pairs as (select question_id, x, sum(x) over (partition by attempt_id) - x as y from items)
    select question_id, count(*)::int as n, sum(x)::float8 as sx, sum(x * x)::float8 as sxx,
           sum(y)::float8 as sy, sum(y * y)::float8 as syy, sum(x * y)::float8 as sxy
      from pairs group by question_id`);
  return new Map(rows.map((r) => [Number(r.question_id), r]));
}

/** The exam's questions in the paper's order: a fixed paper's, else by rule and then by id. */
function paperOrder(e: ExamRow): Map<number, number> {
  const ids =
    e.draw.kind === 'fixed' ? e.draw.ids : e.draw.rules.flatMap((r) => [...r.ids].sort((a, b) => a - b));
  return new Map(ids.map((id, i) => [id, i]));
}

export async function statisticsOf(db: Queryable, e: ExamRow): Promise<ExamStatistics> {
  const sums = await questionSums(db, e.id);
  const { rows: firsts } = await db.execute<{ score: number; passed: boolean | null }>(
    sql`select score, passed from (${FIRSTS(e.id)}) f`,
  );
  const { rows: qs } = await db.execute<{
    question_id: number;
    type: QuestionBody['type'];
    body: QuestionBody;
    points: number;
  }>(sql`select question_id, type, body, points from exam_questions where exam_id = ${e.id}`);
  const order = paperOrder(e);
  const scores = firsts.map((f) => Number(f.score ?? 0));
  return {
    attempts: firsts.length,
    average: meanOf(scores),
    median: medianOf(scores),
    passRate: passRateOf(firsts.filter((f) => f.passed).length, firsts.length),
    histogram: histogramOf(scores, e.totalPoints),
    questions: qs
      .sort(
        (a, b) =>
          (order.get(Number(a.question_id)) ?? Number.MAX_SAFE_INTEGER) -
            (order.get(Number(b.question_id)) ?? Number.MAX_SAFE_INTEGER) ||
          Number(a.question_id) - Number(b.question_id),
      )
      .map((q) => {
        const s = sums.get(Number(q.question_id));
        const m = s
          ? {
              n: Number(s.n),
              sx: Number(s.sx),
              sxx: Number(s.sxx),
              sy: Number(s.sy),
              syy: Number(s.syy),
              sxy: Number(s.sxy),
            }
          : { n: 0, sx: 0, sxx: 0, sy: 0, syy: 0, sxy: 0 };
        return {
          questionId: String(q.question_id),
          name: q.body.name || q.body.stem.slice(0, 40),
          type: q.type,
          attempts: m.n,
          ...questionFigures(Number(q.points), m),
        };
      }),
  };
}

/** 试题分析: the exam's figures and each question's. */
export async function examStatistics(ctx: Ctx, id: number): Promise<ExamStatistics> {
  const e = await examFor(ctx, ctx.db, id, 'exam.view');
  return statisticsOf(ctx.db, e);
}
