import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Course, EditCourse, WriteCourse } from '../../../../../contracts/learning/library.ts';
import { inTransaction, type Queryable } from '../../../db/client.ts';
import { authorize } from '../../../platform/access/index.ts';
import { recordAudit } from '../../../platform/audit/service.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { conflict, fieldError, notFound } from '../../../platform/http/errors.ts';
import { findOrg, type OrgRow } from '../../../platform/tree/index.ts';
import { excerptOf, sanitizeRichText } from '../../openness/index.ts';
import { courseCategories, courses } from '../schema.ts';
import { readCourse } from './read-course.ts';
import { charCountOf, cleanTags, plausibleDuration, scopeAllowed } from './rules.ts';
import { reindexCourses } from './search-keys.ts';
import { courseFor, fileOf } from './store.ts';

type Write = z.output<typeof WriteCourse>;
type Edit = z.output<typeof EditCourse>;

/** An article's text as kept (the rich text's allow-list) and its length in characters. */
function articleOf(html: string) {
  const body = sanitizeRichText(html);
  return { body, charCount: charCountOf(excerptOf(body, Number.POSITIVE_INFINITY)) };
}

/** The org whose members may study it: the publisher's own subtree or one inside it. */
async function scopeOf(db: Queryable, org: OrgRow, scopeOrgId: string | null | undefined): Promise<OrgRow> {
  if (!scopeOrgId || Number(scopeOrgId) === org.id) return org;
  const scope = await findOrg(db, Number(scopeOrgId));
  if (!scope || !scopeAllowed(org.path, scope.path))
    throw fieldError('scopeOrgId', {
      zh: '学习范围须是发布组织本身或它的下级组织',
      en: 'the scope must be the publishing org or one below it',
    });
  return scope;
}

async function checkCategory(db: Queryable, id: string | null | undefined) {
  if (!id) return null;
  const [c] = await db
    .select({ id: courseCategories.id })
    .from(courseCategories)
    .where(eq(courseCategories.id, Number(id)));
  if (!c) throw fieldError('categoryId', { zh: '没有这个分类', en: 'no such category' });
  return c.id;
}

/** 新建课件: a draft of the org's; an article with its text, anything else waiting for its file. */
export async function createCourse(ctx: Ctx, input: Write): Promise<Course> {
  const actor = actorOf(ctx);
  const org = await findOrg(ctx.db, Number(input.orgId));
  if (!org) throw notFound({ zh: '党组织', en: 'Organization' });
  authorize(actor, 'course.manage', org.path);
  const scope = await scopeOf(ctx.db, org, input.scopeOrgId);
  const categoryId = await checkCategory(ctx.db, input.categoryId);
  const tags = cleanTags(input.tags);
  const article = input.kind === 'article' ? articleOf(input.body ?? '') : null;
  const typed = input.kind === 'video' || input.kind === 'audio' ? (input.durationSeconds ?? null) : null;
  const id = await inTransaction(ctx.db, async (tx) => {
    const values = {
      orgId: org.id,
      orgPath: org.path,
      scopeOrgId: scope.id,
      scopePath: scope.path,
      kind: input.kind,
      title: input.title,
      summary: input.summary,
      body: article?.body ?? null,
      charCount: article?.charCount ?? null,
      durationSeconds: typed,
      categoryId,
      tags,
      createdBy: actor.userId,
      createdAt: ctx.now(),
      updatedAt: ctx.now(),
    };
    const [row] = await tx.insert(courses).values(values).returning({ id: courses.id });
    await reindexCourses(tx, [row.id]);
    await recordAudit(tx, ctx, {
      action: 'course.created',
      targetType: 'course',
      targetId: row.id,
      orgId: org.id,
      orgPath: org.path,
      after: {
        kind: input.kind,
        title: input.title,
        scopeOrgId: scope.id,
        tags,
        charCount: values.charCount,
      },
    });
    return row.id;
  });
  return readCourse(ctx, id);
}

/** 修改课件: title, text, scope, category, tags, a typed duration; not once withdrawn. */
export async function editCourse(ctx: Ctx, id: number, input: Edit): Promise<Course> {
  await inTransaction(ctx.db, async (tx) => {
    const c = await courseFor(ctx, tx, id, true);
    if (c.status === 'withdrawn')
      throw conflict('course_withdrawn', {
        zh: '已撤回的课件不能修改',
        en: 'a withdrawn course cannot be edited',
      });
    const org = (await findOrg(tx, c.orgId))!;
    const scope = input.scopeOrgId !== undefined ? await scopeOf(tx, org, input.scopeOrgId) : null;
    const next: Partial<typeof courses.$inferInsert> = {};
    if (scope) Object.assign(next, { scopeOrgId: scope.id, scopePath: scope.path });
    if (input.title !== undefined) next.title = input.title;
    if (input.summary !== undefined) next.summary = input.summary;
    if (input.categoryId !== undefined) next.categoryId = await checkCategory(tx, input.categoryId);
    if (input.tags !== undefined) next.tags = cleanTags(input.tags);
    if (input.body !== undefined && c.kind === 'article') Object.assign(next, articleOf(input.body));
    if (input.durationSeconds !== undefined && (c.kind === 'video' || c.kind === 'audio')) {
      const file = await fileOf(tx, c.fileId);
      // what the file says wins; a typed figure is for a file that does not say
      if (file?.durationSeconds)
        throw fieldError('durationSeconds', {
          zh: `时长已从文件读出（${file.durationSeconds} 秒），不能修改`,
          en: `the duration was read from the file (${file.durationSeconds} s)`,
        });
      if (file && input.durationSeconds !== null && !plausibleDuration(input.durationSeconds, file.size))
        throw fieldError('durationSeconds', {
          zh: '时长与文件大小不符，请核对',
          en: 'the duration does not fit the file size',
        });
      next.durationSeconds = input.durationSeconds;
    }
    const after = { ...c, ...next };
    await tx
      .update(courses)
      .set({ ...next, updatedAt: ctx.now() })
      .where(eq(courses.id, id));
    await reindexCourses(tx, [id]);
    const pick = (r: typeof c) => ({
      title: r.title,
      summary: r.summary,
      scopeOrgId: r.scopeOrgId,
      categoryId: r.categoryId,
      tags: r.tags,
      durationSeconds: r.durationSeconds,
      charCount: r.charCount,
    });
    await recordAudit(tx, ctx, {
      action: 'course.edited',
      targetType: 'course',
      targetId: id,
      orgId: c.orgId,
      orgPath: c.orgPath,
      before: { ...pick(c), body: null },
      after: { ...pick(after), body: after.body !== c.body ? '（正文已修改）' : null },
    });
  });
  return readCourse(ctx, id);
}
