import { sql } from 'drizzle-orm';
import type { Queryable } from '../../../db/client.ts';
import type { PortalItem, PortalSection } from '../../../platform/module.ts';
import type { PostKind } from '../../../../../contracts/openness/posts.ts';

type Row = { id: number; title: string; excerpt: string; published_at: Date; org_name: string };

// What anyone may read on an org's page without logging in (page/view-page.ts, public): published,
// not withdrawn, public. The portal is the district's front page, so it lists these across orgs.
const PUBLIC = sql`p.visibility = 'public' and p.published_at is not null and p.withdrawn_at is null`;

const toItem = (r: Row): PortalItem => ({
  title: r.title,
  href: `/p/posts/${r.id}`,
  at: new Date(r.published_at),
  // the public reads the org's name, never the author's (as on the public org page)
  source: r.org_name,
  excerpt: r.excerpt,
});

/** The latest public items of one kind, across the whole tree, newest first. */
export async function latestPublicPosts(db: Queryable, kind: PostKind, limit: number): Promise<PortalItem[]> {
  const { rows } = await db.execute<Row>(sql`
    select p.id, p.title, p.excerpt, p.published_at, o.name as org_name
      from posts p join orgs o on o.id = p.org_id
     where ${PUBLIC} and p.kind = ${kind}
     order by p.published_at desc, p.id desc
     limit ${limit}`);
  return rows.map(toItem);
}

/** `%`, `_` and `\` taken literally in a LIKE pattern. */
const likeLiteral = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Public items of one kind whose title or excerpt holds every word of the query (split on spaces),
 * newest first. A substring match: the public items are few next to the courseware library, and a
 * visitor types the words of a title (党费, 换届) rather than a ranked query.
 */
export async function searchPublicPosts(
  db: Queryable,
  kind: PostKind,
  q: string,
  limit: number,
): Promise<PortalItem[]> {
  const words = q.split(/\s+/).filter(Boolean).slice(0, 5);
  if (words.length === 0) return [];
  const each = words.map((w) => {
    const pattern = `%${likeLiteral(w)}%`;
    return sql`(p.title ilike ${pattern} or p.excerpt ilike ${pattern} or o.name ilike ${pattern})`;
  });
  const { rows } = await db.execute<Row>(sql`
    select p.id, p.title, p.excerpt, p.published_at, o.name as org_name
      from posts p join orgs o on o.id = p.org_id
     where ${PUBLIC} and p.kind = ${kind} and ${sql.join(each, sql` and `)}
     order by p.published_at desc, p.id desc
     limit ${limit}`);
  return rows.map(toItem);
}

const section = (kind: PostKind, title: { zh: string; en: string }): PortalSection => ({
  key: `openness.${kind}`,
  title,
  items: (db, limit) => latestPublicPosts(db, kind, limit),
  search: (db, q, limit) => searchPublicPosts(db, kind, q, limit),
});

/** The portal's sections from the org pages: 组织公告, 工作动态 and 党务公开, public items only. */
export const opennessPortal: PortalSection[] = [
  section('announcement', { zh: '组织公告', en: 'Announcements' }),
  section('update', { zh: '工作动态', en: 'News' }),
  section('publicity', { zh: '党务公开', en: 'Party affairs openness' }),
];
