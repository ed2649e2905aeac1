import type { ModuleManifest } from '../../platform/module.ts';
import { orgsWorkbench } from './figures.ts';
import { orgPolicies } from './policy.ts';
import { orgRoutes } from './routes.ts';
import { seedOrgs } from './seed.ts';

export const orgsModule: ModuleManifest = {
  name: 'orgs',
  policies: orgPolicies,
  routes: orgRoutes,
  seed: async (ctx) => {
    Object.assign(ctx.demo, await seedOrgs(ctx));
  },
  ...orgsWorkbench,
  matrix: async () => (await import('./matrix.ts')).orgsMatrix,
};

/** For other modules: the deployment's branches by name or code (a transfer's destination). */
export { branchDirectory, presentOrg } from './service.ts';
