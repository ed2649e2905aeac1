import { type SQL, sql } from 'drizzle-orm';
import { MEMBER_FIELD_LABELS } from '../../../../contracts/labels.ts';
import type { Queryable } from '../../db/client.ts';
import type { IndicatorDef, IndicatorMonth, IndicatorRecord, IndicatorValue } from '../../platform/module.ts';
import { addMonthsToMonth } from '../../platform/time.ts';
import { owingCtes } from './dues/arrears.ts';
import { members } from './schema.ts';
import { COMPLETE, MISSING_FIELDS } from './quality/checks.ts';

/*
 * 党员管理的考核指标 (issue 18): record quality (completeness, update, photo and dues-standard
 * rates, as quality/quality-report.ts computes them), dues arrears, transfers handled in time and
 * completed, and members' logins (here, not in platform/auth, because its denominator is the
 * members of the org, which only this module knows).
 *
 * Record quality is a state: it is measured over the records on file at the month's end, each in
 * the org that held it then. The tables give that much exactly: a record created before the end
 * and not gone out of the deployment by then (left_at), not out of the Party by then (left_on),
 * in the org it was in then — its current org, or, when an internal transfer was accepted after
 * the month, the org that transfer took it from. The fields themselves (phone, photo, work unit)
 * are read as they are now: the history keeps changes masked, not a record's state at a date, so
 * a record completed later improves a closed month's completeness (and photo rate). The update
 * rate and the dues-standard rate are by timestamps (member_history, record_updated_at,
 * dues_standards.recorded_at), so they do not move once the month is over — except for a record
 * whose standard predates the history, read from the record.
 */

type Row = { org_id: string | number; num: number; den?: number };

const values = (rows: Row[], rate: boolean): IndicatorValue[] =>
  rows.map((r) =>
    rate ? { orgId: Number(r.org_id), num: r.num, den: r.den } : { orgId: Number(r.org_id), num: r.num },
  );

const ids = (orgIds: readonly number[]) => `{${orgIds.map((id) => Math.trunc(Number(id))).join(',')}}`;

/** The month's bounds: instants, and the first day of the month and of the next (dates in Asia/Shanghai). */
function bounds(m: IndicatorMonth) {
  return {
    from: sql`${m.from.toISOString()}::timestamptz`,
    to: sql`${m.to.toISOString()}::timestamptz`,
    firstDay: `${m.month}-01`,
    nextFirstDay: `${addMonthsToMonth(m.month, 1)}-01`,
    /** 1 January of the month's year: the update rate counts the year up to the month's end. */
    yearStart: sql`${`${m.month.slice(0, 4)}-01-01T00:00:00+08:00`}::timestamptz`,
  };
}

/**
 * CTEs `moved` and `held`: the records on file at the end of month m, each with `at_org`, the org
 * that held it then (see the comment at the top). `orgs`: only those held by these orgs — read
 * through members_org_idx and the transfers of the members that left them since, never the whole
 * table.
 */
function heldCtes(m: IndicatorMonth, orgIds?: readonly number[]): SQL {
  const b = bounds(m);
  const only = orgIds ? sql`${ids(orgIds)}::int8[]` : null;
  return sql`
    moved as materialized (
      select distinct on (t.member_id) t.member_id, t.from_org_id
        from transfers t
       where t.kind = 'internal' and t.status = 'accepted' and t.decided_at >= ${b.to}
       order by t.member_id, t.decided_at),
    ${
      only
        ? sql`cand as materialized (
      select m.id from members m where m.org_id = any(${only})
      union
      select mv.member_id from moved mv where mv.from_org_id = any(${only})),`
        : sql``
    }
    held as (
      select m.*, coalesce(mv.from_org_id, m.org_id) as at_org
        from members m
        ${only ? sql`join cand on cand.id = m.id` : sql``}
        left join moved mv on mv.member_id = m.id
       where m.created_at < ${b.to}
         and (m.left_at is null or m.left_at >= ${b.to})
         and not (m.party_standing = 'left' and coalesce(m.left_on < ${b.nextFirstDay}::date, true))
         ${only ? sql`and coalesce(mv.from_org_id, m.org_id) = any(${only})` : sql``})`;
}

