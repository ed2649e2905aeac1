import { desc, sql } from 'drizzle-orm';
import { Scheme, type SchemeView } from '../../../../../contracts/assessment/scheme.ts';
import { inTransaction, type Queryable } from '../../../db/client.ts';
import { authorize } from '../../../platform/access/index.ts';
import { recordAudit } from '../../../platform/audit/service.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { rootOrg } from '../../../platform/tree/index.ts';
import type { Registry } from '../registry.ts';
import { assessmentSchemes } from '../schema.ts';
import { checkScheme, defaultScheme, schemeWarnings } from './rules.ts';

/** The department's latest scheme, or the default from the modules' targets when it has none. */
export async function currentScheme(db: Queryable, registry: Registry): Promise<Scheme> {
  return (await storedScheme(db)) ?? defaultScheme(registry.infos('zh'));
}

async function storedScheme(db: Queryable): Promise<Scheme | null> {
  const [row] = await db
    .select({ scheme: assessmentSchemes.scheme })
    .from(assessmentSchemes)
    .orderBy(desc(assessmentSchemes.id))
    .limit(1);
  // a scheme stored under an older, wider shape falls back to the default rather than break scoring
  const parsed = row ? Scheme.safeParse(row.scheme) : null;
  return parsed?.success ? parsed.data : null;
}

export async function readScheme(ctx: Ctx, registry: Registry): Promise<SchemeView> {
  const stored = await storedScheme(ctx.db);
  const scheme = stored ?? defaultScheme(registry.infos('zh'));
  return {
    scheme,
    source: stored ? 'department' : 'default',
    indicators: registry.infos(ctx.lang),
    warnings: schemeWarnings(scheme, registry.infos(ctx.lang), ctx.lang),
  };
}

export const onlyDepartment = {
  zh: '只有组织部管理员可以制定考核方案、计算或关闭考核月份',
  en: 'Only the department sets the scheme and runs or closes months',
};

/** The department's new scheme (checked whole against the indicators on offer; audited with the one before). */
export async function saveScheme(ctx: Ctx, registry: Registry, scheme: Scheme): Promise<SchemeView> {
  const root = await rootOrg(ctx.db);
  authorize(actorOf(ctx), 'assessment.manage', root?.path ?? '/', onlyDepartment);
  checkScheme(scheme, registry.infos('zh'), registry.off);
  await inTransaction(ctx.db, async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('assessment:scheme'))`);
    const before = await currentScheme(tx, registry);
    await tx
      .insert(assessmentSchemes)
      .values({ scheme, createdBy: actorOf(ctx).userId, createdAt: ctx.now() });
    await recordAudit(tx, ctx, {
      action: 'assessment.scheme_changed',
      targetType: 'assessment_scheme',
      orgId: root?.id ?? null,
      orgPath: root?.path ?? null,
      before: { scheme: before },
      after: { scheme },
    });
  });
  return readScheme(ctx, registry);
}
