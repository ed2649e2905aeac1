import type {
  Course,
  CourseKind,
  CourseStatus,
  CourseSummary,
  LearnerCourse,
  LearnerCourseSummary,
} from '../../../../../contracts/learning/library.ts';
import { abilitiesIn, readingSecondsOf } from './rules.ts';
import type { CourseFileRow, CourseListRow, CourseRow, Names } from './store.ts';

/** A course in the admins' library: no body, no search keys, the actor's abilities on it. */
export function presentCourseSummary(c: CourseListRow, names: Names, manage: boolean): CourseSummary {
  return {
    id: String(c.id),
    orgId: String(c.orgId),
    orgName: names.org.get(c.orgId) ?? '',
    scopeOrgId: String(c.scopeOrgId),
    scopeOrgName: names.org.get(c.scopeOrgId) ?? '',
    kind: c.kind as CourseKind,
    title: c.title,
    summary: c.summary,
    categoryId: c.categoryId ? String(c.categoryId) : null,
    categoryName: c.categoryId ? (names.category.get(c.categoryId) ?? null) : null,
    tags: c.tags,
    durationSeconds: c.durationSeconds,
    charCount: c.charCount,
    status: c.status as CourseStatus,
    hasFile: c.fileId !== null,
    publishedAt: c.publishedAt?.toISOString() ?? null,
    createdAt: c.createdAt.toISOString(),
    can: abilitiesIn(c.status as CourseStatus, manage),
  };
}

export function presentCourse(
  c: CourseRow,
  file: CourseFileRow | null,
  names: Names,
  manage: boolean,
): Course {
  return {
    ...presentCourseSummary(c, names, manage),
    body: c.body,
    file: file
      ? {
          name: file.name,
          size: file.size,
          contentType: file.contentType,
          url: `/api/v1/courses/${c.id}/media`,
        }
      : null,
    withdrawnAt: c.withdrawnAt?.toISOString() ?? null,
    withdrawReason: c.withdrawReason,
    updatedAt: c.updatedAt.toISOString(),
  };
}

/** A course as a member sees it in a list: nothing of who uploaded it or its state. */
export function presentLearnerSummary(c: CourseListRow, names: Names): LearnerCourseSummary {
  return {
    id: String(c.id),
    kind: c.kind as CourseKind,
    title: c.title,
    summary: c.summary,
    orgName: names.org.get(c.orgId) ?? '',
    categoryId: c.categoryId ? String(c.categoryId) : null,
    categoryName: c.categoryId ? (names.category.get(c.categoryId) ?? null) : null,
    tags: c.tags,
    durationSeconds: c.durationSeconds,
    charCount: c.charCount,
    publishedAt: c.publishedAt?.toISOString() ?? null,
  };
}

export function presentLearnerCourse(c: CourseRow, file: CourseFileRow | null, names: Names): LearnerCourse {
  return {
    ...presentLearnerSummary(c, names),
    body: c.kind === 'article' ? c.body : null,
    media: file
      ? {
          name: file.name,
          size: file.size,
          contentType: file.contentType,
          url: `/api/v1/learning/courses/${c.id}/media`,
        }
      : null,
    readingSeconds: c.kind === 'article' && c.charCount ? readingSecondsOf(c.charCount) : null,
  };
}
