import { sql } from 'drizzle-orm';
import type { AnswerValue } from '../../../../../contracts/exams/sittings.ts';
import { inTransaction } from '../../../db/client.ts';
import { recordAudit } from '../../../platform/audit/service.ts';
import type { Ctx } from '../../../platform/context.ts';
import { scoreOf } from '../scoring.ts';
import { examFor, forgetSitting, sittingOf } from './store.ts';

const CHUNK = 20_000;

/**
 * 重新判分: after a key was corrected in the bank, the exam's objective questions take the bank's
 * current key (`fromBank`; the stems examinees saw stay as published otherwise), and every
 * submitted attempt's objective answers are graded again and its score settled — set-based: the
 * answers read in one pass, the scores written by unnest in chunks, all attempts settled in one
 * statement, one transaction (all or nothing). Short answers keep their graders' scores. Audited.
 */
export async function regradeExam(
  ctx: Ctx,
  id: number,
  fromBank: boolean,
): Promise<{ attempts: number; answers: number }> {
  return inTransaction(ctx.db, async (tx) => {
    const e = await examFor(ctx, tx, id, 'exam.manage', true);
    if (fromBank) {
      await tx.execute(sql`
        update exam_questions eq set body = jsonb_set(q.body, '{stem}', eq.body->'stem')
          from questions q
         where eq.exam_id = ${id} and q.id = eq.question_id and eq.type <> 'short' and q.type = eq.type`);
      forgetSitting(id);
    }
    const s = await sittingOf(tx, id);
    const { rows } = await tx.execute<{
      attempt_id: number;
      slot: number;
      answer: AnswerValue;
      q: number;
      points: number;
    }>(sql`
      select x.attempt_id, x.slot, x.answer, (a.slots->x.slot->>'q')::int8 as q, (a.slots->x.slot->>'points')::float8 as points
        from exam_attempts a join exam_answers x on x.attempt_id = a.id
       where a.exam_id = ${id} and a.status <> 'open'`);
    const ids: number[] = [];
    const slots: number[] = [];
    const scores: number[] = [];
    for (const r of rows) {
      const q = s.questions.get(Number(r.q));
      if (!q) continue;
      const score = scoreOf(q.body, r.answer, Number(r.points));
      if (score === null) continue;
      ids.push(Number(r.attempt_id));
      slots.push(r.slot);
      scores.push(score);
    }
    for (let i = 0; i < ids.length; i += CHUNK)
      await tx.execute(sql`
        update exam_answers x set auto_score = g.score
          from unnest(${sql.param(ids.slice(i, i + CHUNK))}::int8[], ${sql.param(slots.slice(i, i + CHUNK))}::int[],
                      ${sql.param(scores.slice(i, i + CHUNK))}::float8[]) as g(attempt_id, slot, score)
         where x.attempt_id = g.attempt_id and x.slot = g.slot`);
    // every attempt's score from its answers (settle.ts's rule, for all of the exam's at once)
    const { rows: settled } = await tx.execute<{ id: number }>(sql`
      with slots as (
        select a.id as attempt_id, (s.ordinality - 1)::int as slot, eq.type
          from exam_attempts a
          cross join lateral jsonb_array_elements(a.slots) with ordinality s(v, ordinality)
          join exam_questions eq on eq.exam_id = a.exam_id and eq.question_id = (s.v->>'q')::int8
         where a.exam_id = ${id} and a.status <> 'open'),
      graded as (
        select sl.attempt_id, coalesce(sum(coalesce(x.manual_score, x.auto_score, 0)), 0) as score,
               count(*) filter (where sl.type = 'short' and x.manual_score is null
                                  and coalesce(x.answer->>'text', '') <> '')::int as pending
          from slots sl left join exam_answers x on x.attempt_id = sl.attempt_id and x.slot = sl.slot
         group by sl.attempt_id)
      update exam_attempts a
         set score = round(g.score::numeric, 2)::float8, pending = g.pending,
             status = case when g.pending = 0 then 'graded' else 'submitted' end,
             passed = case when g.pending = 0 then round(g.score::numeric, 2) >= ${e.passScore} end
        from graded g where a.id = g.attempt_id
      returning a.id`);
    await recordAudit(tx, ctx, {
      action: 'exam.regraded',
      targetType: 'exam',
      targetId: id,
      orgId: e.orgId,
      orgPath: e.orgPath,
      after: { attempts: settled.length, answers: ids.length, fromBank },
    });
    return { attempts: settled.length, answers: ids.length };
  });
}
