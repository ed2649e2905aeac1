import { shanghaiMonth } from '../../platform/time.ts';
import { addMonthsToMonth } from '../../platform/time.ts';
import type { ModuleManifest } from '../../platform/module.ts';
import { assessmentPolicies } from './policy.ts';
import { Registry } from './registry.ts';
import { assessmentRoutes } from './routes.ts';
import { bulletinRoutes } from './bulletin/routes.ts';
import { computeMonth } from './scoring/compute-month.ts';
import { sql } from 'drizzle-orm';

/**
 * 考核 (issue 18): scores every org each month from what the modules recorded. The modules
 * contribute their indicators through their manifests (`indicators`); this module knows none of
 * their tables: app composition hands it the manifests (modules/index.ts), as the workbench gets
 * the to-dos. `off` are the modules switched off in this deployment (their indicators cannot be
 * chosen).
 */
export function assessmentModule(
  modules: readonly ModuleManifest[],
  off: readonly string[] = [],
): ModuleManifest {
  const registry = new Registry(modules, off);
  return {
    name: 'assessment',
    policies: assessmentPolicies,
    routes: async (app) => {
      await app.register(assessmentRoutes(registry));
      await app.register(bulletinRoutes(registry));
    },
    jobs: [
      {
        // every night: this month and, while it is open, the last one (its records still come in
        // during the first days, and its bulletin is written from it), every org from scratch
        name: 'assessment-nightly',
        cron: '30 2 * * *',
        run: async (ctx) => {
          const month = shanghaiMonth(ctx.now());
          for (const m of [addMonthsToMonth(month, -1), month]) {
            const { rows } = await ctx.db.execute<{ state: string }>(
              sql`select state from assessment_months where month = ${m}`,
            );
            if (rows[0]?.state === 'closed') continue;
            const run = await computeMonth(ctx.db, registry, m, { full: true, now: ctx.now() });
            ctx.log(`assessment ${m}`, run);
          }
        },
      },
    ],
    matrix: async () => {
      const { joinMatrix } = await import('../../../test/matrix.ts');
      const { assessmentMatrix } = await import('./matrix.ts');
      const { bulletinMatrix } = await import('./bulletin/matrix.ts');
      return joinMatrix(assessmentMatrix(registry), bulletinMatrix);
    },
  };
}
