import type { ModuleManifest } from '../../platform/module.ts';
import { bankPolicies } from './bank/policy.ts';
import { bankRoutes } from './bank/routes.ts';
import { gradingRoutes } from './grading/routes.ts';
import { paperRoutes } from './papers/routes.ts';
import { practiceRoutes } from './practice/routes.ts';
import { questionImages } from './schema.ts';
import { seedExams } from './seed.ts';
import { autoSubmitJob } from './sittings/auto-submit.ts';
import { EXAM_PUBLISHED_NOTICE } from './sittings/notice.ts';
import { sittingPolicies } from './sittings/policy.ts';
import { sittingRoutes } from './sittings/routes.ts';
import { examTodos } from './todos.ts';
import { examsIndicators } from './indicators.ts';

/**
 * 在线考试: the question bank with GIFT, Aiken and Excel import and export (bank/); papers, fixed
 * or drawn at random (papers/); exams and server-timed attempts (sittings/); grading, results and
 * statistics (grading/); practice and the book of wrong answers (practice/).
 */
export const examsModule: ModuleManifest = {
  name: 'exams',
  policies: [...bankPolicies, ...sittingPolicies],
  routes: async (app) => {
    await app.register(bankRoutes);
    await app.register(paperRoutes);
    await app.register(sittingRoutes);
    await app.register(gradingRoutes);
    await app.register(practiceRoutes);
  },
  settings: [],
  notices: [EXAM_PUBLISHED_NOTICE],
  jobs: [autoSubmitJob],
  // where its records name their files: platform/files/orphans.ts removes the files none names
  files: [{ prefix: 'question-images', keptIn: [questionImages.fileKey, questionImages.thumbKey] }],
  seed: seedExams,
  todos: examTodos,
  indicators: examsIndicators,
  matrix: async () => (await import('./matrix.ts')).examsMatrix,
};
