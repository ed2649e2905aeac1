import type { ModuleManifest } from '../../platform/module.ts';
import { kioskPolicies } from './policy.ts';
import { kioskRoutes } from './routes.ts';
import { seedKiosk } from './seed.ts';

/**
 * 触摸屏终端: the touch screens of village service centres. The department registers each with a
 * one-time code, sees it online (a heartbeat a minute) with what it shows, and sends it commands
 * (reload, a notice, back to the home). The kiosk's screens are the web's (web/src/kiosk/).
 */
export const kioskModule: ModuleManifest = {
  name: 'kiosk',
  policies: kioskPolicies,
  routes: async (app) => {
    await app.register(kioskRoutes);
  },
  seed: seedKiosk,
  matrix: async () => (await import('./matrix.ts')).kioskMatrix,
};
