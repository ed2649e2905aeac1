import type { Config } from '../../config.ts';
import type { ModuleManifest } from '../module.ts';
import { authPolicies } from './policy.ts';
import { authRoutes } from './routes.ts';
import { seedAccounts } from './seed.ts';
import { purgeExpiredTickets, secondFactorSettings } from './second-factor.ts';
import { purgeExpiredSessions } from './sessions.ts';
import { authIndicators } from './indicators.ts';
import { rebindSealed } from '../pii/rebind.ts';

/** For modules acting on a member's account (study cards): may this actor act on that account? */
export { accountsOutOfReach, authorizeOnAccount, followTransfer } from './users.ts';

export function authModule(config: Config): ModuleManifest {
  return {
    name: 'auth',
    policies: authPolicies,
    routes: authRoutes(config),
    seed: seedAccounts,
    settings: secondFactorSettings,
    indicators: authIndicators,
    matrix: async () => (await import('./matrix.ts')).authMatrix,
    jobs: [
      {
        name: 'purge-expired-sessions',
        cron: '*/15 * * * *',
        run: async ({ db, now }) => ({
          purged: await purgeExpiredSessions(db, now()),
          tickets: await purgeExpiredTickets(db, now()),
        }),
      },
      {
        // phones stored before ciphertexts were bound to their account are bound
        name: 'users-pii-rebind',
        cron: '*/10 * * * *',
        run: async ({ db, pii }) => ({
          rebound: await rebindSealed(db, pii, { table: 'users', column: 'phone_enc', boundAs: 'phone' }),
        }),
      },
    ],
  };
}