/** Admitted (probationary or full) by the month's end: those who owe dues and have a standard. */
const ADMITTED = (m: IndicatorMonth) =>
  sql`(m.status in ('probationary', 'full') and (m.joined_on is null or m.joined_on < ${bounds(m).nextFirstDay}::date))`;

/** The record was created, changed or confirmed in the year up to the month's end (timestamps only). */
function updatedInYear(m: IndicatorMonth): SQL {
  const b = bounds(m);
  return sql`(m.created_at >= ${b.yearStart}
    or (m.record_updated_at >= ${b.yearStart} and m.record_updated_at < ${b.to})
    or exists (select 1 from member_history h
                where h.member_id = m.id and h.at >= ${b.yearStart} and h.at < ${b.to}))`;
}

/**
 * A dues standard set (核定) by the month's end: a standard recorded in the history before then,
 * or, for a record whose standard predates the history (rows kept before it was), the standard on
 * the record.
 */
function standardSet(m: IndicatorMonth): SQL {
  const b = bounds(m);
  return sql`(exists (select 1 from dues_standards d where d.member_id = m.id and d.recorded_at < ${b.to})
    or (m.dues_standard_fen is not null and not exists (select 1 from dues_standards d where d.member_id = m.id)))`;
}

/** A rate over the records held at the month's end (`where` narrows the denominator). */
function heldRate(ok: (m: IndicatorMonth) => SQL, where?: (m: IndicatorMonth) => SQL) {
  return async (db: Queryable, m: IndicatorMonth, orgIds?: readonly number[]) => {
    if (orgIds && !orgIds.length) return [];
    const { rows } = await db.execute<Row>(sql`
      with ${heldCtes(m, orgIds)}
      select m.at_org as org_id, (count(*) filter (where ${ok(m)}))::int as num, count(*)::int as den
        from held m join orgs o on o.id = m.at_org
       ${where ? sql`where ${where(m)}` : sql``}
       group by m.at_org`);
    return values(rows, true);
  };
}

type HeldRecord = { id: string; name: string; ok: boolean; at: Date | string | null; note: string | null };

/**
 * One org's records held at the month's end, the ones that fall short first (what the drill-down
 * is for, and `limit` must not hide them), each group most recently changed first.
 */
function heldRecords(
  ok: (m: IndicatorMonth) => SQL,
  note: (m: IndicatorMonth) => SQL,
  where?: (m: IndicatorMonth) => SQL,
) {
  return async (
    db: Queryable,
    orgId: number,
    m: IndicatorMonth,
    limit: number,
  ): Promise<IndicatorRecord[]> => {
    const { rows } = await db.execute<HeldRecord>(sql`
      with ${heldCtes(m, [orgId])}
      select x.* from (
        select m.id, m.name, ${ok(m)} as ok, m.record_updated_at as at, ${note(m)} as note
          from held m join orgs o on o.id = m.at_org
         ${where ? sql`where ${where(m)}` : sql``}) x
       order by x.ok, x.at desc nulls last, x.id desc
       limit ${limit}`);
    return rows.map((r) => ({
      title: r.name,
      at: r.at == null ? null : new Date(r.at).toISOString(),
      counted: r.ok,
      ...(r.note ? { note: r.note } : {}),
      href: `/members/${r.id}`,
    }));
  };
}

/** The missing fields of checks.ts in words (缺少：手机号、工作单位). */
const FIELD_WORDS = sql`jsonb_build_object(${sql.join(
  Object.entries(MEMBER_FIELD_LABELS).flatMap(([k, v]) => [sql`${k}::text`, sql`${v}::text`]),
  sql`, `,
)})`;
const missingNote = sql`(select '缺少：' || string_agg(coalesce(${FIELD_WORDS} ->> f, f), '、')
                           from unnest(${MISSING_FIELDS}) f)`;

const recordComplete: IndicatorDef = {
  key: 'members.record_complete',
  label: { zh: '党员信息完整率', en: 'Member records complete' },
  unit: { zh: '人', en: 'members' },
  measure: 'rate',
  basis: 'outcome',
  target: 0.95,
  compute: heldRate(() => COMPLETE),
  records: heldRecords(
    () => COMPLETE,
    () => sql`case when ${COMPLETE} then null else ${missingNote} end`,
  ),
};

