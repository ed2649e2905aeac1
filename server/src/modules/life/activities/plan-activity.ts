import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { Activity, PlanActivity } from '../../../../../contracts/life/activities.ts';
import { inTransaction } from '../../../db/client.ts';
import { authorize } from '../../../platform/access/index.ts';
import { recordAudit } from '../../../platform/audit/service.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { fieldError, notFound } from '../../../platform/http/errors.ts';
import { findOrg } from '../../../platform/tree/index.ts';
import { activityPeople } from '../../members/index.ts';
import { activities, activityAttendees } from '../schema.ts';
import { refusedInput } from './errors.ts';
import { noticeAttendees } from './notice.ts';
import { activityView } from './read-activity.ts';
import { planProblems } from './rules.ts';

/** 三会一课 and the other activities are a branch's (or a general branch's) work. */
const PLANNING_ORGS = ['branch', 'general_branch'];

/**
 * 计划组织生活: the branch, kind, topic, place and time, and who is expected — by default every
 * member of the branch who takes part (members' activityPeople) — then a notice to each of them,
 * all in one transaction.
 */
export async function planActivity(ctx: Ctx, input: z.infer<typeof PlanActivity>): Promise<Activity> {
  const actor = actorOf(ctx);
  const org = await findOrg(ctx.db, Number(input.orgId));
  if (!org) throw notFound({ zh: '党组织', en: 'Organization' });
  authorize(actor, 'activity.manage', org.path);
  if (!PLANNING_ORGS.includes(org.kind))
    throw fieldError('orgId', {
      zh: '组织生活由党支部（党总支）组织，请选择党支部',
      en: 'activities are planned by a branch; choose a branch',
    });
  const startsAt = new Date(input.startsAt);
  const endsAt = new Date(input.endsAt);
  const problems = planProblems({ startsAt, endsAt }, ctx.now());
  if (problems.length) throw refusedInput(problems, { zh: '活动未计划', en: 'Activity not planned' });

  const named = input.memberIds?.map(Number);
  const people = await activityPeople(ctx.db, named ? { memberIds: named } : { orgPath: org.path });
  const inBranch = people.filter((p) => p.orgPath.startsWith(org.path));
  if (named) {
    const ok = new Set(inBranch.map((p) => p.memberId));
    const stray = [...new Set(named)].filter((id) => !ok.has(id));
    if (stray.length)
      throw fieldError('memberIds', {
        zh: `有 ${stray.length} 名党员不属于${org.name}，或不在正常党籍状态（编号 ${stray.slice(0, 5).join('、')}）`,
        en: `${stray.length} member(s) are not members of this branch in good standing (${stray.slice(0, 5).join(', ')})`,
      });
  }
  if (!inBranch.length)
    throw fieldError(named ? 'memberIds' : 'orgId', {
      zh: `${org.name}没有可参加组织生活的党员`,
      en: 'this branch has no members to take part',
    });

  return inTransaction(ctx.db, async (tx) => {
    const now = ctx.now();
    const [a] = await tx
      .insert(activities)
      .values({
        orgId: org.id,
        orgPath: org.path,
        kind: input.kind,
        topic: input.topic,
        place: input.place,
        startsAt,
        endsAt,
        secret: randomBytes(32).toString('base64url'),
        plannedBy: actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await tx
      .insert(activityAttendees)
      .values(inBranch.map((p) => ({ activityId: a.id, memberId: p.memberId, name: p.name })));
    const sent = await noticeAttendees(tx, ctx, a, inBranch);
    await recordAudit(tx, ctx, {
      action: 'activity.planned',
      targetType: 'activity',
      targetId: a.id,
      orgId: org.id,
      orgPath: org.path,
      after: {
        kind: a.kind,
        topic: a.topic,
        place: a.place,
        startsAt: a.startsAt,
        endsAt: a.endsAt,
        attendees: inBranch.length,
        noticeId: sent.noticeId,
      },
    });
    return activityView(ctx, tx, a);
  });
}
