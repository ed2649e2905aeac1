import type { Role } from '../../../../contracts/auth.ts';
import { sql } from 'drizzle-orm';
import { demoRandom } from '../../db/demo-random.ts';
import type { SeedContext } from '../module.ts';
import { addMonthsToMonth, shanghaiMonth, shanghaiMonthRange } from '../time.ts';
import { hashPassword } from './passwords.ts';
import { roleGrants, users } from './schema.ts';
import { nextIds } from '../../db/client.ts';
import { phoneColumns } from './users.ts';

export const DEMO_PASSWORD = 'Hongyun@2026';

/** One account per role, on the orgs the orgs seed marked; printed by `npm start`. */
export const DEMO_ACCOUNTS: {
  username: string;
  displayName: string;
  phone: string;
  role: Role;
  on: string;
  what: string;
}[] = [
  {
    username: 'admin',
    displayName: '王建国',
    phone: '13800000001',
    role: 'dept_admin',
    on: 'root',
    what: '组织部管理员（全区）',
  },
  {
    username: 'town_admin',
    displayName: '李红梅',
    phone: '13800000002',
    role: 'org_admin',
    on: 'town1',
    what: '党组织管理员（第一个镇）',
  },
  {
    username: 'town2_admin',
    displayName: '张志强',
    phone: '13800000003',
    role: 'org_admin',
    on: 'town2',
    what: '党组织管理员（第二个镇）',
  },
  {
    username: 'secretary',
    displayName: '刘建华',
    phone: '13800000004',
    role: 'secretary',
    on: 'villageBranch',
    what: '村党支部书记',
  },
  {
    username: 'station',
    displayName: '赵站长',
    phone: '13800000005',
    role: 'station_manager',
    on: 'villageBranchParent',
    what: '远教站点管理员',
  },
  {
    username: 'member',
    displayName: '陈小梅',
    phone: '13800000006',
    role: 'member',
    on: 'villageBranch',
    what: '党员',
  },
];

export async function seedAccounts(ctx: SeedContext) {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const now = new Date();
  const yearAgo = new Date(now.getTime() - 365 * 86_400_000);
  const ids: { id: number; username: string; role: Role; orgId?: number }[] = [];
  for (const a of DEMO_ACCOUNTS) {
    const orgId = ctx.demo[a.on];
    const [id] = await nextIds(ctx.db, 'users', 1);
    const [u] = await ctx.db
      .insert(users)
      .values({
        id,
        username: a.username,
        displayName: a.displayName,
        ...phoneColumns(ctx, a.phone, id),
        passwordHash,
        orgId,
      })
      .returning({ id: users.id });
    // granted a year ago, as a district's admins were: the assessment counts an admin as expected to
    // sign in from the month of the grant
    await ctx.db.insert(roleGrants).values({ userId: u.id, role: a.role, orgId, createdAt: yearAgo });
    ids.push({ ...a, id: u.id, orgId });
  }
  await seedAdminLogins(ctx, ids, now);
  ctx.log(`演示账号 ${DEMO_ACCOUNTS.length} 个`);
}

/**
 * The demo admins' sign-ins of last month and this one (the assessment's 管理员登录率): each signs in
 * most working days, the station manager hardly ever — a bulletin has someone to remind; the
 * department's own admin has not signed in yet (the README's walkthrough starts with it). The audit
 * log's auth.login entries as finishLogin writes them, dated in the past, marked 演示数据 in the user
 * agent column so they are not mistaken for real sign-ins.
 */
async function seedAdminLogins(
  ctx: SeedContext,
  accounts: { id: number; username: string; role: Role; orgId?: number }[],
  now: Date,
) {
  const r = demoRandom(17);
  const thisMonth = shanghaiMonth(now);
  const rows: Record<string, unknown>[] = [];
  for (const month of [addMonthsToMonth(thisMonth, -1), thisMonth]) {
    const { from } = shanghaiMonthRange(month);
    for (let day = 0; day < 31; day++) {
      // between 9 and 10 o'clock Shanghai on that day
      const at = new Date(from.getTime() + day * 86_400_000 + 3_600_000 * (9 + r()));
      if (shanghaiMonth(at) !== month || at.getTime() > now.getTime() - 3_600_000) break;
      const weekday = new Date(at.getTime() + 8 * 3_600_000).getUTCDay();
      for (const a of accounts) {
        // not the department's admin: their first sign-in enrols 两步验证, still to come in the demo
        if (a.role === 'member' || a.role === 'dept_admin') continue;
        const p =
          a.role === 'station_manager' ? (month === thisMonth ? 0.1 : 0) : weekday % 6 === 0 ? 0.1 : 0.7;
        if (r() >= p) continue;
        rows.push({ at: at.toISOString(), actor_id: a.id, actor_name: a.username, org_id: a.orgId ?? null });
      }
    }
  }
  if (!rows.length) return;
  await ctx.db.execute(sql`
    insert into audit_log (at, actor_id, actor_name, action, target_type, target_id, org_id, org_path, after, user_agent)
    select x.at, x.actor_id, x.actor_name, 'auth.login', 'user', x.actor_id::text, x.org_id, o.path,
           '{"credential": "password"}'::jsonb, ${DEMO_LOGIN_AGENT}
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(at timestamptz, actor_id int8, actor_name text, org_id int8)
      left join orgs o on o.id = x.org_id
     order by x.at`);
  await markLastLogins(ctx);
}

/** The marker the demo's past sign-ins carry in the audit log's user agent column. */
export const DEMO_LOGIN_AGENT = '演示数据 (demo seed)';

/** users.last_login_at of the accounts the demo gave a sign-in history (the user list shows it). */
export async function markLastLogins(ctx: SeedContext) {
  await ctx.db.execute(sql`
    update users u set last_login_at = x.last
      from (select actor_id, max(at) as last from audit_log
             where action = 'auth.login' and user_agent = ${DEMO_LOGIN_AGENT} group by actor_id) x
     where u.id = x.actor_id`);
}
