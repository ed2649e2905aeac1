import type { SeedContext } from '../../platform/module.ts';
import { seedActivities } from './activities/seed.ts';
import { seedThoughtReports } from './thought-reports/seed.ts';

/** The life module's demo data, one sub-capability after the other. */
export async function seedLife(ctx: SeedContext) {
  await seedActivities(ctx);
  await seedThoughtReports(ctx);
}
