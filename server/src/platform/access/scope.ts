import type { Column, SQL } from 'drizzle-orm';
import { actorOf, type Ctx } from '../context.ts';
import { notFound } from '../http/errors.ts';
import { findOrg, inSubtrees, type OrgRow } from '../tree/index.ts';
import { authorize, scopePaths } from './index.ts';

export type Scope = {
  /** The subtrees covered, nested ones folded into their ancestor. */
  paths: string[];
  /** The org the caller narrowed the list to, when they did. */
  org: OrgRow | null;
  /** A filter on an org path column (default `orgs.path`) keeping rows inside the scope. */
  covers: (pathColumn?: Column | SQL) => SQL;
};

/**
 * What a list may show: the subtrees where the actor holds `action`, or, when the request names
 * an org, that org's subtree after checking the actor holds `action` there (403 otherwise, 404
 * for no such org). Every scoped list starts here.
 */
export async function listScope(ctx: Ctx, action: string, orgId?: string | number | null): Promise<Scope> {
  const actor = actorOf(ctx);
  let paths: string[];
  let org: OrgRow | null = null;
  if (orgId != null && orgId !== '') {
    org = (await findOrg(ctx.db, Number(orgId))) ?? null;
    if (!org) throw notFound({ zh: '党组织', en: 'Organization' });
    authorize(actor, action, org.path);
    paths = [org.path];
  } else {
    paths = scopePaths(actor, action);
  }
  return { paths, org, covers: (pathColumn) => inSubtrees(paths, pathColumn) };
}

/**
 * A count over the subtrees where the actor holds `action` (0 when they hold it nowhere): the
 * workbench's to-dos and figures. `query` gets the scope condition for an org-path column.
 */
export async function countInScope(
  ctx: Ctx,
  action: string,
  query: (inScope: (pathColumn: SQL) => SQL) => SQL,
): Promise<number> {
  const paths = scopePaths(actorOf(ctx), action);
  if (!paths.length) return 0;
  const { rows } = await ctx.db.execute<{ n: number }>(query((column) => inSubtrees(paths, column)));
  return rows[0]!.n;
}
