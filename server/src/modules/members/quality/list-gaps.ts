import { type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { QualityGapQuery, QualityRate } from '../../../../../contracts/members/quality.ts';
import type { Ctx } from '../../../platform/context.ts';
import { paginate } from '../../../platform/http/pagination.ts';
import { COMPLETE, MISSING_FIELDS } from './checks.ts';
import { periodOf, rootFor, updatedWithin } from './quality-report.ts';

type Rate = z.infer<typeof QualityRate>;

/**
 * What each rate counts a record short of, and what it then says the record lacks: the same
 * conditions as the report's, so a rate of 57 % lists exactly the 43 % behind it.
 */
function lacking(rate: Rate, from: string, to: string): { where: SQL; missing: SQL } {
  switch (rate) {
    case 'completenessRate':
      return { where: sql`not ${COMPLETE}`, missing: MISSING_FIELDS };
    case 'updateRate':
      return { where: sql`not ${updatedWithin(from, to)}`, missing: sql`array['recordUpdatedAt']` };
    case 'photoRate':
      return { where: sql`m.photo is null`, missing: sql`array['photo']` };
    case 'duesStandardRate':
      // over admitted members only, as the rate is: only they pay dues
      return {
        where: sql`m.status in ('probationary', 'full') and m.dues_standard_fen is null`,
        missing: sql`array['duesStandardFen']`,
      };
  }
}

/**
 * From a rate to the records behind it: the records of `orgId`'s subtree (default: the actor's
 * scope, as the report) that lack what the rate counts, paged in tree order. The subtree is one
 * range of the members' org_path index, as the member list reads it.
 */
export async function listGaps(ctx: Ctx, q: z.infer<typeof QualityGapQuery>) {
  const root = await rootFor(ctx, q.orgId);
  const { from, to } = periodOf(ctx, q);
  const { where, missing } = lacking(q.rate, from, to);
  const filter = sql`m.org_path like ${`${root.path}%`} and m.left_at is null and ${where}`;
  type Row = {
    id: number;
    name: string;
    status: string;
    org_id: number;
    org_name: string;
    missing: string[];
    record_updated_at: Date;
    total: number;
  };
  const page = await paginate(q, {
    totalIn: (r: Row) => Number(r.total),
    count: async () => {
      const { rows } = await ctx.db.execute<{ n: number }>(
        sql`select count(*)::int as n from members m join orgs o on o.id = m.org_id where ${filter}`,
      );
      return rows;
    },
    rows: async (limit, offset) => {
      const { rows } = await ctx.db.execute<Row>(sql`
        select m.id, m.name, m.status, m.org_id, o.name as org_name, ${missing} as missing,
               m.record_updated_at,
               (select count(*) from members m join orgs o on o.id = m.org_id where ${filter}) as total
          from members m join orgs o on o.id = m.org_id
         where ${filter}
         order by m.org_path, m.id
         limit ${limit} offset ${offset}`);
      return rows;
    },
  });
  return {
    ...page,
    orgId: String(root.id),
    orgName: root.name,
    from,
    to,
    items: page.items.map((r) => ({
      id: String(r.id),
      name: r.name,
      status: r.status,
      orgId: String(r.org_id),
      orgName: r.org_name,
      missing: r.missing,
      recordUpdatedAt: new Date(r.record_updated_at).toISOString(),
    })),
  };
}
