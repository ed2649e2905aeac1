import { sql } from 'drizzle-orm';
import type { AnswerValue } from '../../../../../contracts/exams/sittings.ts';
import type { Queryable } from '../../../db/client.ts';

/**
 * 考试错题入本: when an exam attempt is graded, its objective answers join the member's practice
 * record — a wrong one (or none given) goes into the book of wrong answers with that answer
 * (last_source 'exam'); a right one counts as answered and correct and changes nothing else (a
 * question already in the book stays there: only practising it takes it out). One statement for
 * the whole attempt. Short answers are not for the book: the caller leaves them out.
 */
export async function bookExamAnswers(
  db: Queryable,
  memberId: number,
  items: { questionId: number; answer: AnswerValue | null; right: boolean }[],
): Promise<void> {
  // one row per question (a statement may not change a row twice): the last word on each
  const byQuestion = new Map(items.map((i) => [i.questionId, i]));
  if (!byQuestion.size) return;
  const list = [...byQuestion.values()];
  await db.execute(sql`
    insert into practice_records as r (member_id, question_id, answered, correct, in_book, last_answer, last_source, last_at)
    select ${memberId}, x.q, 1, case when x.ok then 1 else 0 end, not x.ok,
           case when x.ok then null else x.a end, 'exam', now()
      from unnest(${sql.param(list.map((i) => i.questionId))}::int8[],
                  ${sql.param(list.map((i) => (i.answer ? JSON.stringify(i.answer) : null)))}::jsonb[],
                  ${sql.param(list.map((i) => i.right))}::bool[]) as x(q, a, ok)
    on conflict (member_id, question_id) do update
       set answered = r.answered + 1,
           correct = r.correct + excluded.correct,
           in_book = r.in_book or excluded.in_book,
           last_answer = case when excluded.in_book then excluded.last_answer else r.last_answer end,
           last_source = case when excluded.in_book then 'exam' else r.last_source end,
           last_at = case when excluded.in_book then excluded.last_at else r.last_at end`);
}
