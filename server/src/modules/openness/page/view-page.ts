import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { OrgPageView, OrgPageViewQuery } from '../../../../../contracts/openness/page.ts';
import type { PostKind, Visibility } from '../../../../../contracts/openness/posts.ts';
import type { Ctx } from '../../../platform/context.ts';
import { forbidden, notFound } from '../../../platform/http/errors.ts';
import { paginate } from '../../../platform/http/pagination.ts';
import { presentPicture } from '../images/present.ts';
import { readsMembersOnly } from './policy.ts';

type OrgRow = {
  id: number;
  name: string;
  kind: string;
  path: string;
  parent_id: number | null;
  parent_name: string | null;
  introduction: string | null;
  contact_address: string | null;
  contact_phone: string | null;
  contact_hours: string | null;
  albums: {
    id: number;
    title: string;
    visibility: Visibility;
    updated_at: string;
    photo_count: number;
    cover: { id: number; token: string; width: number; height: number } | null;
  }[];
};

type PostRow = {
  id: number;
  kind: PostKind;
  title: string;
  excerpt: string;
  visibility: Visibility;
  published_at: Date;
  author_name: string;
  total: number;
  cover_id: number | null;
  cover_token: string | null;
  cover_width: number | null;
  cover_height: number | null;
};

/** Albums shown on a page: the latest twelve that have a photo. */
const ALBUMS_SHOWN = 12;

/**
 * An org's page as a reader sees it, in two indexed queries: the org, its page and its albums in
 * one; a page of its published items, newest first, with their count, in the other (one range of
 * posts_public_idx without login). `members`: the members-only items and albums too — for the
 * members of the org's subtree and the admins above it (page/policy.ts), 403 for anyone else.
 */
export async function viewOrgPage(
  ctx: Ctx,
  orgId: number,
  q: z.infer<typeof OrgPageViewQuery>,
  opts: { members: boolean },
): Promise<OrgPageView> {
  const { rows } = await ctx.db.execute<OrgRow>(sql`
    select o.id, o.name, o.kind, o.path, o.parent_id, par.name as parent_name,
           pg.introduction, pg.contact_address, pg.contact_phone, pg.contact_hours,
           coalesce((
             select json_agg(a order by a.updated_at desc, a.id desc) from (
               select al.id, al.title, al.visibility, al.updated_at,
                      (select count(*) from album_photos ph where ph.album_id = al.id)::int as photo_count,
                      (select json_build_object('id', ph.id, 'token', ph.token, 'width', ph.width, 'height', ph.height)
                         from album_photos ph where ph.album_id = al.id order by ph.id limit 1) as cover
                 from albums al
                where al.org_id = o.id and (al.visibility = 'public' or ${opts.members})
                  and exists (select 1 from album_photos ph where ph.album_id = al.id)
                order by al.updated_at desc, al.id desc
                limit ${ALBUMS_SHOWN}) a
           ), '[]'::json) as albums
      from orgs o
      left join orgs par on par.id = o.parent_id
      left join org_pages pg on pg.org_id = o.id
     where o.id = ${orgId}`);
  const org = rows[0];
  if (!org) throw notFound({ zh: '党组织', en: 'Organization' });
  if (opts.members && !readsMembersOnly(ctx.actor, org.path))
    throw forbidden({
      zh: '只有本组织的党员和上级组织可以查看',
      en: 'Only the organization’s members and superiors may read this',
    });

  const where = sql`p.org_id = ${orgId} and p.published_at is not null and p.withdrawn_at is null
    and ${opts.members ? sql`p.visibility in ('public', 'members')` : sql`p.visibility = 'public'`}
    ${q.kind ? sql`and p.kind = ${q.kind}` : sql``}`;
  const posts = await paginate<PostRow>(q, {
    count: async () =>
      (await ctx.db.execute<{ n: number }>(sql`select count(*)::int as n from posts p where ${where}`)).rows,
    totalIn: (r) => Number(r.total),
    rows: async (limit, offset) =>
      (
        await ctx.db.execute<PostRow>(sql`
          select p.id, p.kind, p.title, p.excerpt, p.visibility, p.published_at, p.author_name,
                 count(*) over () as total,
                 img.id as cover_id, img.token as cover_token, img.width as cover_width, img.height as cover_height
            from posts p
            left join openness_images img on img.id = p.cover_image_id
           where ${where}
           order by p.published_at desc, p.id desc
           limit ${limit} offset ${offset}`)
      ).rows,
  });

  return {
    org: {
      id: String(org.id),
      name: org.name,
      kind: org.kind,
      parentId: org.parent_id == null ? null : String(org.parent_id),
      parentName: org.parent_name,
    },
    introduction: org.introduction ?? '',
    contactAddress: org.contact_address,
    contactPhone: org.contact_phone,
    contactHours: org.contact_hours,
    posts: {
      ...posts,
      items: posts.items.map((p) => ({
        id: String(p.id),
        orgId: String(orgId),
        orgName: org.name,
        kind: p.kind,
        title: p.title,
        excerpt: p.excerpt,
        visibility: p.visibility,
        status: 'published' as const,
        cover:
          p.cover_id != null
            ? presentPicture({
                id: p.cover_id,
                token: p.cover_token!,
                width: p.cover_width!,
                height: p.cover_height!,
              })
            : null,
        publishedAt: new Date(p.published_at).toISOString(),
        // who wrote it is for its members to see; the public reads the org's name
        authorName: opts.members ? p.author_name : org.name,
      })),
    },
    albums: org.albums.map((a) => ({
      id: String(a.id),
      orgId: String(orgId),
      title: a.title,
      visibility: a.visibility,
      photoCount: a.photo_count,
      cover: a.cover ? presentPicture(a.cover) : null,
      updatedAt: new Date(a.updated_at).toISOString(),
    })),
  };
}
