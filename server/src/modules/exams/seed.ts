import type { SeedContext } from '../../platform/module.ts';
import { seedBank } from './bank/seed.ts';
import { seedSittings } from './sittings/seed.ts';

/** The exams module's demo data, one sub-capability after the other. */
export async function seedExams(ctx: SeedContext) {
  await seedBank(ctx);
  await seedSittings(ctx);
}
