import type { Config } from '../config.ts';
import { auditModule } from '../platform/audit/index.ts';
import { authModule } from '../platform/auth/index.ts';
import { filesModule } from '../platform/files/orphans.ts';
import type { ModuleManifest } from '../platform/module.ts';
import { settingsModule } from '../platform/settings/index.ts';
import { notifyModule } from '../platform/notify/index.ts';
import { assessmentModule } from './assessment/index.ts';
import { electionsModule } from './elections/index.ts';
import { examsModule } from './exams/index.ts';
import { kioskModule } from './kiosk/index.ts';
import { learningModule } from './learning/index.ts';
import { lifeModule } from './life/index.ts';
import { membersModule, noticePeople } from './members/index.ts';
import { opennessModule } from './openness/index.ts';
import { orgsModule } from './orgs/index.ts';
import { ssoModule } from './sso/index.ts';
import { surveysModule } from './surveys/index.ts';

/** Every capability, in seed order. Adding one is a folder and a line here. */
export function allModules(config: Config): ModuleManifest[] {
  const modules = [
    orgsModule,
    authModule(config),
    auditModule,
    settingsModule,
    membersModule,
    // the notice centre asks the members module who is in an org (the platform imports no module);
    // after it, so that its demo notices find the demo members
    notifyModule(noticePeople),
    opennessModule,
    lifeModule,
    learningModule,
    examsModule,
    surveysModule,
    electionsModule,
    ssoModule,
    kioskModule,
  ];
  const on = modules.filter((m) => !config.modulesOff.includes(m.name));
  // the assessment reads every module's indicators: handed the manifests, it imports no module
  const withAssessment = [...on, assessmentModule(on, config.modulesOff)];
  // the sweep of orphaned files reads where every module's records name their files
  return [...withAssessment, filesModule(withAssessment)];
}
