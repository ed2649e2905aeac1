import { eq, inArray, sql } from 'drizzle-orm';
import type { OnlineClass, SaveClass } from '../../../../../contracts/learning/classes.ts';
import { inTransaction, type Queryable, type Tx } from '../../../db/client.ts';
import { type Actor, authorize, can } from '../../../platform/access/index.ts';
import { recordAudit } from '../../../platform/audit/service.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { fieldError, notFound } from '../../../platform/http/errors.ts';
import { findOrg, type OrgRow } from '../../../platform/tree/index.ts';
import { type ActivityPerson, activityPeople } from '../../members/index.ts';
import { courses, onlineClassCourses, onlineClasses, onlineClassMembers } from '../schema.ts';
import { readClassIn } from './list-classes.ts';
import { courseOpenTo } from './rules.ts';
import { classFor } from './store.ts';

/**
 * The cohort resolved to members: an org's subtree (those who take part in the Party's
 * organizational life: members' activityPeople), or the members picked — each of them inside the
 * caller's scope, else 400 naming the field.
 */
async function resolveCohort(db: Queryable, actor: Actor, input: SaveClass) {
  if (input.cohortKind === 'org') {
    const org = await findOrg(db, Number(input.cohortOrgId));
    if (!org || !can(actor, 'class.manage', org.path))
      throw fieldError('cohortOrgId', {
        zh: '学员所在党组织不在您的管理范围内',
        en: 'the cohort’s org is outside your scope',
      });
    const people = await activityPeople(db, { orgPath: org.path });
    if (!people.length)
      throw fieldError('cohortOrgId', {
        zh: '该党组织没有可参加学习的党员',
        en: 'this org has no members to teach',
      });
    return { cohortOrg: org as OrgRow | null, people, paths: [org.path] };
  }
  const named = [...new Set(input.memberIds.map(Number))];
  const people = await activityPeople(db, { memberIds: named });
  const inside = people.filter((p) => can(actor, 'class.manage', p.orgPath));
  const ok = new Set(inside.map((p) => p.memberId));
  const stray = named.filter((id) => !ok.has(id));
  if (stray.length)
    throw fieldError('memberIds', {
      zh: `有 ${stray.length} 名党员不在您的管理范围内，或不在正常党籍状态（编号 ${stray.slice(0, 5).join('、')}）`,
      en: `${stray.length} member(s) are outside your scope or not in good standing (${stray.slice(0, 5).join(', ')})`,
    });
  return { cohortOrg: null, people: inside, paths: [...new Set(inside.map((p) => p.orgPath))] };
}

/** Each course of the plan published and open to every member of the cohort, else 400 naming courseIds. */
async function checkedPlan(db: Queryable, courseIds: readonly string[], cohortPaths: readonly string[]) {
  const ids = courseIds.map(Number);
  const rows = await db
    .select({ id: courses.id, title: courses.title, status: courses.status, scopePath: courses.scopePath })
    .from(courses)
    .where(inArray(courses.id, ids));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const missing = ids.filter((id) => !byId.has(id));
  if (missing.length)
    throw fieldError('courseIds', {
      zh: `课程（编号 ${missing.slice(0, 5).join('、')}）不存在`,
      en: `no course ${missing.slice(0, 5).join(', ')}`,
    });
  const closed = rows.filter((r) => !courseOpenTo(r, cohortPaths));
  if (closed.length)
    throw fieldError('courseIds', {
      zh: `课程“${closed[0].title}”未发布，或不对全体学员开放，不能列入课程计划`,
      en: `the course “${closed[0].title}” is not published, or not open to every member of the cohort`,
    });
}

