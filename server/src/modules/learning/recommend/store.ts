import { sql } from 'drizzle-orm';
import type { CourseKind } from '../../../../../contracts/learning/library.ts';
import type { Queryable } from '../../../db/client.ts';
import type { Ctx } from '../../../platform/context.ts';
import { actorOf } from '../../../platform/context.ts';
import { forbidden } from '../../../platform/http/errors.ts';
import { type StudyPerson, studyPersonOf } from '../../members/index.ts';
import { ancestorPaths } from '../library/rules.ts';

/** The member the caller's login is: recommendations and dismissals are a member's own. */
export async function memberOf(ctx: Ctx): Promise<StudyPerson> {
  const me = await studyPersonOf(ctx.db, actorOf(ctx).userId);
  if (!me)
    throw forbidden({
      zh: '您的账号没有关联党员档案，没有个人推荐；请联系党支部书记',
      en: 'Your account is not linked to a member record, so there are no recommendations for you',
    });
  return me;
}

export type OfferedCourse = {
  id: number;
  kind: CourseKind;
  title: string;
  durationSeconds: number | null;
  charCount: number | null;
};

/** Of `ids`, the published courses a member of `orgPath` may study (library/visible.ts's rule). */
export async function visibleAmong(
  db: Queryable,
  ids: readonly number[],
  orgPath: string,
): Promise<Map<number, OfferedCourse>> {
  const paths = ancestorPaths(orgPath);
  if (!ids.length || !paths.length) return new Map();
  const { rows } = await db.execute<{
    id: string;
    kind: CourseKind;
    title: string;
    duration_seconds: number | null;
    char_count: number | null;
  }>(sql`select id, kind, title, duration_seconds, char_count from courses
          where id = any(${sql.param([...ids])}::int8[]) and status = 'published'
            and scope_path = any(${sql.param(paths)}::text[])`);
  return new Map(
    rows.map((r) => [
      Number(r.id),
      {
        id: Number(r.id),
        kind: r.kind,
        title: r.title,
        durationSeconds: r.duration_seconds,
        charCount: r.char_count,
      },
    ]),
  );
}
