import { type SQL, sql } from 'drizzle-orm';
import { ADMIN_ROLES } from '../../../../contracts/auth.ts';
import { ROLE_LABELS } from '../../../../contracts/labels.ts';
import type { Queryable } from '../../db/client.ts';
import type { IndicatorDef, IndicatorMonth } from '../module.ts';

/*
 * 管理员登录 (issue 18, "logins expected vs made"): an activity figure, shown for information
 * only (the 2024 rules against formalism, the 2026 rules for government apps). Members' logins are
 * the members module's (members.logins): their denominator is the org's members, which the
 * platform does not read.
 *
 * Logins are read from the audit log (auth.login, written by finishLogin with the account as
 * actor): append-only and kept, where sessions are purged and users.last_login_at holds only the
 * last one.
 */

const ROLES = `{${ADMIN_ROLES.join(',')}}`;

/**
 * The admins expected to sign in: each account holding an admin role on an org, granted before the
 * month's end (a grant is deleted when revoked, so one revoked since is not seen), once per org.
 * A password login only: a study-card session acts as a member, whatever grants the account holds.
 */
function adminCtes(m: IndicatorMonth, orgs: SQL | null): SQL {
  const to = sql`${m.to.toISOString()}::timestamptz`;
  const from = sql`${m.from.toISOString()}::timestamptz`;
  return sql`
    admins as (
      select g.org_id, g.user_id, array_agg(g.role order by g.role) as roles
        from role_grants g
       where g.role = any(${ROLES}::text[]) and g.created_at < ${to} ${orgs ? sql`and g.org_id = any(${orgs})` : sql``}
       group by g.org_id, g.user_id),
    logins as (
      select a.actor_id as user_id, count(*)::int as n, max(a.at) as last
        from audit_log a
       where a.action = 'auth.login' and a.at >= ${from} and a.at < ${to}
         and a.actor_id in (select user_id from admins)
         and coalesce(a.after ->> 'credential', 'password') = 'password'
       group by a.actor_id)`;
}

const adminLogins: IndicatorDef = {
  key: 'auth.admin_logins',
  label: { zh: '管理员登录率', en: 'Admins who signed in' },
  unit: { zh: '人', en: 'admins' },
  measure: 'rate',
  basis: 'activity',
  compute: async (db: Queryable, m, orgIds) => {
    if (orgIds && !orgIds.length) return [];
    const only = orgIds ? sql`${`{${orgIds.map((id) => Math.trunc(Number(id))).join(',')}}`}::int8[]` : null;
    const { rows } = await db.execute<{ org_id: string; num: number; den: number }>(sql`
      with ${adminCtes(m, only)}
      select ad.org_id, (count(*) filter (where l.user_id is not null))::int as num, count(*)::int as den
        from admins ad left join logins l on l.user_id = ad.user_id
       group by ad.org_id`);
    return rows.map((r) => ({ orgId: Number(r.org_id), num: r.num, den: r.den }));
  },
  records: async (db, orgId, m, limit) => {
    const { rows } = await db.execute<{
      display_name: string;
      roles: string[];
      n: number | null;
      last: Date | string | null;
    }>(sql`
      with ${adminCtes(m, sql`array[${orgId}]::int8[]`)}
      select u.display_name, ad.roles, l.n, l.last
        from admins ad join users u on u.id = ad.user_id left join logins l on l.user_id = ad.user_id
       order by l.user_id is not null, l.last desc nulls last, ad.user_id desc
       limit ${limit}`);
    return rows.map((r) => {
      const roles = r.roles.map((x) => ROLE_LABELS[x as keyof typeof ROLE_LABELS]?.zh ?? x).join('、');
      return {
        title: `${r.display_name}（${roles}）`,
        at: r.last == null ? null : new Date(r.last).toISOString(),
        counted: r.n != null,
        note: r.n != null ? `本月登录 ${r.n} 次` : '本月未登录',
        href: '/users',
      };
    });
  },
};

export const authIndicators: IndicatorDef[] = [adminLogins];
