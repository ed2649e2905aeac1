import type { Tx } from '../../../db/client.ts';
import type { Ctx } from '../../../platform/context.ts';
import { sendNotice } from '../../../platform/notify/index.ts';
import { shanghaiToday } from '../../../platform/time.ts';
import { noticeRecipients } from '../../members/index.ts';
import type { messages } from '../schema.ts';

type MessageRow = typeof messages.$inferSelect;

/** The notices of 留言 (declared in the openness manifest's `notices`). */
export const MESSAGE_NOTICE = {
  kind: 'openness.message',
  label: { zh: '留言待答复', en: 'Message to answer' },
};
export const ANSWER_NOTICE = {
  kind: 'openness.message_answered',
  label: { zh: '留言答复', en: 'Message answered' },
};

/** What a notice quotes of a message or a reply: enough to know what it is about. */
const excerpt = (text: string) => (text.length > 500 ? `${text.slice(0, 500)}…` : text);

/**
 * A message arrived (or its author followed it up, and it waits again): those who answer for the
 * org itself are told, with the message opened in the console's inbox. A message has a deadline
 * (five working days) that the org above counts; nobody should learn of it only from the overdue
 * list. `source` is the message for a new one, the follow-up for a follow-up, so each is one notice.
 * Nobody to tell (no account of the org's is a member's) sends nothing: accounts that are not
 * members cannot receive notices yet, and the town's overdue list still shows the message.
 */
export async function noticeAnswerers(
  tx: Tx,
  ctx: Ctx,
  m: MessageRow,
  followUp?: { id: number; body: string },
) {
  const recipients = await noticeRecipients(tx, { orgId: m.orgId, action: 'message.answer' });
  if (!recipients.length) return null;
  const who = `${m.authorName}（${m.authorKind === 'public' ? '群众' : '党员'}）`;
  return sendNotice(tx, ctx, {
    kind: MESSAGE_NOTICE.kind,
    orgId: m.orgId,
    title: (followUp ? `${who}追问了留言，请答复` : `收到${who}的留言，请答复`).slice(0, 200),
    // the deadline is the message's: a follow-up sets none of its own
    body: followUp ? excerpt(followUp.body) : `${excerpt(m.body)}\n\n请于${shanghaiToday(m.dueAt)}前答复。`,
    link: `/messages?id=${m.id}`,
    source: followUp
      ? { type: 'message_follow_up', id: String(followUp.id) }
      : { type: 'message', id: String(m.id) },
    recipients,
  });
}

/**
 * The org answered a member's message: the member is told, and reads the answer in the member
 * app. One notice per reply (a follow-up answered again is news again). The public have no
 * account here to be told in; their phone is for SMS, once that channel exists (channels.ts).
 */
export async function noticeAuthor(
  tx: Tx,
  ctx: Ctx,
  m: MessageRow,
  orgName: string,
  reply: { id: number; body: string },
) {
  if (m.authorKind !== 'member' || m.authorMemberId == null) return null;
  const recipients = await noticeRecipients(tx, { memberIds: [m.authorMemberId] });
  if (!recipients.length) return null;
  return sendNotice(tx, ctx, {
    kind: ANSWER_NOTICE.kind,
    orgId: m.orgId,
    title: `${orgName}答复了您的留言`.slice(0, 200),
    body: excerpt(reply.body),
    link: '/m/messages',
    source: { type: 'message_reply', id: String(reply.id) },
    recipients,
  });
}
