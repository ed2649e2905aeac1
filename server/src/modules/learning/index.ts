import type { ModuleManifest } from '../../platform/module.ts';
import { CLASS_REMIND_NOTICE } from './classes/notice.ts';
import { classPolicies } from './classes/policy.ts';
import { classRoutes } from './classes/routes.ts';
import { libraryPolicies } from './library/policy.ts';
import { libraryRoutes } from './library/routes.ts';
import { searchKeysJob } from './library/search-keys.ts';
import { librarySettings } from './library/settings.ts';
import { requirementPolicies } from './requirements/policy.ts';
import { studyRollupJob } from './requirements/rollup.ts';
import { studyFoldJob } from './study/fold.ts';
import { requirementRoutes } from './requirements/routes.ts';
import { requirementSettingsList } from './requirements/settings.ts';
import { OFFLINE_DECIDED_NOTICE, OFFLINE_PENDING_NOTICE } from './offline/notice.ts';
import { offlinePolicies } from './offline/policy.ts';
import { offlineRoutes } from './offline/routes.ts';
import { recommendRefreshJob } from './recommend/refresh.ts';
import { recommendRoutes } from './recommend/routes.ts';
import { poolPolicies } from './pool/policy.ts';
import { poolRoutes } from './pool/routes.ts';
import { offlineStudyPhotos, stationSessions, trainingBasePhotos } from './schema.ts';
import { stationPolicies } from './stations/policy.ts';
import { stationRoutes } from './stations/routes.ts';
import { stationSettingsList } from './stations/settings.ts';
import { seedLearning } from './seed.ts';
import { studyPolicies } from './study/policy.ts';
import { studyRoutes } from './study/routes.ts';
import { studySettings } from './study/settings.ts';
import { learningWorkbench } from './todos.ts';
import { learningIndicators } from './indicators.ts';

// 课件库: whether a member may study a course (study/ checks it before crediting a heartbeat)
export { findVisibleCourse, type VisibleCourse } from './library/visible.ts';
// 学时: offline study and station sessions credit through this, into the same year totals
export { creditStudy, creditStudyInBulk } from './study/credit-study.ts';

/**
 * 学习教育: the courseware library with Chinese search (library/), study hours credited from real
 * attention (study/), the yearly requirement (requirements/), online classes (classes/), offline
 * study approved by the superior (offline/), remote-education stations (stations/), the teacher
 * and training-base pools (pool/) and recommendations (recommend/).
 */
export const learningModule: ModuleManifest = {
  name: 'learning',
  policies: [
    ...libraryPolicies,
    ...studyPolicies,
    ...requirementPolicies,
    ...offlinePolicies,
    ...stationPolicies,
    ...poolPolicies,
    ...classPolicies,
  ],
  routes: async (app) => {
    await app.register(libraryRoutes);
    await app.register(studyRoutes);
    await app.register(requirementRoutes);
    await app.register(offlineRoutes);
    await app.register(stationRoutes);
    await app.register(poolRoutes);
    await app.register(classRoutes);
    await app.register(recommendRoutes);
  },
  settings: [...librarySettings, ...studySettings, ...requirementSettingsList, ...stationSettingsList],
  notices: [OFFLINE_PENDING_NOTICE, OFFLINE_DECIDED_NOTICE, CLASS_REMIND_NOTICE],
  jobs: [searchKeysJob, studyFoldJob, studyRollupJob, recommendRefreshJob],
  // where records name their files: platform/files/orphans.ts removes the files none names
  files: [
    { prefix: 'offline-photos', keptIn: [offlineStudyPhotos.fileKey, offlineStudyPhotos.thumbKey] },
    { prefix: 'station-photos', keptIn: [stationSessions.photoKey, stationSessions.photoThumbKey] },
    { prefix: 'base-photos', keptIn: [trainingBasePhotos.fileKey, trainingBasePhotos.thumbKey] },
  ],
  seed: seedLearning,
  ...learningWorkbench,
  indicators: learningIndicators,
  matrix: async () => (await import('./matrix.ts')).learningMatrix,
};
