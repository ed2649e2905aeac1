import type { ModuleManifest } from '../../platform/module.ts';
import { ACTIVITY_NOTICE } from './activities/notice.ts';
import { activityPolicies } from './activities/policy.ts';
import { activityRoutes } from './activities/routes.ts';
import { activitySettings } from './activities/settings.ts';
import { activityFiles, thoughtReports } from './schema.ts';
import { seedLife } from './seed.ts';
import { thoughtReportPolicies } from './thought-reports/policy.ts';
import { REVIEWED_NOTICE } from './thought-reports/review-report.ts';
import { thoughtReportRoutes } from './thought-reports/routes.ts';
import { thoughtReportSettings } from './thought-reports/settings.ts';
import { lifeWorkbench } from './todos.ts';
import { lifeIndicators } from './indicators.ts';

// the assessment reads what was held, per org and month, from here
export { monthlyCounts as activityMonthlyCounts } from './activities/monthly-counts.ts';
// …and what was handed in, reviewed and missing of 思想汇报
export { monthlyCounts as thoughtReportMonthlyCounts } from './thought-reports/monthly-counts.ts';

/**
 * 组织生活: 三会一课, 主题党日, 组织生活会 and 民主生活会 — planned, notified, signed in to (a
 * rotating QR code, a study card at the kiosk, the secretary's roll call), leave, minutes and
 * attendance — and 思想汇报 handed in and reviewed. Sub-capabilities: activities/, thought-reports/.
 */
export const lifeModule: ModuleManifest = {
  name: 'life',
  policies: [...activityPolicies, ...thoughtReportPolicies],
  routes: async (app) => {
    await app.register(activityRoutes);
    await app.register(thoughtReportRoutes);
  },
  settings: [...activitySettings, ...thoughtReportSettings],
  notices: [ACTIVITY_NOTICE, REVIEWED_NOTICE],
  jobs: [],
  // where its records name their files: platform/files/orphans.ts removes the files none names
  files: [
    { prefix: 'activity-photos', keptIn: [activityFiles.fileKey, activityFiles.thumbKey] },
    { prefix: 'activity-files', keptIn: [activityFiles.fileKey] },
    { prefix: 'thought-reports', keptIn: [thoughtReports.attachmentKey] },
  ],
  seed: seedLife,
  ...lifeWorkbench,
  indicators: lifeIndicators,
  matrix: async () => (await import('./matrix.ts')).lifeMatrix,
};
