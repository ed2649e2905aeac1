import { type Actor, can, type Policy, policyFor } from '../../../platform/access/index.ts';

/**
 * Who does what with org pages, their items and albums. Writing is the org's own admins' (and
 * those above them: a town keeps a branch's page when the branch cannot). Reading members-only
 * items is for the members of the org's subtree — a branch's members read their branch's and
 * their town's — and for the admins above it.
 */
export const pagePolicies: Policy[] = [
  {
    action: 'openness.manage',
    roles: ['dept_admin', 'org_admin', 'secretary'],
    description: '维护组织主页：简介、工作动态、组织公告、党务公开、相册 / keep an org’s page',
  },
  {
    action: 'openness.view',
    roles: ['dept_admin', 'org_admin', 'secretary'],
    description: '查看下级组织主页维护情况 / see which orgs below keep their page up',
  },
  {
    action: 'openness.read',
    roles: ['dept_admin', 'org_admin', 'secretary', 'member', 'station_manager'],
    description: '阅读本组织及上级组织仅党员可见的内容 / read the members-only items of one’s orgs',
  },
];

/**
 * May the actor read the members-only items of the org at `orgPath`: they hold `openness.read`
 * inside its subtree (its members, and those of the orgs below it) or above it (its superiors).
 * Not beside it: a branch's members do not read a neighbouring branch's members-only items.
 */
export function readsMembersOnly(actor: Actor | null, orgPath: string): boolean {
  if (!actor) return false;
  const roles = policyFor('openness.read').roles;
  return actor.grants.some(
    (g) => roles.includes(g.role) && (g.orgPath.startsWith(orgPath) || orgPath.startsWith(g.orgPath)),
  );
}

/** Does the actor keep the page of the org at `orgPath` (its own admins and those above)? */
export const managesPage = (actor: Actor | null, orgPath: string) =>
  !!actor && can(actor, 'openness.manage', orgPath);

/** Who reads an item of the org at `orgPath`, from the strongest right the actor holds there. */
export function readerOf(actor: Actor | null, orgPath: string): 'manager' | 'member' | 'anyone' {
  if (managesPage(actor, orgPath)) return 'manager';
  return readsMembersOnly(actor, orgPath) ? 'member' : 'anyone';
}
