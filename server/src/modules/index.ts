import type { Config } from '../config.ts';
import { auditModule } from '../platform/audit/index.ts';
import { authModule } from '../platform/auth/index.ts';
import type { ModuleManifest } from '../platform/module.ts';
import { settingsModule } from '../platform/settings/index.ts';
import { lifeModule } from './life/index.ts';
import { membersModule } from './members/index.ts';
import { opennessModule } from './openness/index.ts';
import { orgsModule } from './orgs/index.ts';

/** Every capability, in seed order. Adding one is a folder and a line here. */
export function allModules(config: Config): ModuleManifest[] {
  return [
    orgsModule,
    authModule(config),
    auditModule,
    settingsModule,
    membersModule,
    opennessModule,
    lifeModule,
  ];
}
