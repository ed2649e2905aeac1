import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { PageQuery } from '../../../../../contracts/common.ts';
import type { QuestionBody } from '../../../../../contracts/exams/questions.ts';
import type { AnswerValue, WrongBook } from '../../../../../contracts/exams/sittings.ts';
import type { Ctx } from '../../../platform/context.ts';
import { notFound } from '../../../platform/http/errors.ts';
import { paginate } from '../../../platform/http/pagination.ts';
import { keyOf, keyText, viewOf } from '../scoring.ts';
import { practiserOf } from './categories.ts';

type BookRow = {
  question_id: number;
  body: QuestionBody;
  answered: number;
  correct: number;
  last_answer: AnswerValue | null;
  last_source: 'practice' | 'exam';
  last_at: Date | string;
  total: number;
};

/**
 * 错题本: the questions the member got wrong (in practice or in an exam) and has not since answered
 * right in practice, the latest first, each with their last answer, the key and the 解析. Only the
 * caller's own book: the member is the caller, no id names another's.
 */
export async function wrongBook(ctx: Ctx, page: PageQuery): Promise<z.infer<typeof WrongBook>> {
  const me = await practiserOf(ctx);
  if (!me) return { items: [], total: 0, page: page.page, pageSize: page.pageSize };
  const res = await paginate<BookRow>(page, {
    rows: async (limit, offset) =>
      (
        await ctx.db.execute<BookRow>(sql`
          select r.question_id, q.body, r.answered, r.correct, r.last_answer, r.last_source, r.last_at,
                 count(*) over ()::int as total
            from practice_records r
            join questions q on q.id = r.question_id
           where r.member_id = ${me.memberId} and r.in_book
           order by r.last_at desc, r.question_id desc
           limit ${limit} offset ${offset}`)
      ).rows,
    count: async () =>
      (
        await ctx.db.execute<{ n: number }>(sql`
          select count(*)::int as n from practice_records where member_id = ${me.memberId} and in_book`)
      ).rows,
    totalIn: (r) => Number(r.total),
  });
  return { ...res, items: res.items.map(present) };
}

function present(r: BookRow) {
  return {
    questionId: String(r.question_id),
    view: viewOf(r.body, 0, 1),
    // a question put in the book by an exam's right answer never happens: at least the one wrong
    wrongTimes: Math.max(1, Number(r.answered) - Number(r.correct)),
    lastAnswer: r.last_answer ?? null,
    lastSource: r.last_source,
    lastAt: new Date(r.last_at).toISOString(),
    key: keyOf(r.body),
    keyText: keyText(r.body),
    explanation: r.body.explanation?.trim() || null,
  };
}

/**
 * 移出错题本: the member takes a question out of their own book (the record of answers stays).
 * Not audited: the member's own book, no administrative act and nothing of anyone else's — as
 * answering it right in practice takes it out unaudited. 404 when it is not in their book.
 */
export async function removeFromBook(ctx: Ctx, questionId: number): Promise<{ ok: true }> {
  const me = await practiserOf(ctx);
  const { rows } = me
    ? await ctx.db.execute(sql`
        update practice_records set in_book = false
         where member_id = ${me.memberId} and question_id = ${questionId} and in_book
        returning question_id`)
    : { rows: [] };
  if (!rows.length) throw notFound({ zh: '错题本中的这道题', en: 'Question in your book' });
  return { ok: true };
}
