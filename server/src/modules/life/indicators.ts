import { type SQL, sql } from 'drizzle-orm';
import type { ActivityKind } from '../../../../contracts/life/activities.ts';
import { ACTIVITY_KINDS } from '../../../../contracts/life/activities.ts';
import { THOUGHT_REPORT_FREQUENCIES } from '../../../../contracts/life/thought-reports.ts';
import type { Queryable } from '../../db/client.ts';
import type { IndicatorDef, IndicatorMonth, IndicatorRecord } from '../../platform/module.ts';
import { getSetting } from '../../platform/settings/index.ts';
import { addMonthsToMonth, periodOf } from '../../platform/time.ts';
import { figuresOf } from './activities/list-activities.ts';
import { activityFrequencies } from './activities/settings.ts';
import { owedSql } from './thought-reports/due.ts';
import { defaultTitle, periodEndingIn } from './thought-reports/rules.ts';
import { thoughtReportFrequency } from './thought-reports/settings.ts';

/**
 * 考核指标 of 组织生活 and 思想汇报 (issue 18): what each org held, who came, who handed in,
 * counted from the records of the month. Every statement starts from the orgs asked for (all, or
 * `orgIds`) and reaches an org's own activities by its path and id (activities_org_path_idx,
 * activities_org_idx), so rescoring a few orgs reads only theirs.
 */

const KIND_NAMES: Record<ActivityKind, string> = {
  general_meeting: '支部党员大会',
  committee_meeting: '支部委员会会议',
  group_meeting: '党小组会',
  party_lecture: '党课',
  party_day: '主题党日',
  life_meeting: '组织生活会',
  democratic_life_meeting: '民主生活会',
};

/** A Postgres bigint[] literal of ids: one parameter, whatever their number. */
const idArray = (ids: readonly number[]) => `{${ids.map((id) => Math.trunc(Number(id))).join(',')}}`;

/** The orgs a figure is computed for: all, or those asked for. */
const orgsWhere = (col: SQL, orgIds?: readonly number[]) =>
  orgIds ? sql`${col} = any(${idArray(orgIds)}::int8[])` : sql`true`;

/** An org's own held activities in the month, from orgs `o` (by path: activities_org_path_idx). */
const heldJoin = (m: IndicatorMonth) => sql`
  join activities a on a.org_path = o.path and a.org_id = o.id and a.status = 'held'
   and a.starts_at >= ${m.from} and a.starts_at < ${m.to}`;

const activityTitle = (kind: string, topic: string) =>
  `${KIND_NAMES[kind as ActivityKind] ?? kind}：${topic}`;
