import { eq, sql } from 'drizzle-orm';
import type {
  EditOfflineStudy,
  OfflineStudy,
  SaveOfflineStudy,
} from '../../../../../contracts/learning/offline.ts';
import { inTransaction, type Queryable, type Tx } from '../../../db/client.ts';
import { authorize } from '../../../platform/access/index.ts';
import { recordAudit } from '../../../platform/audit/service.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { conflict, fieldError, notFound } from '../../../platform/http/errors.ts';
import { shanghaiToday } from '../../../platform/time.ts';
import { findOrg } from '../../../platform/tree/index.ts';
import { checkedAttendees } from '../attendees.ts';
import { offlineStudies, offlineStudyAttendees } from '../schema.ts';
import { studyView } from './list-studies.ts';
import { type OfflineState, RECORDING_KINDS, refusedInState, studiedOnProblem } from './rules.ts';
import { studyFor } from './store.ts';
import { submitIn } from './submit-study.ts';

/** The checks every save makes: the day and the attendees (members of the org's subtree). */
async function checked(
  ctx: Ctx,
  db: Queryable,
  org: { path: string; name: string },
  input: EditOfflineStudy,
) {
  const problem = studiedOnProblem(input.studiedOn, shanghaiToday(ctx.now()));
  if (problem) throw fieldError('studiedOn', problem);
  return checkedAttendees(db, org, input.memberIds);
}

async function writeAttendees(tx: Tx, id: number, people: { memberId: number; name: string }[]) {
  await tx.delete(offlineStudyAttendees).where(eq(offlineStudyAttendees.studyId, id));
  await tx
    .insert(offlineStudyAttendees)
    .values(people.map((p) => ({ studyId: id, memberId: p.memberId, name: p.name })));
}

/**
 * 登记线下学习: the org (a branch, a general branch or a committee in the caller's scope), the topic,
 * day, minutes, place and who attended; kept as a draft, or submitted to the superior at once.
 */
export async function recordStudy(ctx: Ctx, input: SaveOfflineStudy): Promise<OfflineStudy> {
  const actor = actorOf(ctx);
  const org = await findOrg(ctx.db, Number(input.orgId));
  if (!org) throw notFound({ zh: '党组织', en: 'Organization' });
  authorize(actor, 'offline_study.record', org.path);
  if (!(RECORDING_KINDS as readonly string[]).includes(org.kind))
    throw fieldError('orgId', {
      zh: '线下学习由党支部、党总支或党委登记，请选择党组织',
      en: 'offline study is recorded by a branch, general branch or committee',
    });
  const people = await checked(ctx, ctx.db, org, input);
  return inTransaction(ctx.db, async (tx) => {
    const now = ctx.now();
    let [s] = await tx
      .insert(offlineStudies)
      .values({
        orgId: org.id,
        orgPath: org.path,
        topic: input.topic,
        studiedOn: input.studiedOn,
        minutes: input.minutes,
        place: input.place,
        summary: input.summary,
        recordedBy: actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await writeAttendees(tx, s.id, people);
    await recordAudit(tx, ctx, {
      action: 'offline_study.recorded',
      targetType: 'offline_study',
      targetId: s.id,
      orgId: org.id,
      orgPath: org.path,
      after: {
        topic: s.topic,
        studiedOn: s.studiedOn,
        minutes: s.minutes,
        place: s.place,
        attendees: people.length,
      },
    });
    if (input.submit) s = await submitIn(tx, ctx, s);
    return studyView(ctx, tx, s);
  });
}

/** 修改: a draft, or a session the superior returned (fixed, then submitted again). */
export async function editStudy(ctx: Ctx, id: number, input: EditOfflineStudy): Promise<OfflineStudy> {
  return inTransaction(ctx.db, async (tx) => {
    const before = await studyFor(ctx, tx, id, 'offline_study.record', true);
    const refused = refusedInState(before.state as OfflineState, 'edit');
    if (refused) throw conflict('offline_state', refused);
    const org = (await findOrg(tx, before.orgId))!;
    const people = await checked(ctx, tx, org, input);
    const [{ n: attendeesBefore }] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(offlineStudyAttendees)
      .where(eq(offlineStudyAttendees.studyId, id));
    let [s] = await tx
      .update(offlineStudies)
      .set({
        topic: input.topic,
        studiedOn: input.studiedOn,
        minutes: input.minutes,
        place: input.place,
        summary: input.summary,
        updatedAt: ctx.now(),
      })
      .where(eq(offlineStudies.id, id))
      .returning();
    await writeAttendees(tx, id, people);
    await recordAudit(tx, ctx, {
      action: 'offline_study.edited',
      targetType: 'offline_study',
      targetId: id,
      orgId: s.orgId,
      orgPath: s.orgPath,
      before: {
        topic: before.topic,
        studiedOn: before.studiedOn,
        minutes: before.minutes,
        place: before.place,
        attendees: attendeesBefore,
      },
      after: {
        topic: s.topic,
        studiedOn: s.studiedOn,
        minutes: s.minutes,
        place: s.place,
        attendees: people.length,
      },
    });
    if (input.submit) s = await submitIn(tx, ctx, s);
    return studyView(ctx, tx, s);
  });
}
