import { randomBytes } from 'node:crypto';
import { and, desc, eq, ilike, inArray, type SQL, sql } from 'drizzle-orm';
import type { Page } from '../../../../contracts/common.ts';
import type { SaveSurvey, Survey } from '../../../../contracts/surveys/surveys.ts';
import { inTransaction, type Queryable } from '../../db/client.ts';
import { type Actor, authorize, can, scopePaths } from '../../platform/access/index.ts';
import { recordAudit } from '../../platform/audit/service.ts';
import { actorOf, type Ctx } from '../../platform/context.ts';
import { conflict, fieldError, notFound } from '../../platform/http/errors.ts';
import { findOrg, inSubtree, inSubtrees, orgs } from '../../platform/tree/index.ts';
import { sendNotice } from '../../platform/notify/index.ts';
import { type ActivityPerson, activityPeople, noticeRecipients } from '../members/index.ts';
import { SURVEY_PUBLISHED_NOTICE } from './notice.ts';
import { checkDefinition } from './rules.ts';
import { type SurveyRow, surveys } from './schema.ts';
import { presentSurvey, responseCount, surveyFor } from './store.ts';

async function present(ctx: Ctx, db: Queryable, s: SurveyRow): Promise<Survey> {
  const org = await findOrg(db, s.orgId);
  return presentSurvey(actorOf(ctx), s, {
    orgName: org?.name ?? '',
    responseCount: await responseCount(db, s.id),
  });
}

function soundDefinition(input: Pick<SaveSurvey, 'definition'>) {
  const problem = checkDefinition(input.definition);
  if (problem) throw fieldError(problem.path, problem);
}

/** 新建问卷: a draft of the caller's subtree; nothing is sent until it is published. Audited. */
export async function createSurvey(ctx: Ctx, input: SaveSurvey): Promise<Survey> {
  const actor = actorOf(ctx);
  const org = await findOrg(ctx.db, Number(input.orgId));
  if (!org) throw fieldError('orgId', { zh: '党组织不存在', en: 'no such org' });
  authorize(actor, 'survey.manage', org.path);
  soundDefinition(input);
  return inTransaction(ctx.db, async (tx) => {
    const now = ctx.now();
    const [s] = await tx
      .insert(surveys)
      .values({
        orgId: org.id,
        orgPath: org.path,
        title: input.title,
        description: input.description,
        anonymous: input.anonymous,
        audienceKind: input.audienceKind,
        audienceOrgId: input.audienceOrgId ? Number(input.audienceOrgId) : null,
        audienceClassId: input.audienceClassId ? Number(input.audienceClassId) : null,
        audienceMemberIds: input.audienceKind === 'list' ? input.memberIds.map(Number) : [],
        definition: input.definition,
        closesAt: input.closesAt ? new Date(input.closesAt) : null,
        createdBy: actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await recordAudit(tx, ctx, {
      action: 'survey.created',
      targetType: 'survey',
      targetId: s.id,
      orgId: org.id,
      orgPath: org.path,
      after: {
        title: s.title,
        anonymous: s.anonymous,
        audienceKind: s.audienceKind,
        questions: countQuestions(s),
      },
    });
    return present(ctx, tx, s);
  });
}

/** JSON with every object's keys sorted: two documents with the same content give the same text. */
function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(
          Object.keys(x)
            .sort()
            .map((k) => [k, (x as Record<string, unknown>)[k]]),
        )
      : x,
  );
}

const countQuestions = (s: Pick<SurveyRow, 'definition'>) =>
  s.definition.sections.reduce((n, sec) => n + sec.questions.length, 0);

/**
 * 修改问卷: the title, description, audience and closing time may change until the survey closes;
 * the questions only while no one has answered — the answers were given to those questions, so
 * changing them afterwards would change what people said (409; make a new survey instead). A change
 * of questions raises the version: a form opened before it is refused on submit and reloaded.
 */
