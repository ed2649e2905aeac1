import { makeMember } from '../../../../test/fixtures.ts';
import { query, type TestEnv } from '../../../../test/harness.ts';
import { bind } from '../../../platform/pii/index.ts';

/** Factories for the pools in tests and matrix cases: rows made straight in the database. */

let seq = 0;

/** A teacher kept by `orgId` (not shared unless asked), with an encrypted phone. */
export async function makeTeacher(
  env: TestEnv,
  orgId: number,
  opts: { shared?: boolean; name?: string } = {},
) {
  seq += 1;
  const [t] = await query<{ id: string }>(
    env,
    `insert into teachers (org_id, org_path, shared, name, unit, title, topics)
     select id, path, $2, $3, '区委党校', '讲师', '{党史,基层治理}' from orgs where id = $1 returning id`,
    [orgId, opts.shared ?? false, opts.name ?? `测试教师${process.pid}-${seq}`],
  );
  const id = Number(t.id);
  await query(env, 'update teachers set phone_enc = $2 where id = $1', [
    id,
    env.pii.encrypt('13800138000', bind('teachers', 'phone', id)),
  ]);
  return id;
}

/** A lecture of the teacher for `orgId`, `daysAgo` days ago, attended by the members given (or a new one). */
export async function makeLecture(
  env: TestEnv,
  teacherId: number,
  orgId: number,
  opts: { daysAgo?: number; memberIds?: number[] } = {},
) {
  const memberIds = opts.memberIds ?? [(await makeMember(env, orgId)).id];
  const [l] = await query<{ id: string }>(
    env,
    `insert into lectures (teacher_id, org_id, org_path, lectured_on, topic, attendee_count)
     select $1, id, path, (now() at time zone 'Asia/Shanghai')::date - $3::int, '学习贯彻党的二十届四中全会精神', $4
       from orgs where id = $2 returning id`,
    [teacherId, orgId, opts.daysAgo ?? 2, memberIds.length],
  );
  await query(
    env,
    `insert into lecture_attendees (lecture_id, member_id, name)
     select $1, id, name from members where id = any($2::int8[])`,
    [l.id, memberIds],
  );
  return { id: Number(l.id), memberIds };
}

/** A training base kept by `orgId`, with an encrypted contact phone. */
export async function makeBase(env: TestEnv, orgId: number, opts: { shared?: boolean } = {}) {
  seq += 1;
  const [b] = await query<{ id: string }>(
    env,
    `insert into training_bases (org_id, org_path, shared, name, address, capacity, themes, contact_name)
     select id, path, $2, $3, '青山区红旗路 1 号', 120, '{革命传统}', '王老师' from orgs where id = $1 returning id`,
    [orgId, opts.shared ?? false, `测试教育基地${process.pid}-${seq}`],
  );
  const id = Number(b.id);
  await query(env, 'update training_bases set contact_phone_enc = $2 where id = $1', [
    id,
    env.pii.encrypt('13900139000', bind('training_bases', 'contact_phone', id)),
  ]);
  return id;
}
