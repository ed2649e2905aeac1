import { sql } from 'drizzle-orm';
import type { IndicatorRecords } from '../../../../../contracts/assessment/scores.ts';
import { authorize } from '../../../platform/access/index.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { notFound } from '../../../platform/http/errors.ts';
import { shanghaiMonthRange } from '../../../platform/time.ts';
import { findOrg } from '../../../platform/tree/index.ts';
import type { Registry } from '../registry.ts';

/** Orgs of a subtree whose records are listed at most (a town's drill-down goes through its branches). */
const ORGS = 20;
const PER_ORG = 50;

/**
 * The records behind an org's figure of an indicator (the last step of the drill-down): the
 * module's own `records`, for the org and the orgs below it that have figures (a 党支部 and its
 * 党小组), with what was expected and missed marked `counted: false`.
 */
export async function indicatorRecords(
  ctx: Ctx,
  registry: Registry,
  month: string,
  orgId: string,
  key: string,
): Promise<IndicatorRecords> {
  const org = await findOrg(ctx.db, Number(orgId));
  if (!org) throw notFound({ zh: '党组织', en: 'Organization' });
  authorize(actorOf(ctx), 'assessment.view', org.path);
  const def = registry.byKey.get(key);
  if (!def) throw notFound({ zh: `考核指标 ${key}`, en: `Indicator ${key}` });
  const { rows } = await ctx.db.execute<{ id: string; name: string }>(sql`
    select o.id, o.name from orgs o
     where o.id = ${org.id}
        or (o.path like ${`${org.path}%`} and exists (select 1 from assessment_values v
              where v.month = ${month} and v.key = ${key} and v.org_id = o.id))
     order by o.path limit ${ORGS}`);
  const m = { month, ...shanghaiMonthRange(month) };
  const records: IndicatorRecords['records'] = [];
  for (const o of rows)
    for (const r of await def.records(ctx.db, Number(o.id), m, PER_ORG))
      records.push({
        orgId: String(o.id),
        orgName: o.name,
        title: r.title,
        at: r.at,
        counted: r.counted,
        note: r.note ?? null,
        href: r.href ?? null,
      });
  return { key, label: def.label[ctx.lang], records };
}
