import type { TodoDef } from '../../../platform/module.ts';
import { listStudies } from './list-studies.ts';

/** 待审批的线下学习: the sessions of orgs below the actor submitted for approval (the page's approve box). */
export const offlineApproveTodo: TodoDef = {
  key: 'learning.offline.approve',
  label: { zh: '待审批的线下学习', en: 'Offline study to approve' },
  audience: 'admin',
  action: 'offline_study.approve',
  path: '/offline-studies?box=approve',
  menu: '/offline-studies',
  // the list's own filter (offline_studies_pending_idx), no row fetched
  count: async (ctx) => (await listStudies(ctx, { box: 'approve', page: 1, pageSize: 0 })).total,
};
