import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { users } from '../auth/schema.ts';
import { orgs } from '../tree/schema.ts';

/**
 * 通知: one notice per (kind, source) — the announcement, the activity, the direct notice it is
 * about — sent by an org to a set of recipients over a channel plan (in-app now; SMS, WeChat and
 * email later, behind platform/notify/channels.ts). `orgPath` is the sending org's path, kept by
 * the database when the org moves (migration 0015), so "notices sent in my scope" is one index range.
 */
export const notices = pgTable(
  'notices',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** A kind a module declared in its manifest (`notices`), e.g. 'openness.announcement'. */
    kind: text('kind').notNull(),
    orgId: bigint('org_id', { mode: 'number' })
      .notNull()
      .references(() => orgs.id),
    orgPath: text('org_path').notNull(),
    title: text('title').notNull(),
    body: text('body'),
    /** Where the notice leads in the web app (a path of the member app or the console). */
    link: text('link'),
    sourceType: text('source_type').notNull(),
    sourceId: text('source_id').notNull(),
    /** The channel plan: which channels deliver it, in order (free ones first: SMS costs money). */
    channels: text('channels').array().notNull().default(sql`'{in_app}'`),
    /** Who sent it; null when a job did. */
    sentBy: bigint('sent_by', { mode: 'number' }).references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    recipientCount: integer('recipient_count').notNull().default(0),
    /** The last reminder of the unread (at most one an hour: notify/rules.ts). */
    lastRemindedAt: timestamp('last_reminded_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('notices_source_key').on(t.kind, t.sourceType, t.sourceId),
    index('notices_scope_idx').on(t.orgPath.op('text_pattern_ops'), t.createdAt),
    index('notices_created_idx').on(t.createdAt),
    // the trigger that follows an org's move finds its notices by org
    index('notices_org_idx').on(t.orgId),
  ],
);
export type NoticeRow = typeof notices.$inferSelect;

/**
 * A receipt per recipient: delivered (per channel, when), read, reminded. The recipient is a
 * member (an id: the platform knows no module's tables) and, when the member has a login, its
 * account, whose "my notices" and unread count read the partial index below.
 */
export const noticeReceipts = pgTable(
  'notice_receipts',
  {
    noticeId: bigint('notice_id', { mode: 'number' })
      .notNull()
      .references(() => notices.id, { onDelete: 'cascade' }),
    memberId: bigint('member_id', { mode: 'number' }).notNull(),
    userId: bigint('user_id', { mode: 'number' }).references(() => users.id, { onDelete: 'set null' }),
    /** Per channel, when it was delivered: {"in_app": "2026-05-01T08:00:00Z"}. */
    delivered: jsonb('delivered').notNull().default(sql`'{}'::jsonb`),
    readAt: timestamp('read_at', { withTimezone: true }),
    remindedAt: timestamp('reminded_at', { withTimezone: true }),
    remindCount: integer('remind_count').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.noticeId, t.memberId], name: 'notice_receipts_pkey' }),
    // "my notices", newest first, and "my unread" (the badge on every page): index ranges per account
    index('notice_receipts_user_idx').on(t.userId, t.createdAt),
    index('notice_receipts_unread_idx').on(t.userId).where(sql`${t.readAt} is null`),
    // a notice's read count without reading its unread thousands
    index('notice_receipts_read_idx').on(t.noticeId).where(sql`${t.readAt} is not null`),
    // a member given a login later: their receipts without an account (link-receipts.ts)
    index('notice_receipts_no_account_idx').on(t.memberId).where(sql`${t.userId} is null`),
  ],
);
export type NoticeReceiptRow = typeof noticeReceipts.$inferSelect;
