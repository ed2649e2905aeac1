import { makeMember } from '../../../../test/fixtures.ts';
import { query, type TestEnv } from '../../../../test/harness.ts';
import { makeCourse } from '../library/fixtures.ts';

/** Factories for online classes in tests and matrix cases: rows made straight in the database. */

let seq = 0;

/** A class run by `orgId` with one new member of it in the cohort and one course open to it. */
export async function makeClass(env: TestEnv, orgId: number) {
  seq += 1;
  const m = await makeMember(env, orgId);
  const course = await makeCourse(env, orgId);
  const [c] = await query<{ id: string }>(
    env,
    `insert into online_classes (org_id, org_path, name, cohort_kind, cohort_org_id, member_count, starts_on, deadline)
     select id, path, $2, 'org', id, 1, '2026-01-01', '2026-12-31' from orgs where id = $1 returning id`,
    [orgId, `测试网上班级${process.pid}-${seq}`],
  );
  await query(env, 'insert into online_class_courses (class_id, course_id, position) values ($1, $2, 1)', [
    c.id,
    course.id,
  ]);
  await query(
    env,
    `insert into online_class_members (class_id, member_id, org_id, org_path, name)
     select $1, id, org_id, org_path, name from members where id = $2`,
    [c.id, m.id],
  );
  return { id: Number(c.id), memberId: m.id, courseId: course.id };
}
