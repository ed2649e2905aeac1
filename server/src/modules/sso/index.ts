import type { ModuleManifest } from '../../platform/module.ts';
import { sweepExpired } from './adapter.ts';
import { ssoPolicies } from './policy.ts';
import { ssoRoutes } from './routes.ts';
import { seedSso } from './seed.ts';

export { mountOidc } from './mount.ts';
export { DEMO_RP } from './seed.ts';

/**
 * 单点登录: Hongyun as an OpenID Connect provider at /oidc (oidc-provider) for the district's other
 * systems (子平台). The department registers them (子平台接入); each user sees the ones their roles
 * may use as tiles on the workbench and signs in there with their Hongyun login.
 */
export const ssoModule: ModuleManifest = {
  name: 'sso',
  policies: ssoPolicies,
  routes: async (app) => {
    await app.register(ssoRoutes);
  },
  jobs: [{ name: 'sso-sweep', cron: '17 3 * * *', run: (ctx) => sweepExpired(ctx.db) }],
  seed: seedSso,
  matrix: async () => (await import('./matrix.ts')).ssoMatrix,
};