const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);
const dateOf = (d: Date | string) =>
  new Date(new Date(d).getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

// ── 组织生活开展次数 ─────────────────────────────────────────────────────────────────────────────

const activitiesHeld: IndicatorDef = {
  key: 'life.activities_held',
  label: { zh: '组织生活开展次数', en: 'Party life activities held' },
  unit: { zh: '次', en: 'activities' },
  measure: 'count',
  basis: 'outcome',
  target: 1,
  compute: async (db, m, orgIds) => {
    const { rows } = await db.execute<{ org_id: number; num: number }>(sql`
      select o.id as org_id, count(*)::int as num
        from orgs o ${heldJoin(m)}
       where ${orgsWhere(sql`o.id`, orgIds)}
       group by o.id`);
    return rows.map((r) => ({ orgId: Number(r.org_id), num: r.num }));
  },
  // the month's activities of the org: held ones count; planned ones never minuted and cancelled ones do not
  records: async (db, orgId, m, limit) => {
    const { rows } = await db.execute<{
      id: number;
      kind: string;
      topic: string;
      starts_at: Date;
      status: string;
    }>(sql`
      select a.id, a.kind, a.topic, a.starts_at, a.status
        from orgs o join activities a on a.org_path = o.path and a.org_id = o.id
         and a.starts_at >= ${m.from} and a.starts_at < ${m.to}
       where o.id = ${orgId}
       order by a.starts_at desc, a.id desc limit ${limit}`);
    const recs: IndicatorRecord[] = rows.map((r) => ({
      title: activityTitle(r.kind, r.topic),
      at: iso(r.starts_at),
      counted: r.status === 'held',
      note:
        r.status === 'held' ? '已开展' : r.status === 'cancelled' ? '已取消' : '未记录会议记录，不计为已开展',
      href: `/activities/${r.id}`,
    }));
    return recs.length ? recs : [{ title: '本月未开展组织生活', at: null, counted: false }];
  },
};

// ── 三会一课按规定开展 ───────────────────────────────────────────────────────────────────────────

/**
 * The kinds a branch must have held by the end of the month: those whose period (by the
 * department's frequencies, activities/settings.ts) ends with it — monthly kinds every month,
 * quarterly ones in March, June, September and December, yearly ones in December — each with the
 * first instant of its period. A kind is met by one held activity anywhere in its period.
 */
async function kindsDue(db: Queryable, m: IndicatorMonth) {
  const freqs = await getSetting(db, activityFrequencies);
  const next = `${addMonthsToMonth(m.month, 1)}-01`;
  return ACTIVITY_KINDS.flatMap((kind) => {
    const p = periodOf(freqs[kind], `${m.month}-01`);
    return p && p.next === next
      ? [{ kind, label: p.label, start: new Date(`${p.start}T00:00:00+08:00`) }]
      : [];
  });
}

/**
 * Each branch (as due.ts: the 支部工作条例 binds branches) with each kind due and whether one was
 * held in its period: activities_org_idx (org, kind, start). Every branch on the tree now: orgs
 * keep no date they were founded (created_at is when the row was imported), so a branch set up
 * later shows in an older month when it is recomputed.
 */
function requiredSql(due: Awaited<ReturnType<typeof kindsDue>>, m: IndicatorMonth, where: SQL) {
  const values = sql.join(
    due.map((d) => sql`(${d.kind}::text, ${d.label}::text, ${d.start}::timestamptz)`),
    sql`, `,
  );
  return sql`
    with p(kind, label, start_at) as (values ${values})
    select o.id as org_id, p.kind, p.label,
           (select a.id from activities a
             where a.org_id = o.id and a.kind = p.kind and a.status = 'held'
               and a.starts_at >= p.start_at and a.starts_at < ${m.to}
             order by a.starts_at desc, a.id desc limit 1) as held_id
      from orgs o cross join p
     where o.kind = 'branch' and ${where}`;
}

const requiredKinds: IndicatorDef = {
  key: 'life.required_kinds',
  label: { zh: '三会一课按规定开展', en: 'Required meetings held (三会一课)' },
  unit: { zh: '项', en: 'kinds' },
  measure: 'rate',
  basis: 'outcome',
  target: 1,
  compute: async (db, m, orgIds) => {
    const due = await kindsDue(db, m);
    if (!due.length) return [];
    const { rows } = await db.execute<{ org_id: number; num: number; den: number }>(sql`
      select org_id, count(held_id)::int as num, count(*)::int as den
        from (${requiredSql(due, m, orgsWhere(sql`o.id`, orgIds))}) r
       group by org_id`);
    return rows.map((r) => ({ orgId: Number(r.org_id), num: r.num, den: r.den }));
  },
  // each kind due: the activity that met it, or the kind missed
  records: async (db, orgId, m, limit) => {
    const due = await kindsDue(db, m);
    if (!due.length) return [];
    const { rows } = await db.execute<{
      kind: string;
      label: string;
      held_id: number | null;
      topic: string | null;
      starts_at: Date | null;
    }>(sql`
      select r.kind, r.label, r.held_id, a.topic, a.starts_at
        from (${requiredSql(due, m, sql`o.id = ${orgId}`)}) r
        left join activities a on a.id = r.held_id
       order by a.starts_at desc nulls last, r.kind limit ${limit}`);
    return rows.map((r) =>
      r.held_id
        ? {
            title: activityTitle(r.kind, r.topic ?? ''),
            at: iso(r.starts_at),
            counted: true,
            note: `${r.label} 已开展`,
            href: `/activities/${r.held_id}`,
          }
        : {
            title: KIND_NAMES[r.kind as ActivityKind] ?? r.kind,
            at: null,
            counted: false,
            note: `${r.label} 未开展`,
          },
    );
  },
};

// ── 出勤率 ─────────────────────────────────────────────────────────────────────────────────────

const attendance: IndicatorDef = {
  key: 'life.attendance',
  label: { zh: '组织生活出勤率', en: 'Attendance at Party life activities' },
  unit: { zh: '人次', en: 'attendances' },
  measure: 'rate',
  basis: 'outcome',
  target: 0.9,
  // present over due (activities/rules.ts attendance): those expected or signed in, less approved leave not present
  compute: async (db, m, orgIds) => {
    const { rows } = await db.execute<{ org_id: number; num: number; den: number }>(sql`
      select o.id as org_id, sum(f.present)::int as num, sum(f.due)::int as den
        from orgs o ${heldJoin(m)}
        ${figuresOf(sql`a.id`)}
       where ${orgsWhere(sql`o.id`, orgIds)}
       group by o.id
      having sum(f.due) > 0`);
    return rows.map((r) => ({ orgId: Number(r.org_id), num: r.num, den: r.den }));
  },
  // each attendee due at the org's held activities: signed in, or not (with why)
  records: async (db, orgId, m, limit) => {
    const { rows } = await db.execute<{
      id: number;
      kind: string;
      topic: string;
      starts_at: Date;
      name: string;
      signed_in_at: Date | null;
      method: string | null;
      leave: string | null;
    }>(sql`
      select a.id, a.kind, a.topic, a.starts_at, t.name, t.signed_in_at, t.method, t.leave
        from orgs o ${heldJoin(m)}
        join activity_attendees t on t.activity_id = a.id
         and (t.expected or t.signed_in_at is not null)
         and not (t.leave is not distinct from 'approved' and t.signed_in_at is null)
       where o.id = ${orgId}
       order by a.starts_at desc, a.id desc, t.signed_in_at is not null, t.name limit ${limit}`);
    const how: Record<string, string> = { qr: '扫码签到', card: '学习卡签到', roll_call: '点名登记' };
    return rows.map((r) => ({
      title: `${r.name}（${activityTitle(r.kind, r.topic)}）`,
      at: iso(r.signed_in_at),
      counted: r.signed_in_at != null,
      note: r.signed_in_at
        ? (how[r.method ?? ''] ?? '已签到')
        : r.leave === 'requested'
          ? '请假未审批，缺席'
          : r.leave === 'refused'
            ? '请假未获批准，缺席'
            : '未签到',
      href: `/activities/${r.id}`,
    }));
  },
};

// ── 活动照片 ───────────────────────────────────────────────────────────────────────────────────

const activityPhotos: IndicatorDef = {
  key: 'life.activity_photos',
  label: { zh: '组织生活留存照片', en: 'Activities with photos' },
  unit: { zh: '次', en: 'activities' },
  measure: 'rate',
  basis: 'outcome',
  target: 1,
  // held activities with at least one photo over held activities (activity_files_activity_idx)
  compute: async (db, m, orgIds) => {
    const { rows } = await db.execute<{ org_id: number; num: number; den: number }>(sql`
      select o.id as org_id,
             count(*) filter (where exists (select 1 from activity_files f where f.activity_id = a.id and f.kind = 'photo'))::int as num,
             count(*)::int as den
        from orgs o ${heldJoin(m)}
       where ${orgsWhere(sql`o.id`, orgIds)}
       group by o.id`);
    return rows.map((r) => ({ orgId: Number(r.org_id), num: r.num, den: r.den }));
  },
  records: async (db, orgId, m, limit) => {
    const { rows } = await db.execute<{
      id: number;
      kind: string;
      topic: string;
      starts_at: Date;
      photos: number;
    }>(sql`
      select a.id, a.kind, a.topic, a.starts_at,
             (select count(*) from activity_files f where f.activity_id = a.id and f.kind = 'photo')::int as photos
        from orgs o ${heldJoin(m)}
       where o.id = ${orgId}
       order by a.starts_at desc, a.id desc limit ${limit}`);
    return rows.map((r) => ({
      title: activityTitle(r.kind, r.topic),
      at: iso(r.starts_at),
      counted: r.photos > 0,
      note: r.photos > 0 ? `${r.photos} 张照片` : '缺少照片',
      href: `/activities/${r.id}`,
    }));
  },
};

// ── 思想汇报按期提交 ─────────────────────────────────────────────────────────────────────────────

/**
 * The reports owed for periods that end in the month (thought-reports/due.ts owedSql: each writer
 * at their branch's frequency, a writer the whole period), with the report handed in for it, if
 * any. Handed in on time: by the month's end (the period's end), so a closed month keeps its
 * figure when a late report comes. Given to the writer's org.
 */
async function owedInMonth(db: Queryable, m: IndicatorMonth, orgIds?: readonly number[]) {
  const periods = THOUGHT_REPORT_FREQUENCIES.flatMap((f) => periodEndingIn(m.month, f) ?? []);
  if (!periods.length) return null;
  const paths = orgIds
    ? (
        await db.execute<{ path: string }>(
          sql`select path from orgs where id = any(${idArray(orgIds)}::int8[])`,
        )
      ).rows.map((r) => r.path)
    : ['/'];
  if (!paths.length) return null;
  const owed = owedSql(paths, periods, await getSetting(db, thoughtReportFrequency));
  return sql`
    select o.org_id, o.member_id, o.name, o.label, r.id as report_id, r.title, r.submitted_at,
           (r.submitted_at is not null and r.submitted_at < ${m.to}) as on_time
      from (${owed}) o
      left join thought_reports r on r.member_id = o.member_id and r.period = o.label
     where ${orgsWhere(sql`o.org_id`, orgIds)}`;
}

const thoughtReports: IndicatorDef = {
  key: 'life.thought_reports',
  label: { zh: '思想汇报按期提交', en: 'Thought reports handed in on time' },
  unit: { zh: '份', en: 'reports' },
  measure: 'rate',
  basis: 'outcome',
  target: 1,
  compute: async (db, m, orgIds) => {
    const owed = await owedInMonth(db, m, orgIds);
    if (!owed) return [];
    const { rows } = await db.execute<{ org_id: number; num: number; den: number }>(sql`
      select org_id, count(*) filter (where on_time)::int as num, count(*)::int as den
        from (${owed}) w group by org_id`);
    return rows.map((r) => ({ orgId: Number(r.org_id), num: r.num, den: r.den }));
  },
  records: async (db, orgId, m, limit) => {
    const owed = await owedInMonth(db, m, [orgId]);
    if (!owed) return [];
    const { rows } = await db.execute<{
      name: string;
      label: string;
      report_id: number | null;
      title: string | null;
      submitted_at: Date | null;
      on_time: boolean;
    }>(sql`select * from (${owed}) w order by w.submitted_at desc nulls last, w.name limit ${limit}`);
    return rows.map((r) => ({
      title: `${r.name}：${r.title ?? defaultTitle(r.label)}`,
      at: iso(r.submitted_at),
      counted: r.on_time,
      note: r.on_time ? '按期提交' : r.submitted_at ? `逾期提交（${dateOf(r.submitted_at)}）` : '未提交',
      href: '/thought-reports',
    }));
  },
};

/** The life module's 考核指标, in the order a scheme lists them. */
export const lifeIndicators: IndicatorDef[] = [
  activitiesHeld,
  requiredKinds,
  attendance,
  activityPhotos,
  thoughtReports,
];
