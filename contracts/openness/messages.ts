// 留言: messages that members and the public leave for an org, the org's replies, the deadline,
// and what the superior org sees (overdue messages, monthly counts per org).
import { z } from 'zod';
import { Id, Month, PageQuery, pageOf } from '../common.ts';
import { Phone } from '../users.ts';

export const MESSAGE_STATUSES = ['open', 'answered', 'closed'] as const;
export const MessageStatus = z.enum(MESSAGE_STATUSES);
export type MessageStatus = z.infer<typeof MessageStatus>;

export const MESSAGE_AUTHOR_KINDS = ['member', 'public'] as const;
export const MessageAuthorKind = z.enum(MESSAGE_AUTHOR_KINDS);

/** The inbox's filters: waiting for the org (new or followed up), never answered, overdue, answered, closed. */
export const MESSAGE_FILTERS = ['waiting', 'unanswered', 'overdue', 'answered', 'closed'] as const;
export const MessageFilter = z.enum(MESSAGE_FILTERS);
export type MessageFilter = z.infer<typeof MessageFilter>;

/** A message's text: plain text, up to 2,000 characters; markup is removed when it is stored. */
const Body = z.string().trim().min(1, { message: '请填写留言内容' }).max(2000, { message: '最多 2000 字' });

/** What a member writes to an org (signed in: their name comes from their record). */
export const LeaveMessage = z.strictObject({ body: Body.meta({ title: '留言内容' }) });

/** What the public writes: a name, a phone for the answer (to be verified by SMS later), the challenge. */
export const LeavePublicMessage = z.strictObject({
  name: z.string().trim().min(1, { message: '请填写姓名' }).max(30).meta({ title: '姓名' }),
  phone: Phone.meta({ title: '手机号' }),
  body: Body.meta({ title: '留言内容' }),
  challengeToken: z.string().min(1).max(300).meta({ title: '验证题' }),
  challengeAnswer: z.string().trim().min(1, { message: '请回答验证题' }).max(10).meta({ title: '验证答案' }),
});

export const PublicChallenge = z.object({
  /** The question in the reader's language. */
  question: z.string(),
  token: z.string(),
  expiresAt: z.string(),
});

/** What the public form shows before sending: whom it writes to and within how long it is answered. */
export const PublicMessageForm = z.object({
  orgId: Id,
  orgName: z.string(),
  answerWithinDays: z.number().int(),
});

/** What the public is told after sending: received, answered within N working days. */
export const PublicMessageReceipt = z.object({
  id: Id,
  orgName: z.string(),
  answerWithinDays: z.number().int(),
  dueAt: z.string(),
});

export const Reply = z.object({
  id: Id,
  /** 'org': the org's reply; 'author': the author's follow-up. */
  byKind: z.enum(['org', 'author']),
  byName: z.string(),
  body: z.string(),
  createdAt: z.string(),
});
export type Reply = z.infer<typeof Reply>;

export const MessageAbilities = z.object({ reply: z.boolean(), close: z.boolean(), followUp: z.boolean() });

export const Message = z.object({
  id: Id,
  orgId: Id,
  orgName: z.string(),
  authorKind: MessageAuthorKind,
  authorName: z.string(),
  /** The public author's phone, masked (138****5678); null for a member. */
  phone: z.string().nullable(),
  /** Plain text: shown as text, never as HTML. */
  body: z.string(),
  status: MessageStatus,
  createdAt: z.string(),
  dueAt: z.string(),
  firstAnsweredAt: z.string().nullable(),
  overdue: z.boolean(),
  daysOverdue: z.number().int(),
  /** null while unanswered. */
  answeredInTime: z.boolean().nullable(),
  replyCount: z.number().int(),
  closeReason: z.string().nullable(),
  can: MessageAbilities,
});
export type Message = z.infer<typeof Message>;
export const MessagePage = pageOf(Message);

/** A message with its thread. */
export const MessageThread = Message.extend({ replies: z.array(Reply) });
export type MessageThread = z.infer<typeof MessageThread>;

export const MessageListQuery = PageQuery.extend({
  /** The subtree whose messages to list; default: the caller's whole scope. */
  orgId: Id.optional(),
  filter: MessageFilter.optional(),
});
export const OverdueQuery = PageQuery.extend({ orgId: Id.optional() });
export const MineQuery = PageQuery;

export const WriteReply = z.strictObject({
  body: z.string().trim().min(1, { message: '请填写回复内容' }).max(2000).meta({ title: '回复内容' }),
});
export const CloseMessage = z.strictObject({
  reason: z.string().trim().min(1, { message: '请填写办结说明' }).max(200).meta({ title: '办结说明' }),
});

export const OrgIdParams = z.strictObject({ orgId: Id });

/** Counts of one org (its whole subtree) for messages that arrived in a month: from records. */
export const MessageCounts = z.object({
  orgId: Id,
  orgName: z.string(),
  received: z.number().int(),
  answered: z.number().int(),
  answeredInTime: z.number().int(),
  /** Of those, still unanswered past their deadline now. */
  overdue: z.number().int(),
});
export type MessageCounts = z.infer<typeof MessageCounts>;
export const MessageCountsQuery = z.strictObject({ orgId: Id.optional(), month: Month.optional() });
export const MessageCountsReport = z.object({
  month: Month,
  total: MessageCounts,
  children: z.array(MessageCounts),
});
export type MessageCountsReport = z.infer<typeof MessageCountsReport>;
