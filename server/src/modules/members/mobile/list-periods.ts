import { and, asc, count, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import type { MobileListQuery } from '../../../../../contracts/members/index.ts';
import { listScope } from '../../../platform/access/scope.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { paginate } from '../../../platform/http/pagination.ts';
import { getSetting } from '../../../platform/settings/index.ts';
import { inSubtrees, orgs } from '../../../platform/tree/index.ts';
import { shanghaiToday } from '../../../platform/time.ts';
import { members, mobilePeriods } from '../schema.ts';
import { mobileRemindMonths } from '../settings.ts';
import { mobileAbilities } from './policy.ts';
import { presentPeriod } from './present.ts';
import { dueCutoff } from './rules.ts';

const home = alias(orgs, 'home_org');
const host = alias(orgs, 'host_org');

/**
 * Periods away, for the home side (members of the orgs in scope who are away: 流出) or the host side
 * (members the orgs in scope host: 流入, read only). Open ones by default, longest away first; `due`
 * keeps those six months (the setting) in one place, whose membership should be transferred.
 */
export async function listMobilePeriods(ctx: Ctx, q: z.infer<typeof MobileListQuery>) {
  const actor = actorOf(ctx);
  const today = shanghaiToday(ctx.now());
  const months = await getSetting(ctx.db, mobileRemindMonths);
  const { paths } = await listScope(ctx, 'member.view', q.orgId);
  const open = q.open !== 'false' || q.due === 'true';
  const where = and(
    q.side === 'host' ? inSubtrees(paths, host.path) : inSubtrees(paths, home.path),
    // a member who left the deployment is nobody's migrant any more
    isNull(members.leftAt),
    open ? isNull(mobilePeriods.backOn) : isNotNull(mobilePeriods.backOn),
    q.due === 'true' ? sql`${mobilePeriods.outOn} <= ${dueCutoff(today, months)}` : undefined,
    q.memberId ? eq(mobilePeriods.memberId, Number(q.memberId)) : undefined,
  );
  const from = () =>
    ctx.db
      .select({ n: count() })
      .from(mobilePeriods)
      .innerJoin(members, eq(members.id, mobilePeriods.memberId))
      .innerJoin(home, eq(home.id, members.orgId))
      .leftJoin(host, eq(host.id, mobilePeriods.hostOrgId))
      .where(where);
  const page = await paginate(q, {
    count: from,
    rows: (limit, offset) =>
      ctx.db
        .select({
          p: mobilePeriods,
          name: members.name,
          orgId: home.id,
          orgName: home.name,
          homePath: home.path,
        })
        .from(mobilePeriods)
        .innerJoin(members, eq(members.id, mobilePeriods.memberId))
        .innerJoin(home, eq(home.id, members.orgId))
        .leftJoin(host, eq(host.id, mobilePeriods.hostOrgId))
        .where(where)
        .orderBy(open ? asc(mobilePeriods.outOn) : sql`${mobilePeriods.backOn} desc`, asc(mobilePeriods.id))
        .limit(limit)
        .offset(offset),
  });
  return {
    ...page,
    items: page.items.map((r) =>
      presentPeriod(
        r.p,
        { name: r.name, orgId: r.orgId, orgName: r.orgName },
        today,
        months,
        mobileAbilities(actor, { backOn: r.p.backOn, homePath: r.homePath }),
      ),
    ),
  };
}
