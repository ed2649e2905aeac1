import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { QuestionBody } from '../../../../../contracts/exams/questions.ts';
import type { PracticeNext, PracticeQuery } from '../../../../../contracts/exams/sittings.ts';
import type { Ctx } from '../../../platform/context.ts';
import { notFound } from '../../../platform/http/errors.ts';
import { viewOf } from '../scoring.ts';
import { inBanks, PRACTISABLE, practiserOf } from './categories.ts';

export const CATEGORY = { zh: '题目分类', en: 'Category' };

/**
 * 下一题: a question of the category (and the categories below it) the member may practise, or of
 * all their banks when no category is named; from their book of wrong answers when `book`.
 * Which one: a question never answered first (at random among them), then one in the book, then the
 * rest; among those answered before, the one practised longest ago — so a wrong answer is not
 * asked again at once, and going through the book takes each question in turn. A question seen in
 * an exam outside the member's banks (an exam may draw from another org's bank) is practised from
 * the book all the same. Choices in the bank's order: practice does not shuffle.
 */
export async function nextQuestion(
  ctx: Ctx,
  q: z.infer<typeof PracticeQuery>,
): Promise<z.infer<typeof PracticeNext>> {
  const me = await practiserOf(ctx);
  const categoryId = q.categoryId ? Number(q.categoryId) : null;
  const book = q.book === 'true';
  if (!me) {
    if (categoryId) throw notFound(CATEGORY);
    return { question: null };
  }
  if (categoryId) {
    const { rows } = await ctx.db.execute(sql`
      select 1 from question_categories where id = ${categoryId} and org_path = any(${sql.param(me.paths)}::text[])`);
    if (!rows.length) throw notFound(CATEGORY);
  }
  const { rows } = await ctx.db.execute<{ id: number; body: QuestionBody; category_name: string }>(sql`
    with recursive sub(id) as (
      select id from question_categories where id = ${categoryId ?? 0}
      union all
      select c.id from question_categories c join sub on c.parent_id = sub.id
    )
    select q.id, q.body, c.name as category_name
      from questions q
      join question_categories c on c.id = q.category_id
      left join practice_records r on r.member_id = ${me.memberId} and r.question_id = q.id
     where ${PRACTISABLE}
       and ${categoryId ? sql`q.category_id in (select id from sub)` : sql`true`}
       and ${book ? sql`r.in_book` : inBanks(me.paths)}
     order by case when r.question_id is null then 0 when r.in_book then 1 else 2 end,
              case when r.question_id is null then random() end,
              r.last_at, q.id
     limit 1`);
  const row = rows[0];
  if (!row) return { question: null };
  return {
    question: { questionId: String(row.id), categoryName: row.category_name, view: viewOf(row.body, 0, 1) },
  };
}
