import { type Column, eq, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.ts';
import { type OrgRow, orgs } from './schema.ts';

/**
 * The org tree as every module sees it: the `orgs` table (a materialized path per org, so a
 * subtree of any size is one index range) and the few reads modules need. Creating, moving and
 * deleting orgs is the orgs module's business; reading the tree and filtering by subtree is the
 * platform's, so modules and the platform itself (accounts, audit) never import a module for it.
 */
export { type OrgRow, orgs } from './schema.ts';

/** An org by id, unscoped: the caller authorizes against its path. */
export async function findOrg(db: Queryable, id: number): Promise<OrgRow | undefined> {
  const [row] = await db.select().from(orgs).where(eq(orgs.id, id));
  return row;
}

/** The tree's root (the department's own org); undefined only in an empty database. */
export async function rootOrg(db: Queryable): Promise<OrgRow | undefined> {
  const [row] = await db.select().from(orgs).where(isNull(orgs.parentId)).limit(1);
  return row;
}

/** `pathColumn` lies in the subtree whose root has path `prefix` (an index range scan). */
export function inSubtree(pathColumn: Column | SQL, prefix: string): SQL {
  return sql`${pathColumn} like ${`${prefix.replace(/[%_\\]/g, '\\$&')}%`}`;
}

/** `pathColumn` lies in one of the subtrees; none given: nothing matches. */
export function inSubtrees(paths: readonly string[], pathColumn: Column | SQL = orgs.path): SQL {
  return paths.length ? or(...paths.map((p) => inSubtree(pathColumn, p)))! : sql`false`;
}

/** The ids of an org's ancestors, top first, from its path ('/1/17/342/' → [1, 17]). */
export function ancestorIds(path: string): number[] {
  return path.split('/').filter(Boolean).map(Number).slice(0, -1);
}
