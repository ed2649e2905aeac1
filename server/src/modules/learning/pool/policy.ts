import { and, type Column, eq, inArray, or, type SQL } from 'drizzle-orm';
import { type Actor, can, type Policy, scopePaths } from '../../../platform/access/index.ts';
import { inSubtrees } from '../../../platform/tree/index.ts';
import { ancestorPaths } from '../library/rules.ts';

export const poolPolicies: Policy[] = [
  {
    action: 'pool.view',
    roles: ['dept_admin', 'org_admin'],
    description:
      '查看师资库（含授课记录、评分和评语）和教育基地 / see the teacher pool with lectures and ratings, and training bases',
  },
  {
    action: 'pool.manage',
    roles: ['dept_admin', 'org_admin'],
    description: '维护师资库和教育基地，登记授课记录 / keep teachers and training bases, record lectures',
  },
  {
    action: 'pool.reveal_pii',
    roles: ['dept_admin', 'org_admin'],
    description:
      '查看师资、基地联系人的完整手机号（每次留痕） / see a teacher’s or base contact’s full phone (audited)',
  },
  {
    action: 'lecture.rate',
    roles: ['member', 'secretary'],
    description: '评价本人参加的授课（1–5 星，授课后 30 天内一次） / rate a lecture I attended',
  },
];

/**
 * Who sees a teacher or a training base — the one rule of pool/: an admin whose scope covers the
 * org that keeps the record; and, when the keeper marked it `shared`, every admin whose scope lies
 * below that org (the district's 宣讲团 and bases offered to its towns and villages). A record is
 * changed only by those whose scope covers its keeper (`pool.manage` on its path); shared ones are
 * read-only below. The full phone follows what one may see, under its own audited permission.
 */
export function maySeePool(actor: Actor, action: string, row: { orgPath: string; shared: boolean }): boolean {
  if (can(actor, action, row.orgPath)) return true;
  return row.shared && scopePaths(actor, action).some((p) => p.startsWith(row.orgPath));
}

/** The same rule as a filter, for lists over `paths` (the caller's scope, or the org they chose). */
export function poolVisibleWhere(paths: readonly string[], pathColumn: Column, sharedColumn: Column): SQL {
  const above = [...new Set(paths.flatMap(ancestorPaths))];
  return or(
    inSubtrees(paths, pathColumn),
    above.length ? and(eq(sharedColumn, true), inArray(pathColumn, above)) : undefined,
  )!;
}
