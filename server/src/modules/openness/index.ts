import type { ModuleManifest } from '../../platform/module.ts';

/**
 * 党务公开 and the org page: every org's page (introduction, 工作动态, 组织公告, 党务公开 items,
 * albums), public or members-only, and 留言 (messages to an org, answered within a deadline).
 * One folder per sub-capability: page/, posts/, albums/, messages/.
 */
export const opennessModule: ModuleManifest = {
  name: 'openness',
  policies: [],
  routes: async (_app) => {},
  settings: [],
  jobs: [],
};
