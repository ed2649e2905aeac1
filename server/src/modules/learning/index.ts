import type { ModuleManifest } from '../../platform/module.ts';

/**
 * 学习教育: the courseware library with Chinese search (library/), study hours credited from real
 * attention (study/), the yearly requirement (requirements/), online classes (classes/), offline
 * study approved by the superior (offline/), remote-education stations (stations/), the teacher
 * and training-base pools (pool/) and recommendations (recommend/). Being built (issue 14).
 */
export const learningModule: ModuleManifest = {
  name: 'learning',
  policies: [],
  routes: async () => {},
  settings: [],
  notices: [],
  jobs: [],
};
