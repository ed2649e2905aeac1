import { inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  StationMonthCounts,
  StationMonthly,
  StationMonthlyQuery,
  StationMonthRow,
} from '../../../../../contracts/learning/stations.ts';
import { listScope } from '../../../platform/access/scope.ts';
import type { Ctx } from '../../../platform/context.ts';
import { getSetting } from '../../../platform/settings/index.ts';
import { shanghaiMonth, shanghaiMonthRange } from '../../../platform/time.ts';
import { orgs } from '../../../platform/tree/index.ts';
import { monthState } from './rules.ts';
import { stationSettings } from './settings.ts';

const ORDER = { zero: 0, short: 1, met: 2 } as const;

function counts(rows: readonly StationMonthRow[]): StationMonthCounts {
  return {
    stations: rows.length,
    met: rows.filter((r) => r.state === 'met').length,
    short: rows.filter((r) => r.state === 'short').length,
    zero: rows.filter((r) => r.state === 'zero').length,
    minutes: rows.reduce((n, r) => n + r.minutes, 0),
  };
}

/**
 * 站点月度播放情况: each station in use in the scope (or one org's subtree) with the minutes played
 * in the month, its sessions and attendances, against the rule — the stations that played nothing
 * first, as the monthly bulletin names them — the totals, and the same per org directly below the
 * chosen one, for the chart. A month of a city's stations is one range of the sessions' start index.
 */
export async function stationMonthly(
  ctx: Ctx,
  q: z.infer<typeof StationMonthlyQuery>,
): Promise<StationMonthly> {
  const scope = await listScope(ctx, 'station.view', q.orgId);
  const month = q.month ?? shanghaiMonth(ctx.now());
  const { from, to } = shanghaiMonthRange(month);
  const { monthlyMinutes } = await getSetting(ctx.db, stationSettings);
  const { rows } = await ctx.db.execute<{
    id: string;
    name: string;
    org_id: string;
    org_name: string;
    org_path: string;
    minutes: number;
    sessions: number;
    attendances: number;
  }>(sql`
    select s.id, s.name, s.org_id, o.name as org_name, s.org_path,
           coalesce(sum(ss.minutes), 0)::int as minutes, count(ss.id)::int as sessions,
           coalesce(sum(ss.attendee_count), 0)::int as attendances
      from stations s
      join orgs o on o.id = s.org_id
      left join station_sessions ss on ss.station_id = s.id and ss.started_at >= ${from} and ss.started_at < ${to}
                                      and ss.withdrawn_at is null
     where s.active and ${scope.covers(sql`s.org_path`)}
     group by s.id, o.name
     order by s.org_path, s.name`);
  const all = rows.map((r) => ({
    row: {
      stationId: String(r.id),
      name: r.name,
      orgId: String(r.org_id),
      orgName: r.org_name,
      minutes: r.minutes,
      sessions: r.sessions,
      attendances: r.attendances,
      state: monthState(r.minutes, monthlyMinutes),
    } satisfies StationMonthRow,
    path: r.org_path,
  }));

  // the chart's orgs: those directly below the chosen org (or below the caller's one subtree), else the subtrees
  let parent = scope.org;
  if (!parent && scope.paths.length === 1)
    [parent] = await ctx.db.select().from(orgs).where(inArray(orgs.path, scope.paths));
  const keyOf = (path: string) => {
    if (!parent) return scope.paths.find((p) => path.startsWith(p)) ?? path;
    const rest = path.slice(parent.path.length);
    return rest ? `${parent.path}${rest.split('/')[0]}/` : parent.path;
  };
  const groups = new Map<string, StationMonthRow[]>();
  for (const x of all) {
    const k = keyOf(x.path);
    groups.set(k, [...(groups.get(k) ?? []), x.row]);
  }
  const named = groups.size
    ? await ctx.db
        .select({ id: orgs.id, name: orgs.name, path: orgs.path })
        .from(orgs)
        .where(inArray(orgs.path, [...groups.keys()]))
    : [];
  const byOrg = named
    .sort((a, b) => (a.path < b.path ? -1 : 1))
    .map((o) => ({ orgId: String(o.id), name: o.name, ...counts(groups.get(o.path) ?? []) }));

  const listed = all
    .map((x) => x.row)
    .filter((r) => !q.state || r.state === q.state)
    .sort((a, b) => ORDER[a.state] - ORDER[b.state]);
  const start = (q.page - 1) * q.pageSize;
  return {
    month,
    requiredMinutes: monthlyMinutes,
    org: parent ? { id: String(parent.id), name: parent.name } : null,
    totals: counts(all.map((x) => x.row)),
    byOrg,
    items: listed.slice(start, start + q.pageSize),
    total: listed.length,
    page: q.page,
    pageSize: q.pageSize,
  };
}
