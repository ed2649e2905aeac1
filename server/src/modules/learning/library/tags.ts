import { sql } from 'drizzle-orm';
import type { CourseTag } from '../../../../../contracts/learning/library.ts';
import { inTransaction, type Queryable } from '../../../db/client.ts';
import { recordAudit } from '../../../platform/audit/service.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { courseTags } from '../schema.ts';
import { cleanTags } from './rules.ts';
import { reindexCourses } from './search-keys.ts';

/**
 * 标签: the tags courses carry (with how many published courses each), and the synonyms the
 * department gave some of them. At most `limit`, the most used first.
 */
export async function listTags(db: Queryable, limit = 200): Promise<{ items: CourseTag[] }> {
  const { rows } = await db.execute<{ name: string; expansions: string[] | null; n: number }>(sql`
    with used as (
      select t as name, count(*)::int as n from courses, unnest(tags) t
       where status = 'published' group by t
    )
    select coalesce(u.name, k.name) as name, k.expansions, coalesce(u.n, 0) as n
      from used u full join course_tags k on k.name = u.name
     order by coalesce(u.n, 0) desc, 1 limit ${limit}`);
  return { items: rows.map((r) => ({ name: r.name, expansions: r.expansions ?? [], courseCount: r.n })) };
}

/**
 * 设置同义词: what a tag also means (党史 → 中国共产党历史, 四史). Every course carrying the tag, or
 * one of the words, is indexed again at once, so a search finds it by any of them.
 */
export async function setTagExpansions(ctx: Ctx, name: string, expansions: string[]) {
  const tag = cleanTags([name])[0];
  const words = [...new Set(expansions.map((e) => e.trim()).filter((e) => e && e !== tag))];
  await inTransaction(ctx.db, async (tx) => {
    const { rows: before } = await tx.execute<{ expansions: string[] }>(
      sql`select expansions from course_tags where name = ${tag} for update`,
    );
    const old = before[0]?.expansions ?? [];
    if (words.length)
      await tx
        .insert(courseTags)
        .values({ name: tag, expansions: words, updatedBy: actorOf(ctx).userId, updatedAt: ctx.now() })
        .onConflictDoUpdate({
          target: courseTags.name,
          set: { expansions: words, updatedBy: actorOf(ctx).userId, updatedAt: ctx.now() },
        });
    else await tx.delete(courseTags).where(sql`${courseTags.name} = ${tag}`);
    const touched = [tag, ...old, ...words];
    const { rows } = await tx.execute<{ id: string }>(
      sql`select id from courses where tags && ${sql.param(touched)}::text[]`,
    );
    await reindexCourses(
      tx,
      rows.map((r) => Number(r.id)),
    );
    await recordAudit(tx, ctx, {
      action: 'course.tag_set',
      targetType: 'course_tag',
      targetId: tag,
      before: { expansions: old },
      after: { expansions: words },
    });
  });
  return listTags(ctx.db);
}
