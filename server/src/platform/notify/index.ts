import type { ModuleManifest } from '../module.ts';
import type { NoticeKindDef } from './kinds.ts';
import type { NoticePeople } from './people.ts';
import { notifyPolicies } from './policy.ts';
import { notifyRoutes } from './routes.ts';
import { DIRECT_KIND } from './send-direct.ts';
import { seedNotices } from './seed.ts';
import { notifyTodos } from './todos.ts';

/**
 * 通知中心, the platform's one way to send a notice. A module declares its notice kinds in its
 * manifest (`notices: [{ kind, label }]`) and, inside the transaction of the write the notice is
 * about, calls
 *
 *   await sendNotice(tx, ctx, { kind, orgId, title, body, link, source: { type, id },
 *                               recipients: await noticeRecipients(tx, { orgPath }) });
 *
 * (noticeRecipients is the members module's). One notice per (kind, source): sending again adds
 * only new recipients. Each recipient gets a receipt (delivered, read, reminded); the member app
 * and the console read their own, the sender's managers read who has and has not read, and remind
 * the unread. In-app is the only channel so far; SMS, WeChat and email plug in behind
 * NoticeChannel (channels.ts).
 */
export { sendNotice, type NoticeInput, type Recipient, type SendResult } from './send-notice.ts';
export { linkReceipts } from './link-receipts.ts';
export { declareNoticeKinds, type NoticeKindDef } from './kinds.ts';
export type { NoticeChannel, ChannelName } from './channels.ts';
export type { NoticePeople } from './people.ts';

/** Declared once: the registry refuses a kind declared twice by different objects. */
const NOTICE_KINDS: NoticeKindDef[] = [{ kind: DIRECT_KIND, label: { zh: '通知', en: 'Notice' } }];

export function notifyModule(people: NoticePeople): ModuleManifest {
  return {
    name: 'notify',
    policies: notifyPolicies,
    routes: notifyRoutes(people),
    notices: NOTICE_KINDS,
    seed: seedNotices(people),
    todos: notifyTodos,
    matrix: async () => (await import('./matrix.ts')).notifyMatrix,
  };
}
