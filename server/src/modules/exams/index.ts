import type { ModuleManifest } from '../../platform/module.ts';
import { bankPolicies } from './bank/policy.ts';
import { bankRoutes } from './bank/routes.ts';
import { questionImages } from './schema.ts';
import { seedExams } from './seed.ts';

/**
 * 在线考试: the question bank with GIFT, Aiken and Excel import and export (bank/); papers,
 * exams, attempts and grading follow (issue 15).
 */
export const examsModule: ModuleManifest = {
  name: 'exams',
  policies: [...bankPolicies],
  routes: async (app) => {
    await app.register(bankRoutes);
  },
  settings: [],
  notices: [],
  jobs: [],
  // where its records name their files: platform/files/orphans.ts removes the files none names
  files: [{ prefix: 'question-images', keptIn: [questionImages.fileKey, questionImages.thumbKey] }],
  seed: seedExams,
  matrix: async () => (await import('./matrix.ts')).examsMatrix,
};
