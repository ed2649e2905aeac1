import { sql } from 'drizzle-orm';
import type { Queryable } from '../../../db/client.ts';

/**
 * An attempt's score, once submitted, from its answers' grades: every answer's manual score when a
 * grader gave one, else its automatic score; `pending` counts the short answers no grader has
 * scored yet (an unanswered short answer scores 0 and waits for no one). Graded (and passed or not)
 * once nothing is pending. Call it in the transaction that changed a grade.
 */
export async function settleAttempt(db: Queryable, attemptId: number): Promise<void> {
  await db.execute(sql`
    with slots as (
      select (s.ordinality - 1)::int as slot, eq.type
        from exam_attempts a
        cross join lateral jsonb_array_elements(a.slots) with ordinality s(v, ordinality)
        join exam_questions eq on eq.exam_id = a.exam_id and eq.question_id = (s.v->>'q')::int8
       where a.id = ${attemptId}),
    graded as (
      select coalesce(sum(coalesce(x.manual_score, x.auto_score, 0)), 0) as score,
             count(*) filter (where sl.type = 'short' and x.manual_score is null
                                and coalesce(x.answer->>'text', '') <> '')::int as pending
        from slots sl left join exam_answers x on x.attempt_id = ${attemptId} and x.slot = sl.slot)
    update exam_attempts a
       set score = round(g.score::numeric, 2)::float8,
           pending = g.pending,
           status = case when g.pending = 0 then 'graded' else 'submitted' end,
           passed = case when g.pending = 0 then round(g.score::numeric, 2) >= e.pass_score end
      from graded g, exams e
     where a.id = ${attemptId} and e.id = a.exam_id and a.status <> 'open'`);
}
