import type { ModuleManifest } from '../../platform/module.ts';
import { memberPolicies } from './policy.ts';
import { memberRoutes } from './routes.ts';
import { seedMembers } from './seed.ts';

export const membersModule: ModuleManifest = {
  name: 'members',
  policies: memberPolicies,
  routes: memberRoutes,
  seed: seedMembers,
};
