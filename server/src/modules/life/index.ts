import type { ModuleManifest } from '../../platform/module.ts';

/**
 * 组织生活: 三会一课, 主题党日, 组织生活会 and 民主生活会 — planned, notified, signed in to (a
 * rotating QR code, a study card at the kiosk, the secretary's roll call), leave, minutes and
 * attendance — and 思想汇报 handed in and reviewed. Sub-capabilities: activities/, thought-reports/.
 */
export const lifeModule: ModuleManifest = {
  name: 'life',
  policies: [],
  routes: async (_app) => {},
  settings: [],
  jobs: [],
};
