import type { ModuleManifest } from '../../platform/module.ts';
import { cardRoutes } from './cards-routes.ts';
import { correctionRoutes } from './corrections-routes.ts';
import { duesRoutes } from './dues-routes.ts';
import { IMPORT_JOB } from './excel/import.ts';
import { runMemberImport } from './excel/import-job.ts';
import { memberExcelRoutes } from './excel/routes.ts';
import { photoRoutes } from './photo-routes.ts';
import { pipelineRoutes } from './pipeline-routes.ts';
import { qualityRoutes } from './quality-routes.ts';
import { memberPolicies } from './policy.ts';
import { memberRoutes } from './routes.ts';
import { seedMembers } from './seed.ts';
import { transferRoutes } from './transfer-routes.ts';

export const membersModule: ModuleManifest = {
  name: 'members',
  policies: memberPolicies,
  routes: async (app) => {
    await memberRoutes(app);
    await transferRoutes(app);
    await pipelineRoutes(app);
    await duesRoutes(app);
    await qualityRoutes(app);
    await cardRoutes(app);
    await correctionRoutes(app);
    // its own plugin: the multipart parser it registers stays with the import route
    await app.register(memberExcelRoutes);
    await app.register(photoRoutes);
  },
  workers: [{ name: IMPORT_JOB, run: runMemberImport }],
  seed: seedMembers,
};