const recordUpdated: IndicatorDef = {
  key: 'members.record_updated',
  label: { zh: '党员信息更新率（本年度）', en: 'Member records updated this year' },
  unit: { zh: '人', en: 'members' },
  measure: 'rate',
  basis: 'outcome',
  target: 0.9,
  compute: heldRate(updatedInYear),
  records: heldRecords(
    updatedInYear,
    (m) =>
      sql`case when ${updatedInYear(m)} then null else ${`${m.month.slice(0, 4)} 年内（截至 ${m.month} 月末）未更新`} end`,
  ),
};

const photo: IndicatorDef = {
  key: 'members.photo',
  label: { zh: '党员照片采集率', en: 'Member records with a photo' },
  unit: { zh: '人', en: 'members' },
  measure: 'rate',
  basis: 'outcome',
  target: 0.9,
  compute: heldRate(() => sql`m.photo is not null`),
  records: heldRecords(
    () => sql`m.photo is not null`,
    () => sql`case when m.photo is null then '缺少照片' end`,
  ),
};

const duesStandard: IndicatorDef = {
  key: 'members.dues_standard',
  label: { zh: '党费标准核定率', en: 'Dues standard set' },
  unit: { zh: '人', en: 'members' },
  measure: 'rate',
  basis: 'outcome',
  target: 1,
  compute: heldRate(standardSet, ADMITTED),
  records: heldRecords(
    standardSet,
    (m) => sql`case when ${standardSet(m)} then null else '未核定党费标准' end`,
    ADMITTED,
  ),
};

/**
 * 欠缴党费: members owing at least one month's dues as of the month's end, by the arrears rule of
 * dues/arrears.ts (owingCtes: Party members in normal standing with a standard, from the month
 * their counting starts, this month's dues included). Every org with members counted appears,
 * with 0 when none owes. Read from the payments as they stand (a late payment for the month
 * settles it afterwards) and in the member's current org, as the arrears report does.
 */
const duesArrears: IndicatorDef = {
  key: 'members.dues_arrears',
  label: { zh: '欠缴党费党员', en: 'Members in dues arrears' },
  unit: { zh: '人', en: 'members' },
  measure: 'count',
  basis: 'outcome',
  better: 'lower',
  target: 0,
  compute: async (db, m, orgIds) => {
    if (orgIds && !orgIds.length) return [];
    const where = orgIds ? sql`${members.orgId} = any(${ids(orgIds)}::int8[])` : sql`true`;
    const { rows } = await db.execute<Row>(sql`
      with ${owingCtes(where, m.month)}
      select b.org_id, (count(*) filter (where o.months_owed > 0))::int as num
        from b left join owing o on o.id = b.id
       group by b.org_id`);
    return values(rows, false);
  },
  records: async (db, orgId, m, limit) => {
    const { rows } = await db.execute<{
      id: string;
      name: string;
      months_owed: number;
      owed_fen: string;
    }>(sql`
      with ${owingCtes(sql`${members.orgId} = ${orgId}`, m.month)}
      select o.id, n.name, o.months_owed, o.owed_fen
        from owing o join members n on n.id = o.id
       where o.months_owed > 0
       order by o.months_owed desc, o.id
       limit ${limit}`);
    // an arrears is a shortfall: what the drill-down shows the org missed
    return rows.map((r) => ({
      title: r.name,
      at: null,
      counted: false,
      note: `欠缴 ${r.months_owed} 个月，共 ${(Number(r.owed_fen) / 100).toFixed(2)} 元`,
      href: '/dues',
    }));
  },
};

/**
 * Internal transfers (系统内转接) the receiving org had to handle in the month: those it accepted
 * or returned in the month within the letter's validity (counted), and those whose letter ran out
 * in the month before it did either (missed, in the month the letter ran out; handled later, they
 * do not count again). A letter the sending side cancelled within its validity was never due.
 * By timestamps only, so a closed month does not move. Outgoing letters wait on an org outside
 * the deployment, and incoming ones are accepted as they are registered: neither is counted.
 */
