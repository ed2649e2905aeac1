import { eq, sql } from 'drizzle-orm';
import type { Survey } from '../../../../contracts/surveys/surveys.ts';
import type { Queryable } from '../../db/client.ts';
import { type Actor, authorize, can } from '../../platform/access/index.ts';
import { actorOf, type Ctx } from '../../platform/context.ts';
import { notFound } from '../../platform/http/errors.ts';
import { type SurveyRow, surveys } from './schema.ts';

export const SURVEY = { zh: '问卷', en: 'Survey' };

export async function findSurvey(db: Queryable, id: number, lock = false): Promise<SurveyRow> {
  const q = db.select().from(surveys).where(eq(surveys.id, id));
  const [s] = lock ? await q.for('update') : await q;
  if (!s) throw notFound(SURVEY);
  return s;
}

/** The survey, after checking the actor holds `action` over the org that holds it (403 outside). */
export async function surveyFor(ctx: Ctx, db: Queryable, id: number, action: string, lock = false) {
  const s = await findSurvey(db, id, lock);
  authorize(actorOf(ctx), action, s.orgPath, {
    zh: '无权访问该问卷：发起问卷的党组织不在您的管理范围内',
    en: 'Access denied: this survey is outside your scope',
  });
  return s;
}

export async function responseCount(db: Queryable, surveyId: number): Promise<number> {
  const { rows } = await db.execute<{ n: number }>(
    sql`select count(*)::int as n from survey_responses where survey_id = ${surveyId}`,
  );
  return rows[0].n;
}

/** Is the survey taking answers at `now`? */
export const isOpen = (s: Pick<SurveyRow, 'status' | 'closesAt'>, now: Date) =>
  s.status === 'open' && (!s.closesAt || s.closesAt > now);

export function presentSurvey(
  actor: Actor,
  s: SurveyRow,
  extra: { orgName: string; responseCount: number },
): Survey {
  const manage = can(actor, 'survey.manage', s.orgPath);
  return {
    id: String(s.id),
    orgId: String(s.orgId),
    orgName: extra.orgName,
    title: s.title,
    description: s.description,
    anonymous: s.anonymous,
    audienceKind: s.audienceKind,
    audienceOrgId: s.audienceOrgId == null ? null : String(s.audienceOrgId),
    audienceClassId: s.audienceClassId == null ? null : String(s.audienceClassId),
    memberIds: s.audienceMemberIds.map(String),
    status: s.status,
    version: s.version,
    definition: s.definition,
    publicToken: s.publicToken,
    closesAt: s.closesAt?.toISOString() ?? null,
    publishedAt: s.publishedAt?.toISOString() ?? null,
    invitedCount: s.invitedCount,
    responseCount: extra.responseCount,
    summary: s.summary,
    createdAt: s.createdAt.toISOString(),
    // questions are frozen once anyone has answered (the answers were given to those questions)
    can: { manage, editQuestions: manage && s.status !== 'closed' && extra.responseCount === 0 },
  };
}
