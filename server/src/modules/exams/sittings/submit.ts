import { and, eq, sql } from 'drizzle-orm';
import type { AnswerValue } from '../../../../../contracts/exams/sittings.ts';
import { type Db, inTransaction } from '../../../db/client.ts';
import { examAnswers, examAttempts } from '../schema.ts';
import { bookExamAnswers } from '../practice/book.ts';
import { scoreOf } from '../scoring.ts';
import { settleAttempt } from './settle.ts';
import { type AttemptRow, GRACE_MS, keepAttempt, sittingOf } from './store.ts';

/**
 * 交卷: the attempt is locked (status no longer open: every later answer is refused, and an answer
 * being written waits for this, or this for it — save-answer.ts takes the attempt's row FOR SHARE),
 * its objective answers graded at once (scoring.ts), the score settled (settle.ts), and the wrong
 * ones put into the member's book of wrong answers (practice/book.ts). Null when it was already
 * submitted.
 */
export async function submitAttempt(
  db: Db,
  id: number,
  by: 'member' | 'clock',
  now: Date,
): Promise<AttemptRow | null> {
  const a = await inTransaction(db, async (tx) => {
    const [row] = await tx
      .update(examAttempts)
      .set({ status: 'submitted', submittedAt: now, submittedBy: by })
      .where(and(eq(examAttempts.id, id), eq(examAttempts.status, 'open')))
      .returning();
    if (!row) return null;
    const s = await sittingOf(tx, row.examId);
    const given = await tx
      .select({ slot: examAnswers.slot, answer: examAnswers.answer })
      .from(examAnswers)
      .where(eq(examAnswers.attemptId, id));
    const graded: { slot: number; score: number }[] = [];
    const answerAt = new Map(given.map((g) => [g.slot, g.answer as AnswerValue]));
    const book: { questionId: number; answer: AnswerValue | null; right: boolean }[] = [];
    for (const [i, slot] of row.slots.entries()) {
      const q = s.questions.get(slot.q);
      if (!q || q.type === 'short') continue;
      const answer = answerAt.get(i) ?? null;
      const score = scoreOf(q.body, answer, slot.points) ?? 0;
      if (answer) graded.push({ slot: i, score });
      book.push({ questionId: slot.q, answer, right: score >= slot.points && slot.points > 0 });
    }
    if (graded.length)
      await tx.execute(sql`
        update exam_answers x set auto_score = g.score
          from unnest(${sql.param(graded.map((g) => g.slot))}::int[], ${sql.param(graded.map((g) => g.score))}::float8[]) as g(slot, score)
         where x.attempt_id = ${id} and x.slot = g.slot`);
    await settleAttempt(tx, id);
    // wrong (and unanswered) objective questions go into the member's book of wrong answers
    await bookExamAnswers(tx, row.memberId, book);
    const [after] = await tx.select().from(examAttempts).where(eq(examAttempts.id, id));
    return after;
  });
  const t = timers.get(id);
  if (t) clearTimeout(t);
  timers.delete(id);
  if (a) keepAttempt(a);
  return a;
}

/** The timers of this process submitting its attempts when their time (and grace) is up. */
const timers = new Map<number, NodeJS.Timeout>();

/**
 * The server submits an attempt itself at its due time plus the grace: a timer in the process that
 * started or last served it (and auto-submit.ts's job each minute, for attempts whose process
 * stopped). Harmless twice: a submitted attempt is not submitted again.
 */
export function scheduleSubmit(db: Db, id: number, dueAt: Date, now: Date) {
  if (timers.has(id)) return;
  // `now` is the request's clock (an end-to-end test may set it): the timer keeps to it
  const offset = now.getTime() - Date.now();
  const wait = Math.max(0, dueAt.getTime() + GRACE_MS + 500 - now.getTime());
  const t = setTimeout(
    () => {
      timers.delete(id);
      submitAttempt(db, id, 'clock', new Date(Date.now() + offset)).catch(() => {
        // the database went away (the process stopping): the job submits it after the next start
      });
    },
    Math.min(wait, 2_147_000_000),
  );
  t.unref();
  timers.set(id, t);
}
