import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { QuestionBody } from '../../../../../contracts/exams/questions.ts';
import type { PracticeAnswer, PracticeFeedback } from '../../../../../contracts/exams/sittings.ts';
import type { Ctx } from '../../../platform/context.ts';
import { fieldError, notFound } from '../../../platform/http/errors.ts';
import { answerFlaw, keyOf, keyText, shareOf } from '../scoring.ts';
import { inBanks, practiserOf } from './categories.ts';

export const QUESTION = { zh: '题目', en: 'Question' };

/** A share this close to 1 is full marks (partial weights like 33.33333 × 3 add up in floating point). */
const FULL = 1 - 1e-9;

/**
 * 练习作答: the answer graded at once (scoring.ts shareOf: right is full marks; a multiple choice
 * with partial credit half right is wrong here), the key and the 解析 shown, and the member's record
 * of the question kept: answered +1, correct +1 when right; a wrong answer puts it in the book of
 * wrong answers, a right one takes it out. A question of the member's banks, or one they met
 * before (an exam's question from another org's bank, in their book); else 404. A short answer is
 * not graded in practice (a person grades those): its explanation comes back and nothing is kept.
 *
 * Not audited: a member's own practice, as study heartbeats are — no administrative act, nothing
 * of anyone else's; the record itself (practice_records) is the trace.
 */
export async function answerQuestion(
  ctx: Ctx,
  input: z.infer<typeof PracticeAnswer>,
): Promise<z.infer<typeof PracticeFeedback>> {
  const me = await practiserOf(ctx);
  if (!me) throw notFound(QUESTION);
  const id = Number(input.questionId);
  const { rows } = await ctx.db.execute<{ body: QuestionBody; in_book: boolean | null }>(sql`
    select q.body, r.in_book
      from questions q
      left join practice_records r on r.member_id = ${me.memberId} and r.question_id = q.id
     where q.id = ${id} and q.status = 'active' and (${inBanks(me.paths)} or r.question_id is not null)`);
  const found = rows[0];
  if (!found) throw notFound(QUESTION);
  const body = found.body;
  const flaw = answerFlaw(body, input.answer);
  if (flaw) throw fieldError(flaw.field, flaw.text);
  const explanation = body.explanation?.trim() || null;
  const share = shareOf(body, input.answer);
  if (share === null)
    return { correct: false, percent: null, key: null, keyText: null, explanation, inBook: !!found.in_book };
  const correct = share >= FULL;
  await ctx.db.execute(sql`
    insert into practice_records as r (member_id, question_id, answered, correct, in_book, last_answer, last_source, last_at)
    values (${me.memberId}, ${id}, 1, ${correct ? 1 : 0}, ${!correct}, ${JSON.stringify(input.answer)}::jsonb, 'practice', ${ctx.now()})
    on conflict (member_id, question_id) do update
       set answered = r.answered + 1, correct = r.correct + excluded.correct, in_book = excluded.in_book,
           last_answer = excluded.last_answer, last_source = 'practice', last_at = excluded.last_at`);
  return {
    correct,
    percent: Math.round(share * 100),
    key: keyOf(body),
    keyText: keyText(body),
    explanation,
    inBook: !correct,
  };
}
