import type { JobDef, ModuleManifest } from '../../platform/module.ts';
import { rebindSealed, type SealedColumn } from '../../platform/pii/rebind.ts';
import { lastCompletedMonth } from './dues/arrears.ts';
import { computeMonth, monthComplete } from './dues/arrears-summary.ts';
import { correctionRoutes } from './corrections/routes.ts';
import { duesPolicies } from './dues/policy.ts';
import { duesRoutes } from './dues/routes.ts';
import { importFilesJob } from './excel/cleanup.ts';
import { IMPORT_JOB } from './excel/import.ts';
import { runMemberImport } from './excel/import-job.ts';
import { memberExcelRoutes } from './excel/routes.ts';
import { mobileRoutes } from './mobile/routes.ts';
import { pipelineRoutes } from './pipeline/routes.ts';
import { qualityRoutes } from './quality/routes.ts';
import { recordPolicies } from './record/policy.ts';
import { recordRoutes } from './record/routes.ts';
import { fillSearchKeys } from './record/search-keys.ts';
import { seedMembers } from './seed.ts';
import { standingPolicies } from './standing/policy.ts';
import { standingRoutes } from './standing/routes.ts';
import { membersSettings } from './settings.ts';
import { cardRoutes } from './study-cards/routes.ts';
import { transferRoutes } from './transfers/routes.ts';

/**
 * 党员管理: member records and everything kept with them, one folder per sub-capability —
 * record/ (the record, its history, photo, the member's own view), transfers/ (组织关系转接),
 * mobile/ (流动党员: periods away, the host branch's read-only view, the reminder to transfer),
 * pipeline/ (发展党员), standing/ (党籍: lost contact, suspension, leaving), dues/ (党费),
 * study-cards/ (学习卡), corrections/ (members' requests to correct their record), quality/
 * (record quality), excel/ (import and export).
 */
/** Personal numbers stored before they were bound to their row are bound, a batch every ten minutes. */
const rebindJob: JobDef = {
  name: 'members-pii-rebind',
  cron: '*/10 * * * *',
  run: async ({ db, pii }) => {
    let n = 0;
    for (const c of SEALED) n += await rebindSealed(db, pii, c);
    return { rebound: n };
  },
};
/** Records from before the search keys were kept get them (pinyin initials, the phone's last four). */
const searchKeysJob: JobDef = {
  name: 'members-search-keys',
  cron: '*/10 * * * *',
  run: async ({ db, pii }) => ({ filled: await fillSearchKeys(db, pii) }),
};
/**
 * The arrears pages read each member's figures kept as of the last completed month: when a month
 * turns over (or the figures were never computed), every member is computed again. Checked every
 * ten minutes, so a new month is ready minutes after midnight and a fresh deployment soon after start.
 */
const arrearsJob: JobDef = {
  name: 'members-arrears',
  cron: '*/10 * * * *',
  run: async ({ db, now }) => {
    const month = lastCompletedMonth(now());
    if (await monthComplete(db, month)) return { month, computed: false };
    return { ...(await computeMonth(db, month, now())), computed: true };
  },
};
const SEALED: SealedColumn[] = [
  { table: 'members', column: 'id_number_enc', boundAs: 'id_number' },
  { table: 'members', column: 'phone_enc', boundAs: 'phone' },
  { table: 'corrections', column: 'value', boundAs: 'value' },
  { table: 'corrections', column: 'previous_value', boundAs: 'previous_value' },
];

// 思想汇报 (life module): who hands them in, read only through these
export {
  mustHandInThoughtReports,
  THOUGHT_REPORT_STAGES,
  type ThoughtReportWriter,
  thoughtReportWriterOf,
  thoughtReportWriters,
  thoughtReportWritersSql,
} from './pipeline/thought-report-writers.ts';
import { membersWorkbench } from './todos.ts';
import { membersIndicators } from './indicators.ts';

// 组织生活 (life module): who is expected at activities and which member a login is, read only through these
export { type ActivityPerson, activityPeople, memberOfUser } from './record/activity-people.ts';

// 学时要求 (learning module): who is held to the yearly study requirement, with their positions
export { type StudyPerson, studyPeopleSql, studyPersonOf } from './record/study-people.ts';

// 选举与民主评议 (elections module): the members of a subtree with what decides their vote, read only through this
export { type Elector, electorsOf } from './record/electors.ts';

// 通知中心 (platform/notify): who a notice reaches, and the names on its read/unread lists
export { noticePeople, noticeRecipients } from './record/notice-recipients.ts';

// 问卷调查 (surveys module): a respondent's coarse attributes, snapshot onto a response for cross-tabulation
export { type Respondent, respondentOf, respondentsSql } from './record/respondents.ts';

export const membersModule: ModuleManifest = {
  name: 'members',
  policies: [...recordPolicies, ...duesPolicies, ...standingPolicies],
  routes: async (app) => {
    await recordRoutes(app);
    await transferRoutes(app);
    await mobileRoutes(app);
    await pipelineRoutes(app);
    await standingRoutes(app);
    await duesRoutes(app);
    await qualityRoutes(app);
    await cardRoutes(app);
    await correctionRoutes(app);
    // its own plugin: the multipart parser it registers stays with the import route
    await app.register(memberExcelRoutes);
  },
  settings: membersSettings,
  workers: [{ name: IMPORT_JOB, run: runMemberImport }],
  jobs: [importFilesJob, rebindJob, searchKeysJob, arrearsJob],
  seed: seedMembers,
  ...membersWorkbench,
  indicators: membersIndicators,
  matrix: async () => (await import('./matrix.ts')).membersMatrix,
};
