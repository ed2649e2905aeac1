import { and, count, eq, sql } from 'drizzle-orm';
import type { Attempt, AttemptResult } from '../../../../../contracts/exams/sittings.ts';
import { inTransaction, type Queryable } from '../../../db/client.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { AppError, conflict, forbidden } from '../../../platform/http/errors.ts';
import { drawSlots, newSeed } from '../papers/draw.ts';
import { examAnswers, examAttempts, examCandidates, type ExamDraw } from '../schema.ts';
import { keyOf, keyText, viewOf } from '../scoring.ts';
import { scheduleSubmit, submitAttempt } from './submit.ts';
import { phaseOf } from './present.ts';
import {
  type AttemptRow,
  GRACE_MS,
  keepAttempt,
  ownAttempt,
  personOf,
  type Sitting,
  sittingOf,
} from './store.ts';

const notMember = () =>
  forbidden({
    zh: '您的账号没有关联党员档案，不能参加考试；请联系党支部书记',
    en: 'Your account is not linked to a member record; ask the branch secretary',
  });

/** The draw of an attempt from its seed over the exam's published questions (papers/draw.ts). */
export function drawFor(s: Sitting, seed: number) {
  const lite = (id: number) => {
    const q = s.questions.get(id)!;
    return { id, type: q.type, choiceCount: q.body.choices?.length ?? 0, points: q.points };
  };
  const d: ExamDraw = s.draw;
  return drawSlots(
    seed,
    d.kind === 'fixed'
      ? { kind: 'fixed', shuffleOptions: d.shuffleOptions, questions: d.ids.map(lite) }
      : {
          kind: 'random',
          shuffleOptions: d.shuffleOptions,
          rules: d.rules.map((r) => ({ count: r.count, candidates: r.ids.map(lite) })),
        },
  );
}

function viewsOf(s: Sitting, a: AttemptRow) {
  return a.slots.map((slot, i) => viewOf(s.questions.get(slot.q)!.body, i, slot.points, slot.order));
}

export async function answersOf(db: Queryable, attemptId: number) {
  return db
    .select({
      slot: examAnswers.slot,
      answer: examAnswers.answer,
      autoScore: examAnswers.autoScore,
      manualScore: examAnswers.manualScore,
    })
    .from(examAnswers)
    .where(eq(examAnswers.attemptId, attemptId));
}

async function present(ctx: Ctx, db: Queryable, s: Sitting, a: AttemptRow): Promise<Attempt> {
  const saved = await answersOf(db, a.id);
  return {
    id: String(a.id),
    examId: String(a.examId),
    examTitle: s.exam.title,
    attemptNo: a.attemptNo,
    status: a.status,
    startedAt: a.startedAt.toISOString(),
    dueAt: a.dueAt.toISOString(),
    serverNow: ctx.now().toISOString(),
    slots: viewsOf(s, a),
    answers: Object.fromEntries(saved.map((r) => [String(r.slot), r.answer])),
    submittedAt: a.submittedAt?.toISOString() ?? null,
  };
}

const closed = (zh: string, en: string) => conflict('exam_not_open', { zh, en });

/**
 * 开始答题 (or resume): the attempt in progress when there is one (a reload, another device);
 * otherwise a new one, if the exam is open, the member may sit it and has attempts left. The paper
 * is drawn from a new seed (kept, so it can be drawn again) and the clock set: the duration, but
 * never past the exam's close.
 */
