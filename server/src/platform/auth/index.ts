import type { Config } from '../../config.ts';
import type { ModuleManifest } from '../module.ts';
import { authPolicies } from './policy.ts';
import { authRoutes } from './routes.ts';
import { seedAccounts } from './seed.ts';
import { purgeExpiredSessions } from './sessions.ts';

export function authModule(config: Config): ModuleManifest {
  return {
    name: 'auth',
    policies: authPolicies,
    routes: authRoutes(config),
    seed: seedAccounts,
    jobs: [
      {
        name: 'purge-expired-sessions',
        cron: '*/15 * * * *',
        run: async ({ db, now }) => ({ purged: await purgeExpiredSessions(db, now()) }),
      },
    ],
  };
}
