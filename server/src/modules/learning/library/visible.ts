import { sql } from 'drizzle-orm';
import type { CourseKind } from '../../../../../contracts/learning/library.ts';
import type { Queryable } from '../../../db/client.ts';
import { ancestorPaths } from './rules.ts';

export type VisibleCourse = {
  id: number;
  kind: CourseKind;
  title: string;
  durationSeconds: number | null;
  charCount: number | null;
};

/**
 * A published course a member of `memberOrgPath` may study (its scope is the member's org or one
 * above it), or null — none by that id, not published (a draft, a withdrawn one), or another
 * scope's. What study/ checks before it credits a heartbeat for a course.
 */
export async function findVisibleCourse(
  db: Queryable,
  courseId: number,
  memberOrgPath: string,
): Promise<VisibleCourse | null> {
  const paths = ancestorPaths(memberOrgPath);
  if (!paths.length || !Number.isSafeInteger(courseId)) return null;
  const { rows } = await db.execute<{
    id: string;
    kind: CourseKind;
    title: string;
    duration_seconds: number | null;
    char_count: number | null;
  }>(sql`select id, kind, title, duration_seconds, char_count from courses
          where id = ${courseId} and status = 'published' and scope_path = any(${sql.param(paths)}::text[])`);
  const r = rows[0];
  if (!r) return null;
  return {
    id: Number(r.id),
    kind: r.kind,
    title: r.title,
    durationSeconds: r.duration_seconds,
    charCount: r.char_count,
  };
}
