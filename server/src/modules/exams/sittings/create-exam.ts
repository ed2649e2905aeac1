import { eq, sql } from 'drizzle-orm';
import type { Exam, SaveExam } from '../../../../../contracts/exams/sittings.ts';
import { inTransaction, type Queryable } from '../../../db/client.ts';
import { type Actor, authorize, can } from '../../../platform/access/index.ts';
import { recordAudit } from '../../../platform/audit/service.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { conflict, fieldError, notFound } from '../../../platform/http/errors.ts';
import { sendNotice } from '../../../platform/notify/index.ts';
import { shanghaiClock } from '../../../platform/time.ts';
import { findOrg } from '../../../platform/tree/index.ts';
import { type ActivityPerson, activityPeople, noticeRecipients } from '../../members/index.ts';
import { maySeeBank } from '../bank/policy.ts';
import { paperDraw } from '../papers/pool.ts';
import { exams, papers } from '../schema.ts';
import { readExamIn } from './list-exams.ts';
import { EXAM_PUBLISHED_NOTICE } from './notice.ts';
import { examFor, forgetSitting } from './store.ts';

/**
 * Who may sit, resolved when the exam is published: an org's subtree (members who take part in the
 * Party's organizational life), an online class's cohort, or the members named — each inside the
 * exam's org and the caller's scope, else 400 naming the field.
 */
async function candidatesOf(
  db: Queryable,
  actor: Actor,
  orgPath: string,
  input: SaveExam,
): Promise<ActivityPerson[]> {
  const inScope = (p: string) => p.startsWith(orgPath) && can(actor, 'exam.manage', p);
  if (input.audienceKind === 'org') {
    const org = input.audienceOrgId ? await findOrg(db, Number(input.audienceOrgId)) : undefined;
    if (!org || !inScope(org.path))
      throw fieldError('audienceOrgId', {
        zh: '参考人员所在党组织须在组织考试的党组织之内，且在您的管理范围内',
        en: 'the candidates’ org must be within the exam’s org and your scope',
      });
    return activityPeople(db, { orgPath: org.path });
  }
  if (input.audienceKind === 'class') {
    if (!input.audienceClassId)
      throw fieldError('audienceClassId', { zh: '请选择网上班级', en: 'choose an online class' });
    const { rows } = await db.execute<{ member_id: number; org_path: string }>(sql`
      select m.member_id, m.org_path from online_class_members m where m.class_id = ${Number(input.audienceClassId)}`);
    const ids = rows.map((r) => Number(r.member_id));
    if (!ids.length)
      throw fieldError('audienceClassId', {
        zh: '该网上班级不存在或没有学员',
        en: 'no such class, or it has no members',
      });
    const people = await activityPeople(db, { memberIds: ids });
    const stray = people.filter((p) => !inScope(p.orgPath));
    if (stray.length)
      throw fieldError('audienceClassId', {
        zh: `该班级有 ${stray.length} 名学员不在组织考试的党组织之内`,
        en: `${stray.length} of the class’s members are outside the exam’s org`,
      });
    return people;
  }
  const named = [...new Set((input.memberIds ?? []).map(Number))];
  if (!named.length)
    throw fieldError('memberIds', { zh: '请选择参考党员', en: 'choose the members who sit' });
  const people = await activityPeople(db, { memberIds: named });
  const ok = new Set(people.filter((p) => inScope(p.orgPath)).map((p) => p.memberId));
  const stray = named.filter((id) => !ok.has(id));
  if (stray.length)
    throw fieldError('memberIds', {
      zh: `有 ${stray.length} 名党员不在组织考试的党组织之内或不在您的管理范围内（编号 ${stray.slice(0, 5).join('、')}）`,
      en: `${stray.length} member(s) are outside the exam’s org or your scope (${stray.slice(0, 5).join(', ')})`,
    });
  return people.filter((p) => ok.has(p.memberId));
}

/**
 * 发布考试: the paper (one the exam's org may use) is fixed as it is now — its questions copied into
 * exam_questions and the draw recorded — the candidates resolved, and each of them sent a notice
 * opening the member app's exams. One transaction: a failure leaves nothing.
 */
