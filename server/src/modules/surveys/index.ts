import type { ModuleManifest } from '../../platform/module.ts';
import { SURVEY_PUBLISHED_NOTICE } from './notice.ts';
import { surveyPolicies } from './policy.ts';
import { surveyRoutes } from './routes.ts';
import { seedSurveys } from './seed.ts';
import { surveyTodos } from './todos.ts';
import { surveysIndicators } from './indicators.ts';

/**
 * 问卷调查: surveys designed in sections (nine kinds of question, required flags, show-if rules),
 * sent to members (an org's subtree, an online class, a list) or to the public through a link and
 * QR code; answered once each, anonymously when chosen; results counted live, cross-tabulated,
 * open answers as word frequencies; a Word analysis report and the raw answers in Excel.
 */
export const surveysModule: ModuleManifest = {
  name: 'surveys',
  policies: surveyPolicies,
  routes: async (app) => {
    await app.register(surveyRoutes);
  },
  notices: [SURVEY_PUBLISHED_NOTICE],
  seed: seedSurveys,
  todos: surveyTodos,
  indicators: surveysIndicators,
  matrix: async () => (await import('./matrix.ts')).surveysMatrix,
};
