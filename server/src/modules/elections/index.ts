import type { ModuleManifest } from '../../platform/module.ts';
import { electionPolicies } from './policy.ts';
import { electionRoutes } from './routes.ts';
import { seedElections } from './seed.ts';
import { electionTodos } from './todos.ts';
import { electionsIndicators } from './indicators.ts';

/**
 * 选举与民主评议: branch elections (选举) per 中国共产党基层组织选举工作条例, democratic appraisal
 * of members (民主评议党员) and recommendation for cadre posts (民主推荐), all on one secret-ballot
 * engine — a frozen roll that says who voted, ballots that say nothing of who cast them, tracking
 * codes on a bulletin board, and a hash chain anyone on the roll can verify. Secrecy and its
 * residual risk: cast.ts.
 */
export const electionsModule: ModuleManifest = {
  name: 'elections',
  policies: electionPolicies,
  routes: async (app) => {
    await app.register(electionRoutes);
  },
  seed: seedElections,
  todos: electionTodos,
  indicators: electionsIndicators,
  matrix: async () => (await import('./matrix.ts')).electionsMatrix,
};
