import type { ModuleManifest } from '../../platform/module.ts';
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
};
