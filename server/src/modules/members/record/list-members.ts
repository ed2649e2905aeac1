import { and, asc, count, eq, ilike, inArray, isNull, like, or, type SQL, sql } from 'drizzle-orm';
import type { MemberListQuery } from '../../../../../contracts/members/index.ts';
import { listScope } from '../../../platform/access/scope.ts';
import type { Ctx } from '../../../platform/context.ts';
import { forbidden } from '../../../platform/http/errors.ts';
import { paginate } from '../../../platform/http/pagination.ts';
import type { Pii } from '../../../platform/pii/index.ts';
import { orgs } from '../../../platform/tree/index.ts';
import { members } from '../schema.ts';
import { presentMember } from './present.ts';

// a full ID-card number or phone number is looked up by its blind index, never by a LIKE
const ID_RE = /^\d{17}[\dXx]$/;
const PHONE_RE = /^1[3-9]\d{9}$/;
/** 尾号: the last four digits of a phone, looked up by their own blind index (search-keys.ts). */
const TAIL_RE = /^\d{4}$/;
/** Latin letters only: pinyin initials (zs for 张三), or part of a name written in letters. */
const LETTERS_RE = /^[A-Za-z]+$/;
/** Who may find people who left the Party: the full view of records (policy.ts). */
export const FULL_VIEW = 'member.reveal_pii';

const likeAny = (term: string) => `%${term.replace(/[%_\\]/g, '\\$&')}%`;

/**
 * What a search term matches. A secretary types what they remember: part of a name (建华 finds
 * 周建华), its pinyin initials, the last four digits of a phone, or a whole ID or phone number.
 * Every form is a filter on the scope's org_path range, or an exact blind-index look-up; none
 * needs the name's position in the string.
 */
export function searchFilter(pii: Pii, term: string): SQL {
  if (ID_RE.test(term)) return eq(members.idNumberIndex, pii.blindIndex('id', term.toUpperCase()));
  if (PHONE_RE.test(term)) return eq(members.phoneIndex, pii.blindIndex('phone', term));
  if (TAIL_RE.test(term)) return eq(members.phoneTailIndex, pii.blindIndex('phone-tail', term));
  // the record's grams (migration 0013) find the candidates through a GIN index anywhere in a
  // city; the LIKE checks the order. Every match of either LIKE has all the search's grams.
  // (a term with a space in it, rare in a name, is left to the LIKE: grams stop at spaces)
  const grams = /\s/.test(term) ? undefined : sql`search_grams @> hy_query_grams(${term})`;
  if (LETTERS_RE.test(term))
    return and(
      grams,
      or(like(members.nameInitials, likeAny(term.toLowerCase())), ilike(members.name, likeAny(term))),
    )!;
  return and(grams, like(members.name, likeAny(term)))!;
}

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
  // people who left stay on file; only the full view finds them (never counted in a plain list)
  let onFile: SQL = isNull(members.leftAt);
  if (q.includeLeft === 'true') {
    const full = await listScope(ctx, FULL_VIEW, q.orgId);
    if (!full.paths.length)
      throw forbidden({
        zh: '只有可查看完整档案的管理员能查找已离开党组织的人员',
        en: 'only those with the full view of records may find people who left',
      });
    onFile = or(onFile, and(eq(members.partyStanding, 'left'), full.covers(members.orgPath)))!;
  }
  return and(
    onFile,
    scope.covers(members.orgPath),
    q.status ? eq(members.status, q.status) : undefined,
    q.orgKind ? sql`${members.orgId} in (select id from orgs where kind = ${q.orgKind})` : undefined,
    q.sector ? sql`${members.orgId} in (select id from orgs where sector = ${q.sector})` : undefined,
    q.mobile ? eq(members.mobile, q.mobile === 'true') : undefined,
    term ? searchFilter(ctx.pii, term) : undefined,
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
