import type { WebModule } from '../app/modules.ts';
import { auditModule } from './audit/index.ts';
import { electionsModule } from './elections/index.ts';
import { examsModule } from './exams/index.ts';
import { kioskModule } from './kiosk/index.ts';
import { learningModule } from './learning/index.ts';
import { lifeModule } from './life/index.ts';
import { membersModule } from './members/index.ts';
import { notifyModule } from './notify/index.ts';
import { opennessModule } from './openness/index.ts';
import { orgsModule } from './orgs/index.ts';
import { settingsModule } from './settings/index.ts';
import { ssoModule } from './sso/index.ts';
import { surveysModule } from './surveys/index.ts';
import { assessmentModule } from './assessment/index.ts';
import { usersModule } from './users/index.ts';

/**
 * Every module of the admin console, in the order of its side menu (as server/src/modules/index.ts
 * lists the server's). Adding one is a folder with an index.ts and a line here.
 */
export const webModules: readonly WebModule[] = [
  orgsModule,
  membersModule,
  opennessModule,
  lifeModule,
  learningModule,
  examsModule,
  electionsModule,
  surveysModule,
  assessmentModule,
  usersModule,
  auditModule,
  notifyModule,
  kioskModule,
  ssoModule,
  settingsModule,
];
