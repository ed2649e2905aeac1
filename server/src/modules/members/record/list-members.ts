import { and, asc, count, eq, inArray, isNull, like, type SQL, sql } from 'drizzle-orm';
import type { MemberListQuery } from '../../../../../contracts/members/index.ts';
import { listScope } from '../../../platform/access/scope.ts';
import type { Ctx } from '../../../platform/context.ts';
import { paginate } from '../../../platform/http/pagination.ts';
import { orgs } from '../../../platform/tree/index.ts';
import { members } from '../schema.ts';
import { presentMember } from './present.ts';

// a full ID-card number or phone number is looked up by its blind index, never by a LIKE
const ID_RE = /^\d{17}[\dXx]$/;
const PHONE_RE = /^1[3-9]\d{9}$/;

/**
 * The filter of a member list: scope (or a subtree in it), status, org kind and sector, search.
 * It names member columns only (the org's path is on the record, kind and sector are asked of the
 * tree in a subquery), so a list need not join the orgs to pick its rows.
 */
export async function memberFilter(
  ctx: Ctx,
  q: Omit<MemberListQuery, 'page' | 'pageSize'>,
  action = 'member.view',
): Promise<SQL> {
  const scope = await listScope(ctx, action, q.orgId);
  const term = q.q?.trim();
  let search: SQL | undefined;
  if (term) {
    if (ID_RE.test(term)) search = eq(members.idNumberIndex, ctx.pii.blindIndex('id', term));
    else if (PHONE_RE.test(term)) search = eq(members.phoneIndex, ctx.pii.blindIndex('phone', term));
    else search = like(members.name, `${term.replace(/[%_\\]/g, '\\$&')}%`);
  }
  return and(
    isNull(members.leftAt),
    scope.covers(members.orgPath),
    q.status ? eq(members.status, q.status) : undefined,
    q.orgKind ? sql`${members.orgId} in (select id from orgs where kind = ${q.orgKind})` : undefined,
    q.sector ? sql`${members.orgId} in (select id from orgs where sector = ${q.sector})` : undefined,
    q.mobile ? eq(members.mobile, q.mobile === 'true') : undefined,
    search,
  )!;
}

export async function listMembers(ctx: Ctx, q: MemberListQuery) {
  const where = await memberFilter(ctx, q);
  // One round trip (on this kind of machine a round trip costs more than the queries): the
  // page's ids from the (org_path, id) index in tree order, stopping after the page, then only
  // those wide rows (with ciphertexts), and the list's total as a scalar subquery beside them
  // (docs/SCALE.md, "Where the time goes").
  const total = sql<number>`(select count(*) from ${members} where ${where})`.mapWith(Number);
  const page = await paginate(q, {
    totalIn: (r: { total: number }) => r.total,
    count: () => ctx.db.select({ n: count() }).from(members).where(where),
    rows: (limit, offset) =>
      ctx.db
        .select({ m: members, orgName: orgs.name, orgPath: orgs.path, total })
        .from(members)
        .innerJoin(orgs, eq(orgs.id, members.orgId))
        .where(
          inArray(
            members.id,
            ctx.db
              .select({ id: members.id })
              .from(members)
              .where(where)
              .orderBy(asc(members.orgPath), asc(members.id))
              .limit(limit)
              .offset(offset),
          ),
        )
        .orderBy(asc(members.orgPath), asc(members.id)),
  });
  return {
    ...page,
    items: page.items.map((r) => presentMember(ctx, r.m, { name: r.orgName, path: r.orgPath })),
  };
}