async function writeCohort(tx: Tx, classId: number, people: ActivityPerson[], courseIds: readonly string[]) {
  await tx.delete(onlineClassCourses).where(eq(onlineClassCourses.classId, classId));
  await tx
    .insert(onlineClassCourses)
    .values(courseIds.map((c, i) => ({ classId, courseId: Number(c), position: i + 1 })));
  await tx.delete(onlineClassMembers).where(eq(onlineClassMembers.classId, classId));
  // one statement for a whole town's members
  await tx.execute(sql`
    insert into online_class_members (class_id, member_id, org_id, org_path, name)
    select ${classId}::int8, m, o, p, n
      from unnest(${sql.param(people.map((p) => p.memberId))}::int8[], ${sql.param(people.map((p) => p.orgId))}::int8[],
                  ${sql.param(people.map((p) => p.orgPath))}::text[], ${sql.param(people.map((p) => p.name))}::text[])
           as x(m, o, p, n)`);
}

const audited = (c: typeof onlineClasses.$inferSelect, input: SaveClass) => ({
  name: c.name,
  cohortKind: c.cohortKind,
  cohortOrgId: c.cohortOrgId,
  members: c.memberCount,
  courses: input.courseIds,
  startsOn: c.startsOn,
  deadline: c.deadline,
});

/** 开设网上班级: the org that runs it (in the caller's scope), the cohort, the plan, the dates. */
export async function createClass(ctx: Ctx, input: SaveClass): Promise<OnlineClass> {
  const actor = actorOf(ctx);
  const org = await findOrg(ctx.db, Number(input.orgId));
  if (!org) throw notFound({ zh: '党组织', en: 'Organization' });
  authorize(actor, 'class.manage', org.path);
  const cohort = await resolveCohort(ctx.db, actor, input);
  await checkedPlan(ctx.db, input.courseIds, cohort.paths);
  return inTransaction(ctx.db, async (tx) => {
    const now = ctx.now();
    const [c] = await tx
      .insert(onlineClasses)
      .values({
        orgId: org.id,
        orgPath: org.path,
        name: input.name,
        description: input.description,
        cohortKind: input.cohortKind,
        cohortOrgId: cohort.cohortOrg?.id ?? null,
        memberCount: cohort.people.length,
        startsOn: input.startsOn,
        deadline: input.deadline,
        createdBy: actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await writeCohort(tx, c.id, cohort.people, input.courseIds);
    await recordAudit(tx, ctx, {
      action: 'class.created',
      targetType: 'online_class',
      targetId: c.id,
      orgId: org.id,
      orgPath: org.path,
      after: audited(c, input),
    });
    return readClassIn(ctx, tx, c.id);
  });
}

/** 修改网上班级: the same fields; the cohort is resolved again. The running org does not change. */
export async function editClass(ctx: Ctx, id: number, input: SaveClass): Promise<OnlineClass> {
  const actor = actorOf(ctx);
  return inTransaction(ctx.db, async (tx) => {
    const before = await classFor(ctx, tx, id, 'class.manage', true);
    if (Number(input.orgId) !== before.orgId)
      throw fieldError('orgId', {
        zh: '举办班级的党组织不能修改，请新开班级',
        en: 'a class’s org cannot change; open a new one',
      });
    const cohort = await resolveCohort(tx, actor, input);
    await checkedPlan(tx, input.courseIds, cohort.paths);
    const planBefore = await tx
      .select({ id: onlineClassCourses.courseId })
      .from(onlineClassCourses)
      .where(eq(onlineClassCourses.classId, id))
      .orderBy(onlineClassCourses.position);
    const [c] = await tx
      .update(onlineClasses)
      .set({
        name: input.name,
        description: input.description,
        cohortKind: input.cohortKind,
        cohortOrgId: cohort.cohortOrg?.id ?? null,
        memberCount: cohort.people.length,
        startsOn: input.startsOn,
        deadline: input.deadline,
        updatedAt: ctx.now(),
      })
      .where(eq(onlineClasses.id, id))
      .returning();
    await writeCohort(tx, id, cohort.people, input.courseIds);
    await recordAudit(tx, ctx, {
      action: 'class.edited',
      targetType: 'online_class',
      targetId: id,
      orgId: c.orgId,
      orgPath: c.orgPath,
      before: audited(before, { ...input, courseIds: planBefore.map((p) => String(p.id)) }),
      after: audited(c, input),
    });
    return readClassIn(ctx, tx, id);
  });
}