export async function updateSurvey(ctx: Ctx, id: number, input: SaveSurvey): Promise<Survey> {
  soundDefinition(input);
  return inTransaction(ctx.db, async (tx) => {
    const s = await surveyFor(ctx, tx, id, 'survey.manage', true);
    if (s.status === 'closed')
      throw conflict('survey_closed', { zh: '问卷已结束，不能修改', en: 'the survey is closed' });
    if (String(s.orgId) !== input.orgId)
      throw fieldError('orgId', { zh: '发起问卷的党组织不能更改', en: 'the survey’s org cannot change' });
    // compared by content: jsonb keeps an object's keys in its own order
    const questionsChanged = canonical(s.definition) !== canonical(input.definition);
    if (questionsChanged && (await responseCount(tx, id)) > 0)
      throw conflict('survey_answered', {
        zh: '问卷已有人作答，题目不能再修改（已作答的内容须保持原样）；如需调整，请新建问卷',
        en: 'the survey has answers: its questions can no longer change; make a new survey instead',
      });
    if (s.status !== 'draft' && (input.audienceKind !== s.audienceKind || input.anonymous !== s.anonymous))
      throw conflict('survey_published', {
        zh: '问卷已发布，调查对象和匿名方式不能更改',
        en: 'a published survey keeps its audience and anonymity',
      });
    const [after] = await tx
      .update(surveys)
      .set({
        title: input.title,
        description: input.description,
        anonymous: input.anonymous,
        audienceKind: input.audienceKind,
        audienceOrgId: input.audienceOrgId ? Number(input.audienceOrgId) : null,
        audienceClassId: input.audienceClassId ? Number(input.audienceClassId) : null,
        audienceMemberIds: input.audienceKind === 'list' ? input.memberIds.map(Number) : [],
        definition: input.definition,
        version: questionsChanged ? s.version + 1 : s.version,
        closesAt: input.closesAt ? new Date(input.closesAt) : null,
        updatedAt: ctx.now(),
      })
      .where(eq(surveys.id, id))
      .returning();
    await recordAudit(tx, ctx, {
      action: 'survey.updated',
      targetType: 'survey',
      targetId: id,
      orgId: s.orgId,
      orgPath: s.orgPath,
      before: { title: s.title, version: s.version, closesAt: s.closesAt, questions: countQuestions(s) },
      after: {
        title: after.title,
        version: after.version,
        closesAt: after.closesAt,
        questions: countQuestions(after),
      },
    });
    return present(ctx, tx, after);
  });
}

/**
 * Who is asked: an org's subtree (its Party members in normal standing), an online class's cohort,
 * or the members named — each inside the survey's org and the caller's scope, else 400 naming the field.
 */
async function inviteesOf(
  db: Queryable,
  actor: Actor,
  s: SurveyRow,
  memberIds: number[],
): Promise<ActivityPerson[]> {
  const inScope = (p: string) => p.startsWith(s.orgPath) && can(actor, 'survey.manage', p);
  if (s.audienceKind === 'org') {
    const org = s.audienceOrgId ? await findOrg(db, s.audienceOrgId) : undefined;
    if (!org || !inScope(org.path))
      throw fieldError('audienceOrgId', {
        zh: '调查对象所在党组织须在发起问卷的党组织之内，且在您的管理范围内',
        en: 'the audience’s org must be within the survey’s org and your scope',
      });
    return activityPeople(db, { orgPath: org.path });
  }
  if (s.audienceKind === 'class') {
    if (!s.audienceClassId)
      throw fieldError('audienceClassId', { zh: '请选择网上班级', en: 'choose an online class' });
    const { rows } = await db.execute<{ member_id: number }>(
      sql`select member_id from online_class_members where class_id = ${s.audienceClassId}`,
    );
    const people = await activityPeople(db, { memberIds: rows.map((r) => Number(r.member_id)) });
    if (!people.length)
      throw fieldError('audienceClassId', {
        zh: '该网上班级不存在或没有学员',
        en: 'no such class, or it is empty',
      });
    const stray = people.filter((p) => !inScope(p.orgPath));
    if (stray.length)
      throw fieldError('audienceClassId', {
        zh: `该班级有 ${stray.length} 名学员不在发起问卷的党组织之内`,
        en: `${stray.length} of the class’s members are outside the survey’s org`,
      });
    return people;
  }
  const named = [...new Set(memberIds)];
  if (!named.length) throw fieldError('memberIds', { zh: '请选择调查对象', en: 'choose the members asked' });
  const people = await activityPeople(db, { memberIds: named });
  const ok = new Set(people.filter((p) => inScope(p.orgPath)).map((p) => p.memberId));
  const stray = named.filter((m) => !ok.has(m));
  if (stray.length)
    throw fieldError('memberIds', {
      zh: `有 ${stray.length} 名党员不在发起问卷的党组织之内或不在您的管理范围内`,
      en: `${stray.length} member(s) are outside the survey’s org or your scope`,
    });
  return people.filter((p) => ok.has(p.memberId));
}

