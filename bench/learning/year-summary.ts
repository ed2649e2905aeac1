import { call } from '../lib.ts';

type Figures = { members: number; met: number; avgClassHours: number };
type Summary = {
  org: { id: string; name: string };
  requirement: { classHourMinutes: number };
  computedAt: string | null;
  total: Figures;
  children: (Figures & { orgId: string; hasChildren: boolean })[];
};

const p = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];

/**
 * `yearSummaryP95Ms` (issue 14: < 200): an org subtree's yearly study summary (学时达标情况: members
 * held to the requirement, how many meet it, average progress, and the same for each org below),
 * the page an admin opens, with a year of study records behind it. The orgs asked for: the root
 * (the whole city), every org of the level below, and thirty each of the next two levels, found by
 * walking the summary's own children; each asked three times, in a shuffled order, one at a time,
 * timed by the client. Also reported: how many heartbeats' worth of study the year holds (the
 * issue asks at least 100 million), from the root's own figures.
 *
 * `base` is a running server with the demo seed; `admin` the department admin's session.
 */
export async function yearSummary(base: string, admin: { cookie: string }) {
  const get = (orgId?: string) =>
    call<Summary>(base, admin.cookie, `/api/v1/study/summary${orgId ? `?orgId=${orgId}` : ''}`);
  const root = await get();
  if (!root.computedAt) throw new Error('the study figures were never counted (the seed counts them)');
  const pick = <T>(list: T[], n: number) => [...list].sort(() => Math.random() - 0.5).slice(0, n);
  const level1 = root.children.map((c) => c.orgId);
  const level2: string[] = [];
  for (const id of level1)
    level2.push(...(await get(id)).children.filter((c) => c.members > 0).map((c) => c.orgId));
  const sample2 = pick(level2, 30);
  const level3: string[] = [];
  for (const id of sample2)
    level3.push(...(await get(id)).children.filter((c) => c.members > 0).map((c) => c.orgId));
  const orgs = [undefined, ...level1, ...sample2, ...pick(level3, 30)];

  const latencies: number[] = [];
  const requests = pick([...orgs, ...orgs, ...orgs], orgs.length * 3);
  for (const o of requests) {
    const t = performance.now();
    await get(o);
    latencies.push(performance.now() - t);
  }
  latencies.sort((a, b) => a - b);
  const r1 = (n: number) => Math.round(n * 10) / 10;
  const seconds = root.total.avgClassHours * root.total.members * root.requirement.classHourMinutes * 60;
  return {
    yearSummaryP95Ms: r1(p(latencies, 0.95)),
    yearSummary: {
      requests: latencies.length,
      orgs: orgs.length,
      p50Ms: r1(p(latencies, 0.5)),
      maxMs: r1(latencies[latencies.length - 1]),
      members: root.total.members,
      met: root.total.met,
      // class hours per member are rounded down to a tenth: a lower bound
      heartbeatsWorth: Math.floor(seconds / 15),
    },
  };
}