export async function startAttempt(ctx: Ctx, examId: number): Promise<Attempt> {
  const me = await personOf(ctx.db, actorOf(ctx).userId);
  if (!me) throw notMember();
  const s = await sittingOf(ctx.db, examId);
  const [candidate] = await ctx.db
    .select({ m: examCandidates.memberId })
    .from(examCandidates)
    .where(and(eq(examCandidates.examId, examId), eq(examCandidates.memberId, me.memberId)));
  if (!candidate)
    throw forbidden({
      zh: '您不在本次考试的参考人员之内',
      en: 'You are not among those who may sit this exam',
    });
  const [open] = await ctx.db
    .select()
    .from(examAttempts)
    .where(
      and(
        eq(examAttempts.examId, examId),
        eq(examAttempts.memberId, me.memberId),
        eq(examAttempts.status, 'open'),
      ),
    );
  const now = ctx.now();
  if (open) {
    if (now.getTime() > open.dueAt.getTime() + GRACE_MS) {
      await submitAttempt(ctx.db, open.id, 'clock', now);
      return present(ctx, ctx.db, s, (await ownAttempt(ctx, ctx.db, open.id, true)) as AttemptRow);
    }
    keepAttempt(open);
    scheduleSubmit(ctx.db, open.id, open.dueAt, now);
    return present(ctx, ctx.db, s, open);
  }
  const phase = phaseOf(s.exam, now);
  if (s.exam.status !== 'published') throw closed('考试已取消', 'the exam was cancelled');
  if (phase === 'upcoming') throw closed('考试尚未开始', 'the exam has not opened yet');
  if (phase === 'closed') throw closed('考试已结束', 'the exam has closed');
  const a = await inTransaction(ctx.db, async (tx) => {
    // one start at a time per member and exam: the count and the insert agree
    await tx.execute(sql`select pg_advisory_xact_lock(${examId}::int4, ${me.memberId}::int4)`);
    const [again] = await tx
      .select()
      .from(examAttempts)
      .where(
        and(
          eq(examAttempts.examId, examId),
          eq(examAttempts.memberId, me.memberId),
          eq(examAttempts.status, 'open'),
        ),
      );
    if (again) return again;
    const [{ used }] = await tx
      .select({ used: count() })
      .from(examAttempts)
      .where(and(eq(examAttempts.examId, examId), eq(examAttempts.memberId, me.memberId)));
    if (used >= s.exam.attemptsAllowed)
      throw conflict('no_attempts_left', {
        zh: `本次考试最多可考 ${s.exam.attemptsAllowed} 次，您已用完`,
        en: `you have used all ${s.exam.attemptsAllowed} attempts`,
      });
    const seed = newSeed();
    const due = Math.min(now.getTime() + s.exam.durationMinutes * 60_000, s.exam.closesAt.getTime());
    const [row] = await tx
      .insert(examAttempts)
      .values({
        examId,
        memberId: me.memberId,
        orgId: me.orgId,
        orgPath: me.orgPath,
        attemptNo: used + 1,
        seed,
        slots: drawFor(s, seed),
        startedAt: now,
        dueAt: new Date(due),
      })
      .returning();
    return row;
  });
  keepAttempt(a);
  scheduleSubmit(ctx.db, a.id, a.dueAt, ctx.now());
  return present(ctx, ctx.db, s, a);
}

/** 答卷: the paper, the answers saved, the clock. An overdue attempt is submitted first. */
export async function readAttempt(ctx: Ctx, id: number): Promise<Attempt> {
  let a = await ownAttempt(ctx, ctx.db, id, true);
  const s = await sittingOf(ctx.db, a.examId);
  const now = ctx.now();
  if (a.status === 'open' && now.getTime() > a.dueAt.getTime() + GRACE_MS) {
    await submitAttempt(ctx.db, a.id, 'clock', now);
    a = await ownAttempt(ctx, ctx.db, id, true);
  } else if (a.status === 'open') scheduleSubmit(ctx.db, a.id, a.dueAt, ctx.now());
  return present(ctx, ctx.db, s, a);
}

/**
 * 成绩 of a submitted attempt: the score, and per question the answer and its score; the key and
 * the explanation once the exam has closed (until then others may still be sitting it).
 */
export async function attemptResult(ctx: Ctx, id: number): Promise<AttemptResult> {
  const a = await ownAttempt(ctx, ctx.db, id, true);
  return resultOf(ctx, ctx.db, a);
}

export async function resultOf(ctx: Ctx, db: Queryable, a: AttemptRow): Promise<AttemptResult> {
  if (a.status === 'open')
    throw new AppError(409, 'attempt_open', { zh: '答卷尚未交卷', en: 'the attempt is not submitted yet' });
  const s = await sittingOf(db, a.examId);
  const saved = new Map((await answersOf(db, a.id)).map((r) => [r.slot, r]));
  const reviewOpen = phaseOf(s.exam, ctx.now()) === 'closed';
  return {
    id: String(a.id),
    examId: String(a.examId),
    examTitle: s.exam.title,
    status: a.status,
    submittedBy: a.submittedBy ?? 'member',
    submittedAt: (a.submittedAt ?? a.dueAt).toISOString(),
    // a short answer still waiting for a grader: no score yet (the objective part alone would mislead)
    score: a.pending > 0 ? null : a.score,
    totalPoints: s.exam.totalPoints,
    passScore: s.exam.passScore,
    passed: a.passed,
    pending: a.pending,
    reviewOpen,
    slots: a.slots.map((slot, i) => {
      const body = s.questions.get(slot.q)!.body;
      const r = saved.get(i);
      return {
        ...viewOf(body, i, slot.points, slot.order),
        answer: r?.answer ?? null,
        score: r ? (r.manualScore ?? r.autoScore ?? null) : 0,
        key: reviewOpen ? keyOf(body) : null,
        keyText: reviewOpen ? keyText(body, slot.order) : null,
        explanation: reviewOpen ? (body.explanation ?? null) : null,
      };
    }),
  };
}
