import type { SeedContext } from '../../platform/module.ts';
import { seedClasses } from './classes/seed.ts';
import { seedLibrary } from './library/seed.ts';
import { seedOfflineStudies } from './offline/seed.ts';
import { seedPool } from './pool/seed.ts';
import { seedRecommendations } from './recommend/seed.ts';
import { seedStations } from './stations/seed.ts';
import { seedStudy } from './study/seed.ts';

/** The learning module's demo data, one sub-capability after the other (study/ builds on library/). */
export async function seedLearning(ctx: SeedContext) {
  await seedLibrary(ctx);
  // before study/: its count of the org figures then takes in their credits
  await seedOfflineStudies(ctx);
  await seedStations(ctx);
  await seedClasses(ctx);
  await seedPool(ctx);
  await seedStudy(ctx);
  // the recommendations' nightly lists, from the study just made
  await seedRecommendations(ctx);
}