function dueTransfers(m: IndicatorMonth, where: SQL): SQL {
  const b = bounds(m);
  return sql`
    t as (
      select t.*, (t.decided_at at time zone 'Asia/Shanghai')::date as decided_on
        from transfers t
       where t.kind = 'internal' and t.to_org_id is not null and ${where}
         and ((t.decided_at >= ${b.from} and t.decided_at < ${b.to})
              or (t.valid_until >= ${b.firstDay}::date and t.valid_until < ${b.nextFirstDay}::date))),
    due as (
      select t.*, (t.status in ('accepted', 'returned') and t.decided_on <= t.valid_until) as in_time
        from t
       where not (t.status = 'cancelled' and t.decided_on <= t.valid_until)),
    due_month as (
      select * from due
       where case when in_time then decided_at >= ${b.from} and decided_at < ${b.to}
                  else valid_until >= ${b.firstDay}::date and valid_until < ${b.nextFirstDay}::date end)`;
}

const transfersInTime: IndicatorDef = {
  key: 'members.transfers_in_time',
  label: { zh: '组织关系转接及时办理率', en: 'Transfers handled in time' },
  unit: { zh: '件', en: 'transfers' },
  measure: 'rate',
  basis: 'outcome',
  target: 1,
  compute: async (db, m, orgIds) => {
    if (orgIds && !orgIds.length) return [];
    const where = orgIds ? sql`t.to_org_id = any(${ids(orgIds)}::int8[])` : sql`true`;
    const { rows } = await db.execute<Row>(sql`
      with ${dueTransfers(m, where)}
      select to_org_id as org_id, (count(*) filter (where in_time))::int as num, count(*)::int as den
        from due_month group by to_org_id`);
    return values(rows, true);
  },
  records: async (db, orgId, m, limit) => {
    const { rows } = await db.execute<{
      name: string;
      from_org_name: string;
      in_time: boolean;
      decided_at: Date | string | null;
      decided_on: string | null;
      valid_until: string;
      status: string;
      late_days: number | null;
    }>(sql`
      with ${dueTransfers(m, sql`t.to_org_id = ${orgId}`)}
      select n.name, d.from_org_name, d.in_time, d.decided_at, d.decided_on::text, d.valid_until::text, d.status,
             case when d.decided_on is not null then d.decided_on - d.valid_until end as late_days
        from due_month d join members n on n.id = d.member_id
       order by d.in_time, coalesce(d.decided_at, d.valid_until::timestamptz) desc, d.id desc
       limit ${limit}`);
    return rows.map((r) => {
      const handled = r.status === 'returned' ? '退回' : '接收';
      const note = r.in_time
        ? `介绍信有效期内${handled}`
        : r.decided_on && r.status !== 'cancelled'
          ? `逾期 ${r.late_days} 天${handled}（有效期至 ${r.valid_until}）`
          : `介绍信 ${r.valid_until} 到期，未在有效期内办理`;
      return {
        title: `${r.name}（转自${r.from_org_name}）`,
        // a letter left to run out was not handled: nothing happened then
        at: r.decided_at == null || r.status === 'cancelled' ? null : new Date(r.decided_at).toISOString(),
        counted: r.in_time,
        note,
        href: '/transfers',
      };
    });
  },
};

/**
 * 组织关系线上转接: transfers completed on the platform in the month, given to the org that
 * completed them — the receiving org for an internal transfer or an arrival from outside, the
 * sending org for a letter out of the deployment (completed when its receipt is back).
 */
const completedBy = sql`case when t.kind = 'outgoing' then t.from_org_id else t.to_org_id end`;

