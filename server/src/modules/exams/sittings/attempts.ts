import { and, count, eq } from 'drizzle-orm';
import type { Attempt, AttemptResult } from '../../../../../contracts/exams/sittings.ts';
import type { Queryable } from '../../../db/client.ts';
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

async function present(
  ctx: Ctx,
  db: Queryable,
  s: Sitting,
  a: AttemptRow,
  answered = true,
): Promise<Attempt> {
  const saved = answered ? await answersOf(db, a.id) : [];
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
export async function startAttempt(ctx: Ctx, examId: number, tries = 3): Promise<Attempt> {
  const me = await personOf(ctx.db, actorOf(ctx).userId);
  if (!me) throw notMember();
  const s = await sittingOf(ctx.db, examId);
  const now = ctx.now();
  // the usual case in one statement (a district starting at once): a candidate, none open, attempts
  // left, the exam open — a new attempt; two starts at once meet at the unique attempt number.
  // Its commit does not wait for the disk (synchronous_commit off for this statement alone): a
  // district opening an exam would otherwise be a flush per examinee. Safe: the first answer saved
  // is a durable commit, which flushes the log up to it, attempt included; an attempt lost with
  // the machine before any answer was saved is simply started again.
  if (phaseOf(s.exam, now) === 'open') {
    const seed = newSeed();
    const slots = drawFor(s, seed);
    const due = Math.min(now.getTime() + s.exam.durationMinutes * 60_000, s.exam.closesAt.getTime());
    const { rows } = await ctx.db.$client.query<
      Omit<AttemptRow, 'id' | 'seed'> & { id: string; seed: string }
    >({
      name: 'exam_start_attempt',
      text: `with used as (select count(*)::int as n, count(*) filter (where status = 'open')::int as open
                            from exam_attempts where exam_id = $1 and member_id = $2)
             insert into exam_attempts (exam_id, member_id, org_id, org_path, attempt_no, seed, slots, started_at, due_at)
             select $1, $2, $3, $4, used.n + 1, $5, $6::jsonb, $7, $8
               from used,
                    -- committed without waiting for the disk (see above)
                    (select set_config('synchronous_commit', 'off', true)) as async
              where used.open = 0 and used.n < $9
                and exists (select 1 from exam_candidates c where c.exam_id = $1 and c.member_id = $2)
             on conflict (exam_id, member_id, attempt_no) do nothing
             returning id, attempt_no as "attemptNo", seed, started_at as "startedAt", due_at as "dueAt"`,
      values: [
        examId,
        me.memberId,
        me.orgId,
        me.orgPath,
        seed,
        JSON.stringify(slots),
        now.toISOString(),
        new Date(due).toISOString(),
        s.exam.attemptsAllowed,
      ],
    });
    const r = rows[0];
    if (r) {
      const a: AttemptRow = {
        id: Number(r.id),
        examId,
        memberId: me.memberId,
        orgId: me.orgId,
        orgPath: me.orgPath,
        attemptNo: r.attemptNo,
        seed: Number(r.seed),
        slots,
        startedAt: r.startedAt,
        dueAt: r.dueAt,
        submittedAt: null,
        submittedBy: null,
        status: 'open',
        score: null,
        pending: 0,
        passed: null,
      };
      keepAttempt(a);
      scheduleSubmit(ctx.db, a.id, a.dueAt, now);
      return present(ctx, ctx.db, s, a, false);
    }
  }
  // otherwise: the attempt to resume, or why there is none
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
  const [{ used }] = await ctx.db
    .select({ used: count() })
    .from(examAttempts)
    .where(and(eq(examAttempts.examId, examId), eq(examAttempts.memberId, me.memberId)));
  if (used >= s.exam.attemptsAllowed)
    throw conflict('no_attempts_left', {
      zh: `本次考试最多可考 ${s.exam.attemptsAllowed} 次，您已用完`,
      en: `you have used all ${s.exam.attemptsAllowed} attempts`,
    });
  // a start that met another at the same moment: the one that won is the one to resume
  if (tries > 0) return startAttempt(ctx, examId, tries - 1);
  throw conflict('start_busy', {
    zh: '开始答题的请求过于频繁，请稍后再试',
    en: 'Starting is busy; try again',
  });
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
