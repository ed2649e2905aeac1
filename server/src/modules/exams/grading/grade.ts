import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { GradeAnswer, GradingItem } from '../../../../../contracts/exams/sittings.ts';
import { inTransaction } from '../../../db/client.ts';
import { recordAudit } from '../../../platform/audit/service.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { conflict, fieldError, notFound } from '../../../platform/http/errors.ts';
import { examAnswers, examAttempts, examQuestions } from '../schema.ts';
import { settleAttempt } from '../sittings/settle.ts';
import { ATTEMPT, examFor } from '../sittings/store.ts';
import { presentItem, type QueueRaw, shortAnswersSql } from './queue.ts';

const SLOT = { zh: '试题', en: 'Question' };

/**
 * 评分: a grader's score (≤ the slot's points) and comment on a short answer of a submitted
 * attempt; the attempt's score, pending count and pass are settled again in the same transaction.
 * A grade may be changed (复评): the audit keeps what it was.
 */
export async function gradeAnswer(
  ctx: Ctx,
  examId: number,
  attemptId: number,
  slot: number,
  input: z.infer<typeof GradeAnswer>,
): Promise<z.infer<typeof GradingItem>> {
  const actor = actorOf(ctx);
  return inTransaction(ctx.db, async (tx) => {
    const e = await examFor(ctx, tx, examId, 'exam.grade');
    const [a] = await tx
      .select()
      .from(examAttempts)
      .where(and(eq(examAttempts.id, attemptId), eq(examAttempts.examId, e.id)))
      .for('update');
    if (!a) throw notFound(ATTEMPT);
    if (a.status === 'open')
      throw conflict('attempt_open', {
        zh: '该答卷尚未交卷，交卷后才能评分',
        en: 'the attempt is not submitted yet: grade it once it is',
      });
    const s = a.slots[slot];
    if (!s) throw notFound(SLOT);
    const [q] = await tx
      .select({ type: examQuestions.type })
      .from(examQuestions)
      .where(and(eq(examQuestions.examId, e.id), eq(examQuestions.questionId, s.q)));
    if (q?.type !== 'short')
      throw fieldError('slot', {
        zh: '只有简答题需要人工评分，其他题型交卷时已自动判分',
        en: 'only short answers are graded by a person; the others were scored on submission',
      });
    if (input.score > s.points)
      throw fieldError('score', {
        zh: `得分不能超过本题分值 ${s.points} 分`,
        en: `the score may not exceed the question’s ${s.points} points`,
      });
    const [before] = await tx
      .select()
      .from(examAnswers)
      .where(and(eq(examAnswers.attemptId, a.id), eq(examAnswers.slot, slot)));
    if (!before || !(before.answer.text ?? '').trim())
      throw fieldError('slot', {
        zh: '该题未作答，按 0 分计，无需评分',
        en: 'the question was not answered: it scores 0 and needs no grade',
      });
    const score = Math.round(input.score * 100) / 100;
    const comment = input.comment === undefined ? before.comment : input.comment || null;
    await tx
      .update(examAnswers)
      .set({ manualScore: score, graderId: actor.userId, gradedAt: ctx.now(), comment })
      .where(and(eq(examAnswers.attemptId, a.id), eq(examAnswers.slot, slot)));
    await settleAttempt(tx, a.id);
    await recordAudit(tx, ctx, {
      action: before.manualScore == null ? 'exam.answer_graded' : 'exam.answer_regraded',
      targetType: 'exam_attempt',
      targetId: a.id,
      orgId: e.orgId,
      orgPath: e.orgPath,
      before: { examId: e.id, slot, score: before.manualScore, comment: before.comment },
      after: { examId: e.id, slot, score, comment },
    });
    const { rows } = await tx.execute<QueueRaw>(
      shortAnswersSql(e.id, { pendingOnly: false, attemptId: a.id, slot }),
    );
    return presentItem(rows[0], null);
  });
}
