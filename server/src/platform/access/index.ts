import type { Role } from '../../../../contracts/auth.ts';
import { forbidden, type Text } from '../http/errors.ts';

/**
 * The one permission layer. Modules declare which roles grant which actions (policy.ts); a role
 * held on an org covers the org's whole subtree, so "may X on org O" is "holds a role that grants X
 * on O or any ancestor of O", a prefix test on materialized paths.
 */
export type GrantOnOrg = { id: number; role: Role; orgId: number; orgPath: string; orgName: string };

export type Actor = {
  userId: number;
  username: string;
  displayName: string;
  sessionId: number;
  grants: GrantOnOrg[];
  /** What the request's session look-up already read about the login (absent for job actors). */
  session?: SessionFacts;
};

/** Facts about the signed-in account and its session, read with the session in one round trip. */
export type SessionFacts = {
  mustChangePassword: boolean;
  homeOrgId: number | null;
  homeOrgName: string | null;
  idleMinutes: number;
  viaCard: boolean;
};

export type Policy = { action: string; roles: readonly Role[]; description: string };

const policies = new Map<string, Policy>();

export function registerPolicies(list: readonly Policy[]) {
  for (const p of list) {
    if (policies.has(p.action) && policies.get(p.action) !== p)
      throw new Error(`policy ${p.action} declared twice`);
    policies.set(p.action, p);
  }
}

export function policyFor(action: string): Policy {
  const p = policies.get(action);
  if (!p) throw new Error(`no policy declares action "${action}"`);
  return p;
}

export function allPolicies(): Policy[] {
  return [...policies.values()];
}

function grantsFor(actor: Actor, action: string): GrantOnOrg[] {
  const roles = policyFor(action).roles;
  return actor.grants.filter((g) => roles.includes(g.role));
}

/** Does the actor hold `action` on the org at `orgPath` (directly or through an ancestor)? */
export function can(actor: Actor, action: string, orgPath: string): boolean {
  return grantsFor(actor, action).some((g) => orgPath.startsWith(g.orgPath));
}

/** Does the actor hold `action` anywhere at all? (route-level gate, menus) */
export function holds(actor: Actor, action: string): boolean {
  return grantsFor(actor, action).length > 0;
}

export function actionsOf(actor: Actor): string[] {
  return allPolicies()
    .filter((p) => holds(actor, p.action))
    .map((p) => p.action)
    .sort();
}

/**
 * The subtrees where the actor holds `action`, with nested ones folded into their ancestor:
 * every list query filters by `path LIKE p || '%'` for one of these.
 */
export function scopePaths(actor: Actor, action: string): string[] {
  const paths = [...new Set(grantsFor(actor, action).map((g) => g.orgPath))].sort();
  return paths.filter((p, i) => !paths.slice(0, i).some((q) => p.startsWith(q)));
}

const outside: Text = {
  zh: '无权访问该党组织：它不在您的管理范围内',
  en: 'Access denied: this organization is outside your scope',
};

export function authorize(actor: Actor, action: string, orgPath: string, message: Text = outside): void {
  if (!can(actor, action, orgPath)) throw forbidden(message);
}