export async function createExam(ctx: Ctx, input: SaveExam): Promise<Exam> {
  const actor = actorOf(ctx);
  const org = await findOrg(ctx.db, Number(input.orgId));
  if (!org) throw notFound({ zh: '党组织', en: 'Organization' });
  authorize(actor, 'exam.manage', org.path);
  const opensAt = new Date(input.opensAt);
  const closesAt = new Date(input.closesAt);
  if (closesAt <= opensAt)
    throw fieldError('closesAt', { zh: '结束时间须晚于开始时间', en: 'the exam must close after it opens' });
  if (closesAt <= ctx.now())
    throw fieldError('closesAt', { zh: '结束时间已过', en: 'the closing time has passed' });
  const [paper] = await ctx.db
    .select()
    .from(papers)
    .where(eq(papers.id, Number(input.paperId)));
  if (
    !paper ||
    !maySeeBank(actor, paper.orgPath) ||
    !(org.path.startsWith(paper.orgPath) || paper.orgPath.startsWith(org.path))
  )
    throw fieldError('paperId', { zh: '试卷不存在或不可用于该党组织', en: 'no such paper for this org' });
  if (paper.status !== 'active')
    throw fieldError('paperId', { zh: '试卷已停用', en: 'the paper is archived' });
  const pool = await paperDraw(ctx.db, paper);
  if (!pool.ok)
    throw fieldError('paperId', {
      zh: `试卷不能使用：${pool.zh}`,
      en: `the paper cannot be sat: ${pool.en}`,
    });
  if (input.passScore > pool.totalPoints)
    throw fieldError('passScore', {
      zh: `及格分不能高于试卷总分 ${pool.totalPoints}`,
      en: `the pass mark is above the paper’s total of ${pool.totalPoints}`,
    });
  const people = await candidatesOf(ctx.db, actor, org.path, input);
  if (!people.length)
    throw fieldError(input.audienceKind === 'org' ? 'audienceOrgId' : 'memberIds', {
      zh: '没有可参加考试的党员',
      en: 'no members to sit the exam',
    });

  return inTransaction(ctx.db, async (tx) => {
    const now = ctx.now();
    const [e] = await tx
      .insert(exams)
      .values({
        orgId: org.id,
        orgPath: org.path,
        paperId: paper.id,
        title: input.title,
        description: input.description,
        opensAt,
        closesAt,
        durationMinutes: input.durationMinutes,
        attemptsAllowed: input.attemptsAllowed,
        totalPoints: pool.totalPoints,
        passScore: input.passScore,
        audienceKind: input.audienceKind,
        audienceOrgId: input.audienceKind === 'org' ? Number(input.audienceOrgId) : null,
        audienceClassId: input.audienceKind === 'class' ? Number(input.audienceClassId) : null,
        candidateCount: people.length,
        draw: pool.draw,
        createdBy: actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    const qs = pool.questions;
    const points = (t: string) => paper.points[t as keyof typeof paper.points] ?? 0;
    await tx.execute(sql`
      insert into exam_questions (exam_id, question_id, category_id, type, difficulty, body, points)
      select ${e.id}::int8, q.id, q.category_id, q.type, q.difficulty, q.body, p
        from unnest(${sql.param(qs.map((q) => q.id))}::int8[], ${sql.param(qs.map((q) => points(q.type)))}::float8[]) as x(id, p)
        join questions q on q.id = x.id`);
    await tx.execute(sql`
      insert into exam_candidates (exam_id, member_id, org_id, org_path)
      select ${e.id}::int8, m, o, p
        from unnest(${sql.param(people.map((p) => p.memberId))}::int8[], ${sql.param(people.map((p) => p.orgId))}::int8[],
                    ${sql.param(people.map((p) => p.orgPath))}::text[]) as x(m, o, p)`);
    const recipients = await noticeRecipients(tx, { memberIds: people.map((p) => p.memberId) });
    if (recipients.length)
      await sendNotice(tx, ctx, {
        kind: EXAM_PUBLISHED_NOTICE.kind,
        orgId: org.id,
        title: `考试通知：${input.title}`.slice(0, 200),
        body: `考试时间 ${shanghaiClock(opensAt)} 至 ${shanghaiClock(closesAt)}，限时 ${input.durationMinutes} 分钟，共 ${pool.questionCount} 题、满分 ${pool.totalPoints} 分。`,
        link: '/m/exams',
        source: { type: 'exam', id: String(e.id) },
        recipients,
      });
    await recordAudit(tx, ctx, {
      action: 'exam.published',
      targetType: 'exam',
      targetId: e.id,
      orgId: org.id,
      orgPath: org.path,
      after: {
        title: e.title,
        paperId: paper.id,
        opensAt: e.opensAt.toISOString(),
        closesAt: e.closesAt.toISOString(),
        durationMinutes: e.durationMinutes,
        attemptsAllowed: e.attemptsAllowed,
        passScore: e.passScore,
        totalPoints: e.totalPoints,
        audienceKind: e.audienceKind,
        candidates: people.length,
      },
    });
    return readExamIn(ctx, tx, e.id);
  });
}

/** 取消考试: no one may start or answer any more; what was submitted stays. Audited. */
export async function cancelExam(ctx: Ctx, id: number): Promise<Exam> {
  return inTransaction(ctx.db, async (tx) => {
    const e = await examFor(ctx, tx, id, 'exam.manage', true);
    if (e.status === 'cancelled')
      throw conflict('exam_cancelled', { zh: '该考试已取消', en: 'the exam is already cancelled' });
    await tx.update(exams).set({ status: 'cancelled', updatedAt: ctx.now() }).where(eq(exams.id, id));
    // attempts in progress end now: the clock submits them (auto-submit.ts), keeping what was answered
    await tx.execute(sql`update exam_attempts set due_at = least(due_at, ${ctx.now()})
                          where exam_id = ${id} and status = 'open'`);
    await recordAudit(tx, ctx, {
      action: 'exam.cancelled',
      targetType: 'exam',
      targetId: id,
      orgId: e.orgId,
      orgPath: e.orgPath,
      before: { status: e.status },
      after: { status: 'cancelled' },
    });
    forgetSitting(id);
    return readExamIn(ctx, tx, id);
  });
}