/**
 * 发布问卷: the audience is resolved (members) or a public link made (public), and the survey opens.
 * One transaction: a failure leaves the draft as it was. Audited.
 */
export async function publishSurvey(ctx: Ctx, id: number): Promise<Survey> {
  const actor = actorOf(ctx);
  return inTransaction(ctx.db, async (tx) => {
    const s = await surveyFor(ctx, tx, id, 'survey.manage', true);
    if (s.status !== 'draft')
      throw conflict('survey_published', { zh: '问卷已发布', en: 'the survey is already published' });
    if (s.closesAt && s.closesAt <= ctx.now())
      throw fieldError('closesAt', { zh: '截止时间已过', en: 'the closing time has passed' });
    let invited = 0;
    let token: string | null = null;
    if (s.audienceKind === 'public') token = randomBytes(12).toString('base64url');
    else {
      const people = await inviteesOf(tx, actor, s, s.audienceMemberIds);
      if (!people.length)
        throw fieldError('audienceOrgId', { zh: '没有可参加调查的党员', en: 'no members to ask' });
      await tx.execute(sql`
        insert into survey_invitees (survey_id, member_id, org_id, org_path)
        select ${id}::int8, m, o, p
          from unnest(${sql.param(people.map((p) => p.memberId))}::int8[], ${sql.param(people.map((p) => p.orgId))}::int8[],
                      ${sql.param(people.map((p) => p.orgPath))}::text[]) as x(m, o, p)`);
      invited = people.length;
      // each one asked is told, and the notice opens the form (the member app's 问卷 tile shows it too)
      const recipients = await noticeRecipients(tx, { memberIds: people.map((p) => p.memberId) });
      if (recipients.length)
        await sendNotice(tx, ctx, {
          kind: SURVEY_PUBLISHED_NOTICE.kind,
          orgId: s.orgId,
          title: `问卷调查：${s.title}`.slice(0, 200),
          body: `${s.anonymous ? '本问卷匿名填写。' : ''}${s.description}`.slice(0, 2000) || '请抽空填写。',
          link: `/m/surveys/${id}`,
          source: { type: 'survey', id: String(id) },
          recipients,
        });
    }
    const [after] = await tx
      .update(surveys)
      .set({
        status: 'open',
        publicToken: token,
        invitedCount: invited,
        publishedAt: ctx.now(),
        updatedAt: ctx.now(),
      })
      .where(eq(surveys.id, id))
      .returning();
    await recordAudit(tx, ctx, {
      action: 'survey.published',
      targetType: 'survey',
      targetId: id,
      orgId: s.orgId,
      orgPath: s.orgPath,
      before: { status: s.status },
      after: { status: 'open', audienceKind: s.audienceKind, invited, anonymous: s.anonymous },
    });
    return present(ctx, tx, after);
  });
}

