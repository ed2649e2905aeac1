import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { AnswerSet } from '../../../../contracts/surveys/definition.ts';
import type { MySurveys, SurveyForm } from '../../../../contracts/surveys/surveys.ts';
import { inTransaction, type Queryable } from '../../db/client.ts';
import { recordAudit } from '../../platform/audit/service.ts';
import { actorOf, type Ctx } from '../../platform/context.ts';
import { conflict, fieldError, notFound } from '../../platform/http/errors.ts';
import { shanghaiToday } from '../../platform/time.ts';
import { findOrg } from '../../platform/tree/index.ts';
import { type Respondent, respondentOf } from '../members/index.ts';
import { ageBandOf, checkAnswers } from './rules.ts';
import { type SurveyRow, surveys } from './schema.ts';
import { findSurvey, isOpen, SURVEY } from './store.ts';

/** The random key a public respondent's browser keeps, so that one device answers a public survey once. */
export const DEVICE_COOKIE = 'hy_survey_device';
export const newDevice = () => randomBytes(16).toString('base64url');

const notAsked = () => notFound(SURVEY);

/** The login's member record, and that they were asked this survey (else 404: the survey is not theirs). */
async function invitedRespondent(ctx: Ctx, db: Queryable, s: SurveyRow): Promise<Respondent> {
  const me = await respondentOf(db, actorOf(ctx).userId);
  if (!me || s.status === 'draft' || s.audienceKind === 'public') throw notAsked();
  const { rows } = await db.execute(
    sql`select 1 from survey_invitees where survey_id = ${s.id} and member_id = ${me.memberId}`,
  );
  if (!rows.length) throw notAsked();
  return me;
}

async function formOf(
  db: Queryable,
  s: SurveyRow,
  draft: AnswerSet,
  answered: boolean,
  now: Date,
): Promise<SurveyForm> {
  const org = await findOrg(db, s.orgId);
  return {
    id: String(s.id),
    title: s.title,
    description: s.description,
    orgName: org?.name ?? '',
    anonymous: s.anonymous,
    version: s.version,
    definition: s.definition,
    draft,
    answered,
    open: isOpen(s, now),
  };
}

/** 我的问卷: the surveys the member was asked, open ones first, with whether they answered or started. */
export async function mySurveys(ctx: Ctx): Promise<MySurveys> {
  const me = await respondentOf(ctx.db, actorOf(ctx).userId);
  if (!me) return { items: [] };
  const now = ctx.now();
  const { rows } = await ctx.db.execute<{
    id: number;
    title: string;
    org_name: string;
    anonymous: boolean;
    status: 'open' | 'closed';
    closes_at: Date | null;
    answered: boolean;
    started: boolean;
  }>(sql`
    select s.id, s.title, o.name as org_name, s.anonymous, s.status, s.closes_at,
           exists (select 1 from survey_participations p where p.survey_id = s.id and p.member_id = i.member_id) as answered,
           exists (select 1 from survey_drafts d where d.survey_id = s.id and d.member_id = i.member_id) as started
      from survey_invitees i
      join surveys s on s.id = i.survey_id
      join orgs o on o.id = s.org_id
     where i.member_id = ${me.memberId} and s.status <> 'draft'
     order by s.id desc
     limit 200`);
  const items = rows.map((r) => {
    const closesAt = r.closes_at ? new Date(r.closes_at) : null;
    return {
      id: String(r.id),
      title: r.title,
      orgName: r.org_name,
      anonymous: r.anonymous,
      closesAt: closesAt?.toISOString() ?? null,
      answered: r.answered,
      started: r.started,
      open: isOpen({ status: r.status, closesAt }, now),
    };
  });
  // what is still to do first
  items.sort((a, b) => Number(b.open && !b.answered) - Number(a.open && !a.answered));
  return { items };
}

/** Open surveys the member has not answered (the tile's badge). */
export async function myOpenCount(ctx: Ctx): Promise<{ count: number }> {
  const { items } = await mySurveys(ctx);
  return { count: items.filter((s) => s.open && !s.answered).length };
}

