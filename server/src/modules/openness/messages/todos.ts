import type { TodoDef } from '../../../platform/module.ts';
import { listInbox } from './list-messages.ts';

/** 待答复的留言: messages to orgs in the actor's scope still waiting (the inbox's default filter). */
export const messagesTodo: TodoDef = {
  key: 'openness.messages.answer',
  label: { zh: '待答复的留言', en: 'Messages waiting for a reply' },
  audience: 'admin',
  action: 'message.answer',
  path: '/messages',
  count: async (ctx) => (await listInbox(ctx, { filter: 'waiting', page: 1, pageSize: 0 })).total,
};
