import type { ModuleManifest } from '../../platform/module.ts';
import { albumRoutes } from './albums/routes.ts';
import { seedAlbums } from './albums/seed.ts';
import { imageRoutes } from './images/routes.ts';
import { opennessFiles } from './images/unsaved-images.ts';
import { messagePolicies } from './messages/policy.ts';
import { ANSWER_NOTICE, MESSAGE_NOTICE } from './messages/notice.ts';
import { messageRoutes } from './messages/routes.ts';
import { seedMessages } from './messages/seed.ts';
import { messagesSettings } from './messages/settings.ts';
import { pagePolicies } from './page/policy.ts';
import { pageRoutes } from './page/routes.ts';
import { seedPages } from './page/seed.ts';
import { opennessPortal } from './posts/portal.ts';
import { ANNOUNCEMENT_NOTICE } from './posts/publish-post.ts';
import { postRoutes } from './posts/routes.ts';
import { messagesTodo } from './messages/todos.ts';
import { opennessIndicators } from './indicators.ts';

/**
 * 党务公开 and the org page: every org's page (introduction, 工作动态, 组织公告, 党务公开 items,
 * albums), public or members-only, and 留言 (messages to an org, answered within a deadline).
 * One folder per sub-capability: page/, posts/, albums/, messages/.
 */
export const opennessModule: ModuleManifest = {
  name: 'openness',
  policies: [...pagePolicies, ...messagePolicies],
  routes: async (app) => {
    await pageRoutes(app);
    await postRoutes(app);
    await imageRoutes(app);
    await albumRoutes(app);
    await messageRoutes(app);
  },
  settings: [...messagesSettings],
  jobs: [],
  // pictures uploaded for a post never saved, and files no record names: platform/files/orphans.ts
  files: opennessFiles,
  notices: [
    { kind: ANNOUNCEMENT_NOTICE, label: { zh: '组织公告', en: 'Announcement' } },
    MESSAGE_NOTICE,
    ANSWER_NOTICE,
  ],
  seed: async (ctx) => {
    await seedPages(ctx);
    await seedAlbums(ctx);
    await seedMessages(ctx);
  },
  todos: [messagesTodo],
  indicators: opennessIndicators,
  matrix: async () => (await import('./matrix.ts')).opennessMatrix,
  // the public portal at / lists the latest public items of every org (platform/portal)
  portal: opennessPortal,
};

// 留言 counts for the assessment: received, answered, answered in time per org and month, from records
export { monthlyCounts, type OrgMonthlyCounts } from './messages/oversight.ts';

// posts per kind per org and month, from the posts themselves: the assessment reads it
export { monthlyCounts as postMonthlyCounts, type OrgPostCounts } from './posts/monthly-counts.ts';

// the rich text's allow-list (posts/rules.ts): learning's articles are sanitized by the same one
export { excerptOf, sanitizeRichText } from './posts/rules.ts';