/** A member's form: the questions and what they saved so far (resumable). */
export async function memberForm(ctx: Ctx, id: number): Promise<SurveyForm> {
  const s = await findSurvey(ctx.db, id);
  const me = await invitedRespondent(ctx, ctx.db, s);
  const { rows } = await ctx.db.execute<{ answers: AnswerSet | null; answered: boolean }>(sql`
    select (select answers from survey_drafts where survey_id = ${id} and member_id = ${me.memberId}) as answers,
           exists (select 1 from survey_participations where survey_id = ${id} and member_id = ${me.memberId}) as answered`);
  return formOf(ctx.db, s, rows[0].answers ?? {}, rows[0].answered, ctx.now());
}

function refuseClosed(s: SurveyRow, now: Date) {
  if (!isOpen(s, now))
    throw conflict('survey_not_open', { zh: '问卷已结束或尚未开始', en: 'the survey is not open' });
}

function checked(s: SurveyRow, answers: AnswerSet, complete: boolean): AnswerSet {
  const r = checkAnswers(s.definition, answers, complete);
  if (!r.ok) throw fieldError(r.path, r);
  return r.answers;
}

/** 暂存: a member's answers so far, checked as far as they go (a hidden question stays unanswered). Audited. */
export async function saveDraft(ctx: Ctx, id: number, answers: AnswerSet): Promise<{ ok: true }> {
  const s = await findSurvey(ctx.db, id);
  const me = await invitedRespondent(ctx, ctx.db, s);
  refuseClosed(s, ctx.now());
  const kept = checked(s, answers, false);
  return inTransaction(ctx.db, async (tx) => {
    const { rows } = await tx.execute(
      sql`select 1 from survey_participations where survey_id = ${id} and member_id = ${me.memberId}`,
    );
    if (rows.length)
      throw conflict('survey_answered', { zh: '您已提交过该问卷', en: 'you have already answered' });
    await tx.execute(sql`
      insert into survey_drafts (survey_id, member_id, answers, updated_at)
      values (${id}, ${me.memberId}, ${JSON.stringify(kept)}::jsonb, ${ctx.now()})
      on conflict (survey_id, member_id) do update set answers = excluded.answers, updated_at = excluded.updated_at`);
    // what was answered stays out of the log: only how far the member got
    await recordAudit(tx, ctx, {
      action: 'survey.draft_saved',
      targetType: 'survey',
      targetId: id,
      orgId: s.orgId,
      orgPath: s.orgPath,
      after: { answered: Object.keys(kept).length },
    });
    return { ok: true as const };
  });
}

type Snapshot = {
  memberId: number | null;
  orgId: number | null;
  orgPath: string | null;
  gender: string | null;
  ageBand: string | null;
  category: string | null;
};

/**
 * Counts one answer set: the participation first (its unique index is what makes "one response each"
 * hold under any concurrency; a second submit finds it and is refused with nothing written), then the
 * response. An anonymous survey's response carries no person and its time only to the hour.
 */
async function count(
  tx: Queryable,
  ctx: Ctx,
  s: SurveyRow,
  who: { memberId: number } | { device: string },
  answers: AnswerSet,
  snap: Snapshot,
): Promise<void> {
  const { rows } = await tx.execute(sql`
    insert into survey_participations (survey_id, member_id, device)
    values (${s.id}, ${'memberId' in who ? who.memberId : null}, ${'device' in who ? who.device : null})
    on conflict do nothing returning 1`);
  if (!rows.length)
    throw conflict('survey_answered', {
      zh:
        'device' in who ? '本设备已提交过该问卷，每台设备只能提交一次' : '您已提交过该问卷，每人只能提交一次',
      en: 'already answered: one response each',
    });
  const now = ctx.now();
  const at = s.anonymous ? new Date(Math.floor(now.getTime() / 3_600_000) * 3_600_000) : now;
  // an anonymous response's id is drawn at random (above any the sequence will reach): ids in the
  // order of answering would line up with the audit log's order of who answered
  const id = s.anonymous ? anonymousId() : null;
  await tx.execute(sql`
    insert into survey_responses (id, survey_id, version, answers, member_id, org_id, org_path, gender, age_band, category, submitted_at)
    values (coalesce(${id}::int8, nextval('survey_responses_id_seq')), ${s.id}, ${s.version}, ${JSON.stringify(answers)}::jsonb,
            ${s.anonymous ? null : snap.memberId}, ${snap.orgId},
            ${snap.orgPath}, ${snap.gender}, ${snap.ageBand}, ${snap.category}, ${at})`);
  await recordAudit(tx, ctx, {
    action: 'survey.answered',
    targetType: 'survey',
    targetId: s.id,
    orgId: s.orgId,
    orgPath: s.orgPath,
    // the fact of answering, never what was answered
    after: { questionsAnswered: Object.keys(answers).length, anonymous: s.anonymous },
  });
}