const transfersOnline: IndicatorDef = {
  key: 'members.transfers_online',
  label: { zh: '组织关系线上转接', en: 'Transfers completed online' },
  unit: { zh: '件', en: 'transfers' },
  measure: 'count',
  basis: 'outcome',
  compute: async (db, m, orgIds) => {
    if (orgIds && !orgIds.length) return [];
    const b = bounds(m);
    const only = orgIds ? ids(orgIds) : null;
    const { rows } = await db.execute<Row>(sql`
      select ${completedBy} as org_id, count(*)::int as num
        from transfers t
       where t.status = 'accepted' and t.decided_at >= ${b.from} and t.decided_at < ${b.to}
         ${
           only
             ? sql`and ((t.kind <> 'outgoing' and t.to_org_id = any(${only}::int8[]))
                    or (t.kind = 'outgoing' and t.from_org_id = any(${only}::int8[])))`
             : sql``
         }
         and ${completedBy} is not null
       group by 1`);
    return values(rows, false);
  },
  records: async (db, orgId, m, limit) => {
    const b = bounds(m);
    const { rows } = await db.execute<{
      name: string;
      kind: string;
      from_org_name: string;
      to_org_name: string;
      decided_at: Date | string;
    }>(sql`
      select n.name, t.kind, t.from_org_name, t.to_org_name, t.decided_at
        from transfers t join members n on n.id = t.member_id
       where t.status = 'accepted' and t.decided_at >= ${b.from} and t.decided_at < ${b.to}
         and ((t.kind <> 'outgoing' and t.to_org_id = ${orgId}) or (t.kind = 'outgoing' and t.from_org_id = ${orgId}))
       order by t.decided_at desc, t.id desc
       limit ${limit}`);
    return rows.map((r) => ({
      title:
        r.kind === 'outgoing' ? `${r.name}（转往${r.to_org_name}）` : `${r.name}（转自${r.from_org_name}）`,
      at: new Date(r.decided_at).toISOString(),
      counted: true,
      note:
        { internal: '系统内转接', outgoing: '转出系统外，回执已收到', incoming: '系统外转入' }[r.kind] ??
        r.kind,
      href: '/transfers',
    }));
  },
};

/**
 * 党员登录: Party members (probationary, full) held at the month's end whose account signed in at
 * least once in the month, out of those members (with an account or not). The logins are the
 * audit log's auth.login entries (append-only; sessions are purged). An activity figure,
 * information only. Here rather than in platform/auth: the denominator is the org's members.
 */
const partyMembers = (m: IndicatorMonth) => sql`${ADMITTED(m)} and m.party_standing <> 'left'`;

const memberLogins: IndicatorDef = {
  key: 'members.logins',
  label: { zh: '党员登录率', en: 'Members who signed in' },
  unit: { zh: '人', en: 'members' },
  measure: 'rate',
  basis: 'activity',
  compute: async (db, m, orgIds) => {
    if (orgIds && !orgIds.length) return [];
    const b = bounds(m);
    // the month's logins once, from audit_action_idx, rather than a probe per member
    const { rows } = await db.execute<Row>(sql`
      with ${heldCtes(m, orgIds)},
      logged as materialized (
        select distinct a.actor_id from audit_log a
         where a.action = 'auth.login' and a.at >= ${b.from} and a.at < ${b.to} and a.actor_id is not null)
      select m.at_org as org_id, (count(*) filter (where l.actor_id is not null))::int as num, count(*)::int as den
        from held m left join logged l on l.actor_id = m.user_id
       where ${partyMembers(m)}
       group by m.at_org`);
    return values(rows, true);
  },
  records: async (db, orgId, m, limit) => {
    const b = bounds(m);
    const { rows } = await db.execute<{
      id: string;
      name: string;
      n: number;
      last: Date | string | null;
    }>(sql`
      with ${heldCtes(m, [orgId])}
      select m.id, m.name, l.n, l.last
        from held m
        left join lateral (
          select count(*)::int as n, max(a.at) as last from audit_log a
           where m.user_id is not null and a.actor_id = m.user_id and a.action = 'auth.login'
             and a.at >= ${b.from} and a.at < ${b.to}) l on true
       where ${partyMembers(m)}
       order by l.n > 0, l.last desc nulls last, m.id desc
       limit ${limit}`);
    return rows.map((r) => ({
      title: r.name,
      at: r.last == null ? null : new Date(r.last).toISOString(),
      counted: r.n > 0,
      note: r.n > 0 ? `本月登录 ${r.n} 次` : '本月未登录',
      href: `/members/${r.id}`,
    }));
  },
};

export const membersIndicators: IndicatorDef[] = [
  recordComplete,
  recordUpdated,
  photo,
  duesStandard,
  duesArrears,
  transfersInTime,
  transfersOnline,
  memberLogins,
];
