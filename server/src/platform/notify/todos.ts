import type { TodoDef } from '../module.ts';
import { myUnreadCount } from './my-notices.ts';

/** The notice centre's to-do for the member home: unread notices (every account reads its own). */
export const notifyTodos: TodoDef[] = [
  {
    key: 'notify.unread',
    label: { zh: '未读通知', en: 'Unread notices' },
    audience: 'member',
    action: 'authenticated',
    path: '/m/notices',
    count: async (ctx) => (await myUnreadCount(ctx)).count,
  },
];
