import type { TodoDef } from '../../platform/module.ts';
import { myOpenCount } from './my.ts';
import { listElections } from './setup.ts';

/** The elections module's to-dos (platform/workbench). */
export const electionTodos: TodoDef[] = [
  {
    // 待审批: candidate lists submitted, and results closed but not yet approved, of orgs below the actor
    key: 'elections.approve',
    label: { zh: '待审批的选举', en: 'Elections awaiting approval' },
    audience: 'admin',
    action: 'election.approve',
    path: '/elections/approvals',
    count: async (ctx) => (await listElections(ctx, { view: 'approvals', page: 1, pageSize: 0 })).total,
  },
  {
    key: 'elections.vote',
    label: { zh: '待投票', en: 'Elections to vote in' },
    audience: 'member',
    action: 'election.vote',
    path: '/m/elections',
    count: async (ctx) => (await myOpenCount(ctx)).count,
  },
];
