import type { Role } from '../../../../contracts/auth.ts';
import type { SeedContext } from '../module.ts';
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
    await ctx.db.insert(roleGrants).values({ userId: u.id, role: a.role, orgId });
  }
  ctx.log(`演示账号 ${DEMO_ACCOUNTS.length} 个`);
}