/** 2^52 + 48 random bits: unique in practice (11,780 answers: a clash once in ~10^7 surveys). */
function anonymousId(): number {
  return 2 ** 52 + randomBytes(6).readUIntBE(0, 6);
}

function refuseStale(s: SurveyRow, version: number) {
  if (version !== s.version)
    throw conflict('survey_changed', {
      zh: '问卷题目已更新，请刷新后重新作答',
      en: 'the survey’s questions changed; reload the form',
    });
}

/** 提交问卷 (a member): checked in full against the definition, counted once. */
export async function submitMember(
  ctx: Ctx,
  id: number,
  body: { version: number; answers: AnswerSet },
): Promise<{ ok: true }> {
  return inTransaction(ctx.db, async (tx) => {
    // shared lock: an edit of the questions (which locks for update) waits for submits, and the reverse
    const [s] = await tx.select().from(surveys).where(eq(surveys.id, id)).for('share');
    if (!s) throw notFound(SURVEY);
    const me = await invitedRespondent(ctx, tx, s);
    refuseClosed(s, ctx.now());
    refuseStale(s, body.version);
    const answers = checked(s, body.answers, true);
    await count(tx, ctx, s, { memberId: me.memberId }, answers, {
      memberId: me.memberId,
      orgId: me.orgId,
      orgPath: me.orgPath,
      gender: me.gender,
      ageBand: ageBandOf(me.birthDate, shanghaiToday(ctx.now())),
      category: me.status,
    });
    await tx.execute(sql`delete from survey_drafts where survey_id = ${id} and member_id = ${me.memberId}`);
    return { ok: true as const };
  });
}

async function publicSurvey(db: Queryable, token: string): Promise<SurveyRow> {
  const [s] = await db.select().from(surveys).where(eq(surveys.publicToken, token));
  if (s?.audienceKind !== 'public' || s.status === 'draft') throw notFound(SURVEY);
  return s;
}

/** The public form behind a link: no login; `answered` when this device already answered. */
export async function publicForm(ctx: Ctx, token: string, device: string | null): Promise<SurveyForm> {
  const s = await publicSurvey(ctx.db, token);
  const answered = device
    ? (
        await ctx.db.execute(
          sql`select 1 from survey_participations where survey_id = ${s.id} and device = ${device}`,
        )
      ).rows.length > 0
    : false;
  return formOf(ctx.db, s, {}, answered, ctx.now());
}

/** 提交问卷 (the public, through the link): one response per device; the route limits each address. */
export async function submitPublic(
  ctx: Ctx,
  token: string,
  device: string,
  body: { version: number; answers: AnswerSet },
): Promise<{ ok: true }> {
  return inTransaction(ctx.db, async (tx) => {
    const s = await publicSurvey(tx, token);
    await tx.execute(sql`select 1 from surveys where id = ${s.id} for share`);
    refuseClosed(s, ctx.now());
    refuseStale(s, body.version);
    const answers = checked(s, body.answers, true);
    await count(tx, ctx, s, { device }, answers, {
      memberId: null,
      orgId: null,
      orgPath: null,
      gender: null,
      ageBand: null,
      category: 'public',
    });
    return { ok: true as const };
  });
}
