import type { AnswerSaved, AnswerValue } from '../../../../../contracts/exams/sittings.ts';
import type { Db } from '../../../db/client.ts';
import { GroupCommit } from '../../../platform/batch.ts';
import type { Ctx } from '../../../platform/context.ts';
import { AppError, fieldError, notFound } from '../../../platform/http/errors.ts';
import { answerFlaw } from '../scoring.ts';
import { GRACE_MS, ownAttempt, sittingOf } from './store.ts';

type Save = { attemptId: number; slot: number; answer: AnswerValue; at: Date };

export const attemptClosed = () =>
  new AppError(409, 'attempt_closed', {
    zh: '考试时间已到或已交卷，答案未保存',
    en: 'Time is up or the attempt was submitted; the answer was not saved',
  });

/**
 * 保存答案 (PUT /attempts/:id/answers/:slot): the caller's own attempt, a slot of its paper, an
 * answer that fits the question (scoring.ts answerFlaw). Written with the answers of other
 * examinees arriving together (group commit, platform/batch.ts) and answered only once committed.
 * The write itself checks, under a share lock of the attempt's row, that the attempt is still open
 * and its time (plus the grace) not up, by the request's clock: a submit waits for the answers being
 * written, and an answer arriving after the submit is refused — never lost after being acknowledged.
 * Not audited: an examinee's answers are the attempt's own record (every one kept with its time).
 */
export async function saveAnswer(
  ctx: Ctx,
  id: number,
  slot: number,
  answer: AnswerValue,
): Promise<AnswerSaved> {
  const a = await ownAttempt(ctx, ctx.db, id);
  const s = await sittingOf(ctx.db, a.examId);
  const on = a.slots[slot];
  if (!on)
    throw notFound({ zh: `第 ${slot + 1} 题（不在您的试卷上）`, en: `Question ${slot + 1} of your paper` });
  const flaw = answerFlaw(s.questions.get(on.q)!.body, answer);
  if (flaw) throw fieldError(flaw.field, flaw.text);
  const at = ctx.now();
  if (a.status !== 'open' || at.getTime() > a.dueAt.getTime() + GRACE_MS) throw attemptClosed();
  const written = await committer(ctx.db).write({ attemptId: id, slot, answer, at });
  if (!written) throw attemptClosed();
  return { slot, savedAt: at.toISOString() };
}

const committers = new WeakMap<Db, GroupCommit<Save, string>>();

function committer(db: Db) {
  let c = committers.get(db);
  if (!c) {
    c = new GroupCommit<Save, string>(
      (s) => `${s.attemptId}:${s.slot}`,
      (saves) => writeSaves(db, saves),
    );
    committers.set(db, c);
  }
  return c;
}

/** One statement for a batch: the answers of attempts still open and in time, upserted. */
async function writeSaves(db: Db, saves: Save[]): Promise<Set<string>> {
  const rows = [...saves].sort((x, y) => x.attemptId - y.attemptId || x.slot - y.slot);
  const { rows: done } = await db.$client.query<{ attempt_id: string; slot: number }>({
    name: 'exam_save_answers',
    text: `with given as (
             select * from unnest($1::int8[], $2::int[], $3::jsonb[], $4::timestamptz[]) as g(attempt_id, slot, answer, at)),
           open as (
             select a.id, a.due_at from exam_attempts a
              where a.id = any($1::int8[]) and a.status = 'open'
              order by a.id
                for share)
           insert into exam_answers as x (attempt_id, slot, answer, saved_at)
           select g.attempt_id, g.slot, g.answer, g.at
             from given g join open o on o.id = g.attempt_id
            where g.at <= o.due_at + make_interval(secs => $5)
           on conflict (attempt_id, slot) do update set answer = excluded.answer, saved_at = excluded.saved_at
           returning x.attempt_id, x.slot`,
    values: [
      rows.map((r) => r.attemptId),
      rows.map((r) => r.slot),
      rows.map((r) => JSON.stringify(r.answer)),
      rows.map((r) => r.at.toISOString()),
      GRACE_MS / 1000,
    ],
  });
  return new Set(done.map((r) => `${r.attempt_id}:${r.slot}`));
}