/** 结束问卷: no more answers; the results stay. Audited. */
export async function closeSurvey(ctx: Ctx, id: number): Promise<Survey> {
  return inTransaction(ctx.db, async (tx) => {
    const s = await surveyFor(ctx, tx, id, 'survey.manage', true);
    if (s.status !== 'open')
      throw conflict('survey_not_open', { zh: '问卷不在进行中', en: 'the survey is not open' });
    const [after] = await tx
      .update(surveys)
      .set({ status: 'closed', updatedAt: ctx.now() })
      .where(eq(surveys.id, id))
      .returning();
    // an anonymous survey's rows are written again in random order: their place in the table (and
    // the transaction that wrote each) no longer follows the order of answering
    if (s.anonymous)
      await tx.execute(sql`
        with gone as (delete from survey_responses where survey_id = ${id} returning *)
        insert into survey_responses select * from gone order by random()`);
    await recordAudit(tx, ctx, {
      action: 'survey.closed',
      targetType: 'survey',
      targetId: id,
      orgId: s.orgId,
      orgPath: s.orgPath,
      before: { status: s.status },
      after: { status: 'closed' },
    });
    return present(ctx, tx, after);
  });
}

/** 分析意见: the admin's own paragraphs, printed at the head of the Word report. Audited. */
export async function saveSummary(ctx: Ctx, id: number, summary: string): Promise<Survey> {
  return inTransaction(ctx.db, async (tx) => {
    const s = await surveyFor(ctx, tx, id, 'survey.manage', true);
    const [after] = await tx
      .update(surveys)
      .set({ summary, updatedAt: ctx.now() })
      .where(eq(surveys.id, id))
      .returning();
    await recordAudit(tx, ctx, {
      action: 'survey.summary_saved',
      targetType: 'survey',
      targetId: id,
      orgId: s.orgId,
      orgPath: s.orgPath,
      before: { summary: s.summary },
      after: { summary },
    });
    return present(ctx, tx, after);
  });
}

/** 问卷列表: the surveys of the caller's subtree (or the org chosen), newest first. */
export async function listSurveys(
  ctx: Ctx,
  q: { orgId?: string; q?: string; page: number; pageSize: number },
): Promise<Page<Survey>> {
  const actor = actorOf(ctx);
  const where: SQL[] = [];
  if (q.orgId) {
    const org = await findOrg(ctx.db, Number(q.orgId));
    if (!org) throw notFound({ zh: '党组织', en: 'Organization' });
    authorize(actor, 'survey.view', org.path);
    where.push(inSubtree(surveys.orgPath, org.path));
  } else where.push(inSubtrees(scopePaths(actor, 'survey.view'), surveys.orgPath));
  if (q.q) where.push(ilike(surveys.title, `%${q.q.replace(/[\\%_]/g, '\\$&')}%`));
  const [{ total }] = await ctx.db
    .select({ total: sql<number>`count(*)::int` })
    .from(surveys)
    .where(and(...where));
  const rows = await ctx.db
    .select()
    .from(surveys)
    .where(and(...where))
    .orderBy(desc(surveys.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const ids = rows.map((r) => r.id);
  const counts = new Map<number, number>();
  if (ids.length) {
    const { rows: c } = await ctx.db.execute<{ survey_id: number; n: number }>(sql`
      select survey_id, count(*)::int as n from survey_responses where survey_id = any(${sql.param(ids)}::int8[]) group by 1`);
    for (const r of c) counts.set(Number(r.survey_id), r.n);
  }
  const names = ids.length
    ? await ctx.db
        .select({ id: orgs.id, name: orgs.name })
        .from(orgs)
        .where(inArray(orgs.id, [...new Set(rows.map((r) => r.orgId))]))
    : [];
  const orgName = new Map(names.map((o) => [o.id, o.name]));
  return {
    items: rows.map((s) =>
      presentSurvey(actor, s, { orgName: orgName.get(s.orgId) ?? '', responseCount: counts.get(s.id) ?? 0 }),
    ),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

export async function readSurvey(ctx: Ctx, id: number): Promise<Survey> {
  const s = await surveyFor(ctx, ctx.db, id, 'survey.view');
  return present(ctx, ctx.db, s);
}
