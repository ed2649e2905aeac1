import { eq } from 'drizzle-orm';
import type { QuestionBody } from '../../../../../contracts/exams/questions.ts';
import type { Queryable } from '../../../db/client.ts';
import { authorize } from '../../../platform/access/index.ts';
import { TtlCache } from '../../../platform/cache.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { notFound } from '../../../platform/http/errors.ts';
import { type ActivityPerson, memberOfUser } from '../../members/index.ts';
import { type ExamDraw, examAttempts, examQuestions, exams, type Slot } from '../schema.ts';

export type ExamRow = typeof exams.$inferSelect;
export type AttemptRow = typeof examAttempts.$inferSelect;

export const EXAM = { zh: '考试', en: 'Exam' };
export const ATTEMPT = { zh: '答卷', en: 'Attempt' };

/** Answers are taken until an attempt's due time plus this (a save sent at the last second arrives). */
export const GRACE_MS = 10_000;

export async function findExam(db: Queryable, id: number, lock = false): Promise<ExamRow> {
  const q = db.select().from(exams).where(eq(exams.id, id));
  const [e] = lock ? await q.for('update') : await q;
  if (!e) throw notFound(EXAM);
  return e;
}

/** The exam, after checking the actor holds `action` over the org that holds it (403 outside). */
export async function examFor(ctx: Ctx, db: Queryable, id: number, action: string, lock = false) {
  const e = await findExam(db, id, lock);
  authorize(actorOf(ctx), action, e.orgPath, {
    zh: '无权访问该考试：组织考试的党组织不在您的管理范围内',
    en: 'Access denied: this exam is outside your scope',
  });
  return e;
}

/** An exam as an attempt needs it: its window and rules, and its questions as published. */
export type Sitting = {
  exam: ExamRow;
  draw: ExamDraw;
  questions: Map<number, { body: QuestionBody; points: number; type: QuestionBody['type'] }>;
};

/*
 * Kept in this process (the save path is the exam's busiest: a district answering at once):
 * - an exam and its published questions: a minute. The questions never change once published;
 *   the window and status may (a cancel made here is seen at once, made elsewhere within a minute —
 *   the answer's write checks the attempt's own status and due time in the database regardless);
 * - which member a login is: a minute (an attempt is found by its id and its member's id);
 * - an attempt's paper and owner: never change; its status and due time are checked by the write.
 */
const sittings = new TtlCache<number, Sitting>(2_000, 60_000);
const people = new TtlCache<number, ActivityPerson | null>(100_000, 60_000);
const attempts = new TtlCache<number, AttemptRow>(100_000, 10 * 60_000);

export async function sittingOf(db: Queryable, examId: number): Promise<Sitting> {
  const kept = sittings.get(examId);
  if (kept) return kept;
  const exam = await findExam(db, examId);
  const rows = await db.select().from(examQuestions).where(eq(examQuestions.examId, examId));
  const s: Sitting = {
    exam,
    draw: exam.draw,
    questions: new Map(rows.map((r) => [r.questionId, { body: r.body, points: r.points, type: r.type }])),
  };
  sittings.set(examId, s);
  return s;
}

export function forgetSitting(examId: number) {
  sittings.delete(examId);
}

/** The member record of a login (null: none), kept a minute. */
export async function personOf(db: Queryable, userId: number): Promise<ActivityPerson | null> {
  const kept = people.get(userId);
  if (kept !== undefined) return kept;
  const p = (await memberOfUser(db, userId)) ?? null;
  people.set(userId, p);
  return p;
}

/**
 * The caller's own attempt: another examinee's, or none, is 404 alike (an attempt's number says
 * nothing about whether it exists). `fresh` reads the row again (status, score).
 */
export async function ownAttempt(ctx: Ctx, db: Queryable, id: number, fresh = false): Promise<AttemptRow> {
  const me = await personOf(db, actorOf(ctx).userId);
  let a = fresh ? undefined : attempts.get(id);
  if (!a) {
    [a] = await db.select().from(examAttempts).where(eq(examAttempts.id, id));
    if (a) attempts.set(id, a);
  }
  if (!a || !me || a.memberId !== me.memberId) throw notFound(ATTEMPT);
  return a;
}

export function keepAttempt(a: AttemptRow) {
  attempts.set(a.id, a);
}

export const slotsOf = (a: AttemptRow): Slot[] => a.slots;
