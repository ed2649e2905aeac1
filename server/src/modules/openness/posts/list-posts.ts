import { and, count, desc, eq, isNotNull, isNull, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { PostListQuery } from '../../../../../contracts/openness/posts.ts';
import { listScope } from '../../../platform/access/scope.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { paginate } from '../../../platform/http/pagination.ts';
import { orgs } from '../../../platform/tree/index.ts';
import { opennessImages, posts } from '../schema.ts';
import { postAbilities } from './policy.ts';
import { presentPostSummary } from './present.ts';

const byStatus: Record<string, SQL | undefined> = {
  draft: and(isNull(posts.publishedAt), isNull(posts.withdrawnAt)),
  published: and(isNotNull(posts.publishedAt), isNull(posts.withdrawnAt)),
  withdrawn: isNotNull(posts.withdrawnAt),
};

/** The items of the orgs the caller keeps (or of one of them and those below it), newest first. */
export async function listPosts(ctx: Ctx, q: z.infer<typeof PostListQuery>) {
  const actor = actorOf(ctx);
  const scope = await listScope(ctx, 'openness.manage', q.orgId);
  const where = and(
    // one org's own items when it is named (its page), the whole scope otherwise
    scope.org ? eq(posts.orgId, scope.org.id) : scope.covers(posts.orgPath),
    q.kind ? eq(posts.kind, q.kind) : undefined,
    q.status ? byStatus[q.status] : undefined,
  );
  const page = await paginate(q, {
    count: () => ctx.db.select({ n: count() }).from(posts).where(where),
    rows: (limit, offset) =>
      ctx.db
        .select({
          p: posts,
          orgName: orgs.name,
          cover: {
            id: opennessImages.id,
            token: opennessImages.token,
            width: opennessImages.width,
            height: opennessImages.height,
          },
        })
        .from(posts)
        .innerJoin(orgs, eq(orgs.id, posts.orgId))
        .leftJoin(opennessImages, eq(opennessImages.id, posts.coverImageId))
        .where(where)
        .orderBy(desc(posts.createdAt), desc(posts.id))
        .limit(limit)
        .offset(offset),
  });
  return {
    ...page,
    items: page.items.map((r) => ({
      ...presentPostSummary(r.p, r.orgName, r.cover?.id ? r.cover : null),
      can: postAbilities(actor, r.p),
    })),
  };
}
