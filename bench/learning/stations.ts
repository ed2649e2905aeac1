import { call } from '../lib.ts';

type Counts = { stations: number; met: number; short: number; zero: number; minutes: number };
type Monthly = {
  month: string;
  org: { id: string; name: string } | null;
  totals: Counts;
  byOrg: (Counts & { orgId: string; name: string })[];
};

const p = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];

/**
 * `stationMonthlyP95Ms` (no target in issue 14; kept so a regression shows): the month view of
 * remote-education stations (each station's minutes against the rule, the zero-minute ones
 * first, and the orgs below for the chart) as a department, a district and a town open it. The
 * orgs asked for: the root (every station of the city), every org with stations one level down,
 * and up to thirty of the level below those, found through the view's own byOrg; each asked three
 * times in a shuffled order, one at a time, timed by the client. Also reported: how many stations
 * the root's view holds and how many of them played nothing this month.
 *
 * `base` is a running server with the demo seed; `admin` the department admin's session.
 */
export async function stationMonthly(base: string, admin: { cookie: string }) {
  const get = (orgId?: string) =>
    call<Monthly>(
      base,
      admin.cookie,
      `/api/v1/stations/monthly?pageSize=50${orgId ? `&orgId=${orgId}` : ''}`,
    );
  const root = await get();
  if (!root.totals.stations) throw new Error('no stations in the demo (the learning seed makes them)');
  const pick = <T>(list: T[], n: number) => [...list].sort(() => Math.random() - 0.5).slice(0, n);
  const level1 = root.byOrg.filter((o) => o.stations > 0).map((o) => o.orgId);
  const level2: string[] = [];
  for (const id of level1)
    level2.push(...(await get(id)).byOrg.filter((o) => o.stations > 0).map((o) => o.orgId));
  const orgs = [undefined, ...level1, ...pick(level2, 30)];

  const latencies: number[] = [];
  for (const o of pick([...orgs, ...orgs, ...orgs], orgs.length * 3)) {
    const t = performance.now();
    await get(o);
    latencies.push(performance.now() - t);
  }
  latencies.sort((a, b) => a - b);
  const r1 = (n: number) => Math.round(n * 10) / 10;
  return {
    stationMonthlyP95Ms: r1(p(latencies, 0.95)),
    stationMonthly: {
      month: root.month,
      requests: latencies.length,
      orgs: orgs.length,
      p50Ms: r1(p(latencies, 0.5)),
      maxMs: r1(latencies[latencies.length - 1]),
      stations: root.totals.stations,
      zero: root.totals.zero,
    },
  };
}
