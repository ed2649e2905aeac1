import { eq, type SQL, sql } from 'drizzle-orm';
import type {
  ThoughtReportFrequency,
  ThoughtReportFrequencyView,
} from '../../../../../contracts/life/thought-reports.ts';
import { inTransaction, type Queryable } from '../../../db/client.ts';
import { authorize, can } from '../../../platform/access/index.ts';
import { recordAudit } from '../../../platform/audit/service.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { notFound } from '../../../platform/http/errors.ts';
import { getSetting } from '../../../platform/settings/index.ts';
import { shanghaiToday } from '../../../platform/time.ts';
import { findOrg } from '../../../platform/tree/index.ts';
import { thoughtReportFrequencies } from '../schema.ts';
import { periodOf } from './rules.ts';
import { thoughtReportFrequency } from './settings.ts';

const ORG = { zh: '党组织', en: 'Organization' };

/**
 * The frequency in effect for each org path of `paths` (a select of one column, org_path): the
 * nearest org at or above it that set one, else the department's default — for a whole list in one
 * pass. An org's path is the ids of the orgs above it and its own ('/1/17/342/'), so those orgs are
 * its path's ids, joined to the few hundred orgs that set a frequency, the deepest first: no path
 * is compared with every org's, and a due list reads it once per branch, not once per writer.
 * Columns: org_path, frequency.
 */
export const frequenciesOfPathsSql = (paths: SQL, departmentDefault: ThoughtReportFrequency): SQL =>
  sql`select distinct on (p.org_path) p.org_path, coalesce(f.frequency, ${departmentDefault}) as frequency
        from (${paths}) p
        left join lateral unnest(string_to_array(trim(both '/' from p.org_path), '/')::bigint[])
             with ordinality as up(org_id, depth) on true
        left join thought_report_frequencies f on f.org_id = up.org_id
       order by p.org_path, f.org_id is null, up.depth desc`;

export type FrequencyInEffect = {
  frequency: ThoughtReportFrequency;
  setOn: { orgId: number; orgName: string } | null;
  departmentDefault: ThoughtReportFrequency;
};

/** The frequency in effect for one org, and where it was set. */
export async function frequencyFor(db: Queryable, orgPath: string): Promise<FrequencyInEffect> {
  const departmentDefault = await getSetting(db, thoughtReportFrequency);
  const { rows } = await db.execute<{ frequency: ThoughtReportFrequency; org_id: number; name: string }>(sql`
    select f.frequency, o.id as org_id, o.name from thought_report_frequencies f join orgs o on o.id = f.org_id
     where ${orgPath} like o.path || '%' order by o.depth desc limit 1`);
  const own = rows[0];
  return {
    frequency: own?.frequency ?? departmentDefault,
    setOn: own ? { orgId: own.org_id, orgName: own.name } : null,
    departmentDefault,
  };
}

async function view(
  ctx: Ctx,
  org: { id: number; name: string; path: string },
): Promise<ThoughtReportFrequencyView> {
  const f = await frequencyFor(ctx.db, org.path);
  return {
    orgId: String(org.id),
    orgName: org.name,
    frequency: f.frequency,
    setOn: f.setOn && { orgId: String(f.setOn.orgId), orgName: f.setOn.orgName },
    departmentDefault: f.departmentDefault,
    period: periodOf(shanghaiToday(ctx.now()), f.frequency),
    can: { set: can(actorOf(ctx), 'thought_report.review', org.path) },
  };
}

async function orgInScope(ctx: Ctx, orgId: number) {
  const org = await findOrg(ctx.db, orgId);
  if (!org) throw notFound(ORG);
  authorize(actorOf(ctx), 'thought_report.review', org.path);
  return org;
}

export async function readFrequency(ctx: Ctx, orgId: number) {
  return view(ctx, await orgInScope(ctx, orgId));
}

/**
 * A branch (or an org above it, for all its branches) sets how often its writers report; null
 * removes its own, so it follows the org above it or the department again. From the period now
 * running on: reports already handed in keep the period they were for.
 */
export async function setFrequency(
  ctx: Ctx,
  input: { orgId: string; frequency: ThoughtReportFrequency | null },
): Promise<ThoughtReportFrequencyView> {
  const org = await orgInScope(ctx, Number(input.orgId));
  await inTransaction(ctx.db, async (tx) => {
    const [before] = await tx
      .select({ frequency: thoughtReportFrequencies.frequency })
      .from(thoughtReportFrequencies)
      .where(eq(thoughtReportFrequencies.orgId, org.id))
      .for('update');
    if (input.frequency === null)
      await tx.delete(thoughtReportFrequencies).where(eq(thoughtReportFrequencies.orgId, org.id));
    else {
      const row = { frequency: input.frequency, setBy: actorOf(ctx).userId, setAt: ctx.now() };
      await tx
        .insert(thoughtReportFrequencies)
        .values({ orgId: org.id, ...row })
        .onConflictDoUpdate({ target: thoughtReportFrequencies.orgId, set: row });
    }
    await recordAudit(tx, ctx, {
      action: 'thought_report.frequency_set',
      targetType: 'org',
      targetId: org.id,
      orgId: org.id,
      orgPath: org.path,
      before: { frequency: before?.frequency ?? null },
      after: { frequency: input.frequency },
    });
  });
  return view(ctx, org);
}
