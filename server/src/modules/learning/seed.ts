import type { SeedContext } from '../../platform/module.ts';
import { seedLibrary } from './library/seed.ts';
import { seedOfflineStudies } from './offline/seed.ts';
import { seedStations } from './stations/seed.ts';
import { seedStudy } from './study/seed.ts';

/** The learning module's demo data, one sub-capability after the other (study/ builds on library/). */
export async function seedLearning(ctx: SeedContext) {
  await seedLibrary(ctx);
  // before study/: its count of the org figures then takes in their credits
  await seedOfflineStudies(ctx);
  await seedStations(ctx);
  await seedStudy(ctx);
}
