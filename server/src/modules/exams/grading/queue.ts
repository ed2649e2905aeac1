import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { GradingQuery, GradingQueue } from '../../../../../contracts/exams/sittings.ts';
import { inTransaction, type Queryable } from '../../../db/client.ts';
import { authorize } from '../../../platform/access/index.ts';
import { recordAudit } from '../../../platform/audit/service.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { noticePeople } from '../../members/index.ts';
import { examFor } from '../sittings/store.ts';

// 阅卷 (issue 15 item 6): the short answers of submitted attempts, for a person to grade. Graders see
// "考生 N", not names, so a grade goes to the answer and not to whom they know; a manager may ask
// for names, and that is audited.

/** At most this many items in one answer of the queue: pending ones come first. */
const QUEUE_LIMIT = 200;

export type QueueRaw = {
  attempt_id: number;
  member_id: number;
  examinee_no: number;
  slot: number;
  stem: string;
  answer: string;
  points: number;
  manual_score: number | null;
  comment: string | null;
};

/**
 * The short answers with text of the exam's submitted attempts (an empty one scores 0 and waits
 * for no one: sittings/settle.ts), or just one attempt's slot. "考生 N" is the attempt's place
 * among all the exam's attempts by id: ids grow as attempts start, so N never changes.
 */
export function shortAnswersSql(
  examId: number,
  o: { pendingOnly: boolean; attemptId?: number; slot?: number },
) {
  return sql`
    with numbered as (
      select a.id, a.member_id, a.status, a.slots, row_number() over (order by a.id)::int as examinee_no
        from exam_attempts a where a.exam_id = ${examId})
    select a.id as attempt_id, a.member_id, a.examinee_no, (s.ord - 1)::int as slot,
           eq.body->>'stem' as stem, x.answer->>'text' as answer, (s.v->>'points')::float8 as points,
           x.manual_score, x.comment
      from numbered a
      cross join lateral jsonb_array_elements(a.slots) with ordinality s(v, ord)
      join exam_questions eq on eq.exam_id = ${examId} and eq.question_id = (s.v->>'q')::int8 and eq.type = 'short'
      join exam_answers x on x.attempt_id = a.id and x.slot = s.ord - 1 and coalesce(x.answer->>'text', '') <> ''
     where a.status <> 'open'
       ${o.pendingOnly ? sql`and x.manual_score is null` : sql``}
       ${o.attemptId !== undefined ? sql`and a.id = ${o.attemptId} and s.ord - 1 = ${o.slot ?? -1}` : sql``}
     order by (x.manual_score is null) desc, a.id, s.ord
     limit ${QUEUE_LIMIT}`;
}

export function presentItem(r: QueueRaw, names: Map<number, { name: string }> | null) {
  return {
    attemptId: String(r.attempt_id),
    slot: Number(r.slot),
    examinee: names?.get(Number(r.member_id))?.name ?? `考生 ${r.examinee_no}`,
    stem: r.stem,
    answer: r.answer,
    points: Number(r.points),
    score: r.manual_score == null ? null : Number(r.manual_score),
    comment: r.comment,
  };
}

async function pendingCount(db: Queryable, examId: number): Promise<number> {
  const { rows } = await db.execute<{ n: number }>(
    sql`select coalesce(sum(pending), 0)::int as n from exam_attempts where exam_id = ${examId} and status <> 'open'`,
  );
  return Number(rows[0].n);
}

/**
 * 阅卷队列: pending answers first, then those graded (when asked for). Names need exam.manage on the
 * exam's org (403 otherwise), and showing them is recorded in the audit log.
 */
export async function gradingQueue(
  ctx: Ctx,
  id: number,
  q: z.infer<typeof GradingQuery>,
): Promise<GradingQueue> {
  const e = await examFor(ctx, ctx.db, id, 'exam.grade');
  const withNames = q.names === 'true';
  if (withNames)
    authorize(actorOf(ctx), 'exam.manage', e.orgPath, {
      zh: '只有考试的组织者可以查看考生姓名',
      en: 'Only those who manage the exam may see the examinees’ names',
    });
  const read = async (db: Queryable) => {
    const { rows } = await db.execute<QueueRaw>(
      shortAnswersSql(e.id, { pendingOnly: q.pendingOnly === 'true' }),
    );
    const names = withNames
      ? await noticePeople.describe(db, [...new Set(rows.map((r) => Number(r.member_id)))])
      : null;
    return { items: rows.map((r) => presentItem(r, names)), pending: await pendingCount(db, e.id) };
  };
  if (!withNames) return read(ctx.db);
  return inTransaction(ctx.db, async (tx) => {
    const out = await read(tx);
    await recordAudit(tx, ctx, {
      action: 'exam.grading_names_shown',
      targetType: 'exam',
      targetId: e.id,
      orgId: e.orgId,
      orgPath: e.orgPath,
      after: { items: out.items.length },
    });
    return out;
  });
}
