/**
 * 网上班级的规则. A class's unfinished members are reminded through the notice centre at most once
 * an hour (as the notice centre reminds a notice's unread: platform/notify/rules.ts) — reminders
 * that come every few minutes teach members to ignore them.
 */
export const REMIND_INTERVAL_MINUTES = 60;

/** May a class last reminded at `last` be reminded at `now`? */
export function mayRemind(last: Date | null, now: Date): boolean {
  return last === null || now.getTime() - last.getTime() >= REMIND_INTERVAL_MINUTES * 60_000;
}

/** The earliest time the next reminder may go. */
export function nextRemindAt(last: Date): Date {
  return new Date(last.getTime() + REMIND_INTERVAL_MINUTES * 60_000);
}

/**
 * How many members finished exactly 0, 1, … n courses of a plan of n, from (done, members) pairs:
 * the chart of the class page — progress of the class, not a ranking of people.
 */
export function histogramOf(courseCount: number, counts: readonly { done: number; n: number }[]): number[] {
  const bars = Array.from({ length: courseCount + 1 }, () => 0);
  for (const c of counts) if (c.done >= 0 && c.done <= courseCount) bars[c.done] += c.n;
  return bars;
}

/**
 * May a course be in the plan of a cohort? It is published and open to every member of the cohort:
 * its scope is the cohort org's path or one above it (library/: a member sees courses whose
 * scope_path their org path starts with). A course another town published for itself is not.
 */
export function courseOpenTo(course: { status: string; scopePath: string }, cohortPaths: readonly string[]) {
  return course.status === 'published' && cohortPaths.every((p) => p.startsWith(course.scopePath));
}
