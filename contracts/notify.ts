// The notice centre (server/src/platform/notify): notices a member received, notices an org sent
// with their read receipts, and the direct notice an admin sends.
import { z } from 'zod';
import { Id, PageQuery, pageOf, text } from './common.ts';

/** Who a direct notice goes to in each chosen org's subtree: every member, or the secretaries (书记). */
export const NOTICE_AUDIENCES = ['members', 'secretaries'] as const;
export const NoticeAudience = z.enum(NOTICE_AUDIENCES);
export type NoticeAudience = z.infer<typeof NoticeAudience>;

export const RECEIPT_STATES = ['read', 'unread'] as const;
export const ReceiptState = z.enum(RECEIPT_STATES);

/** A notice as its recipient reads it. */
export const MyNotice = z.object({
  id: Id,
  kind: z.string(),
  kindLabel: z.string(),
  title: z.string(),
  body: z.string().nullable(),
  link: z.string().nullable(),
  orgName: z.string(),
  sentAt: z.string(),
  readAt: z.string().nullable(),
  remindedAt: z.string().nullable(),
});
export type MyNotice = z.infer<typeof MyNotice>;
export const MyNoticePage = pageOf(MyNotice);
export const MyNoticesQuery = PageQuery.extend({
  /** The unread ones first, then the read, each newest first. */
  unreadFirst: z.enum(['true', 'false']).optional(),
  /** Only the unread. */
  unread: z.enum(['true', 'false']).optional(),
});
export const UnreadCount = z.object({ count: z.number().int() });

/** What the viewer may do with a notice they see as a sender. */
export const NoticeAbilities = z.object({ remind: z.boolean() });

/** A notice as its sender (or an admin above it) sees it. */
export const SentNotice = z.object({
  id: Id,
  kind: z.string(),
  kindLabel: z.string(),
  title: z.string(),
  body: z.string().nullable(),
  link: z.string().nullable(),
  orgId: Id,
  orgName: z.string(),
  sourceType: z.string(),
  sourceId: z.string(),
  channels: z.array(z.string()),
  sentAt: z.string(),
  sentBy: z.string().nullable(),
  recipients: z.number().int(),
  read: z.number().int(),
  /** Read / recipients in whole per cent; null with no recipient. */
  readRate: z.number().int().nullable(),
  lastRemindedAt: z.string().nullable(),
  /** When the unread may be reminded again (null: now). */
  remindAfter: z.string().nullable(),
  can: NoticeAbilities,
});
export type SentNotice = z.infer<typeof SentNotice>;
export const SentNoticePage = pageOf(SentNotice);
export const SentNoticesQuery = PageQuery.extend({
  /** The subtree whose notices to list; default: the caller's whole scope. */
  orgId: Id.optional(),
  kind: z.string().trim().max(64).optional(),
  /** The notices about one thing (an announcement, an activity): its type and id. */
  sourceType: z.string().trim().max(64).optional(),
  sourceId: z.string().trim().max(64).optional(),
});

/** One recipient's receipt. */
export const NoticeReceipt = z.object({
  memberId: Id,
  name: z.string(),
  orgName: z.string(),
  /** Has a login: an in-app notice can reach them (the others wait for SMS). */
  hasAccount: z.boolean(),
  deliveredAt: z.string().nullable(),
  readAt: z.string().nullable(),
  remindedAt: z.string().nullable(),
  remindCount: z.number().int(),
});
export type NoticeReceipt = z.infer<typeof NoticeReceipt>;
export const NoticeReceiptPage = pageOf(NoticeReceipt);
export const NoticeReceiptsQuery = PageQuery.extend({ state: ReceiptState.optional() });

export const RemindResult = z.object({ reminded: z.number().int(), notice: SentNotice });

export const SendDirectNotice = z.strictObject({
  title: text(200).meta({ title: '通知标题' }),
  body: z.string().trim().max(2000).optional().meta({ title: '通知内容' }),
  orgIds: z.array(Id).min(1).max(50).meta({ title: '发送对象党组织' }),
  audience: NoticeAudience.meta({ title: '发送范围' }),
});
export type SendDirectNotice = z.infer<typeof SendDirectNotice>;
