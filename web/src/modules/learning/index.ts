import { strings, type WebModule } from '../../app/modules.ts';

// Where everything of the learning module lives: one folder per sub-capability, mirroring
// server/src/modules/learning/ and contracts/learning/ — library/, study/, requirements/, classes/,
// offline/, stations/, pool/, recommend/ — each with its pages, api.ts and i18n.ts.

/** 学习教育: courses, study hours, the yearly requirement, classes, offline study, stations. */
export const learningModule: WebModule = {
  name: 'learning',
  routes: [],
  memberRoutes: [],
  memberTiles: [],
  menu: [],
  strings: strings({ nav: { learningGroup: '学习教育' } }, { nav: { learningGroup: 'Learning' } }),
};
