import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  index,
  integer,
  pgTable,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import { users } from '../../platform/auth/schema.ts';
import { orgs } from '../../platform/tree/index.ts';

/**
 * The openness module's tables, one section per sub-capability (page/, posts/, albums/,
 * messages/). Migration 0016_openness.sql creates them in the same order; a new section goes at
 * the end of both.
 */

// ─── page/ ──────────────────────────────────────────────────────────────────────────────────────

/**
 * An org's page (支部网页): its introduction (sanitized rich text) and how to reach it. The contact
 * is the org's office (address, office phone, hours), published on the public page: not a
 * person's number, so it is stored as typed. An org without a row has an empty page.
 */
export const orgPages = pgTable('org_pages', {
  orgId: bigint('org_id', { mode: 'number' })
    .primaryKey()
    .references(() => orgs.id),
  introduction: text('introduction').notNull().default(''),
  /** The introduction says something (posts/rules.ts hasContent), kept on save for the superior's SQL. */
  introductionFilled: boolean('introduction_filled').notNull().default(false),
  contactAddress: text('contact_address'),
  contactPhone: text('contact_phone'),
  contactHours: text('contact_hours'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  updatedBy: bigint('updated_by', { mode: 'number' }).references(() => users.id),
});

// ─── posts/ ─────────────────────────────────────────────────────────────────────────────────────

/**
 * 工作动态 (update), 组织公告 (announcement) and 党务公开 (publicity) items. `body` is stored
 * sanitized (posts/rules.ts) and `excerpt` is its plain text, cut short, for lists. A draft has no
 * `published_at`; a withdrawn item keeps its row, is shown to no one but its org's admins and is
 * no longer counted (what counts is what readers can read). `org_path` is kept by the database
 * from `org_id` (migration 0016), as members' is, so a subtree's posts are one range.
 */
export const posts = pgTable(
  'posts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    orgId: bigint('org_id', { mode: 'number' })
      .notNull()
      .references(() => orgs.id),
    orgPath: text('org_path').notNull(),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    excerpt: text('excerpt').notNull().default(''),
    visibility: text('visibility').notNull(),
    /** An image of the org's own (openness_images.id) shown on lists and at the top. */
    coverImageId: bigint('cover_image_id', { mode: 'number' }),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    authorId: bigint('author_id', { mode: 'number' }).references(() => users.id),
    authorName: text('author_name').notNull(),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    withdrawnBy: bigint('withdrawn_by', { mode: 'number' }).references(() => users.id),
    withdrawReason: text('withdraw_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('posts_kind_check', sql`${t.kind} in ('update','announcement','publicity')`),
    check('posts_visibility_check', sql`${t.visibility} in ('public','members')`),
    // the public page: an org's published public items, newest first (one index range)
    index('posts_public_idx')
      .on(t.orgId, t.publishedAt.desc(), t.id.desc())
      .where(sql`${t.visibility} = 'public' and ${t.publishedAt} is not null and ${t.withdrawnAt} is null`),
    // the admin list and the members' list: an org's items, newest first
    index('posts_org_idx').on(t.orgId, t.createdAt.desc(), t.id.desc()),
    // monthly counts over a subtree: published items in a month, by path
    index('posts_path_published_idx').on(sql`${t.orgPath} text_pattern_ops`, t.publishedAt),
  ],
);

/** A post's attachments, stored through platform/files; the name is the one it was uploaded with. */
export const postAttachments = pgTable(
  'post_attachments',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    postId: bigint('post_id', { mode: 'number' })
      .notNull()
      .references(() => posts.id),
    fileKey: text('file_key').notNull(),
    name: text('name').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('post_attachments_post_idx').on(t.postId, t.id)],
);

/**
 * Pictures an org uploaded for its posts (covers and pictures in the text): checked, resized and
 * stripped of their metadata on the way in (images/images.ts). A post's text may show only these
 * (posts/rules.ts), by their unguessable token.
 */
export const opennessImages = pgTable('openness_images', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  orgId: bigint('org_id', { mode: 'number' })
    .notNull()
    .references(() => orgs.id),
  token: text('token').notNull().unique(),
  fileKey: text('file_key').notNull(),
  thumbKey: text('thumb_key').notNull(),
  width: integer('width').notNull(),
  height: integer('height').notNull(),
  uploadedBy: bigint('uploaded_by', { mode: 'number' }).references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

// ─── albums/ ────────────────────────────────────────────────────────────────────────────────────

/** 支部相册: an org's photo albums, public or members-only like posts. */
export const albums = pgTable(
  'albums',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    orgId: bigint('org_id', { mode: 'number' })
      .notNull()
      .references(() => orgs.id),
    title: text('title').notNull(),
    description: text('description'),
    visibility: text('visibility').notNull(),
    createdBy: bigint('created_by', { mode: 'number' }).references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('albums_visibility_check', sql`${t.visibility} in ('public','members')`),
    index('albums_org_idx').on(t.orgId, t.updatedAt.desc(), t.id.desc()),
  ],
);

/** A photo of an album: the display file and its thumbnail (both re-encoded, no metadata), and its size. */
export const albumPhotos = pgTable(
  'album_photos',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    albumId: bigint('album_id', { mode: 'number' })
      .notNull()
      .references(() => albums.id),
    token: text('token').notNull().unique(),
    fileKey: text('file_key').notNull(),
    thumbKey: text('thumb_key').notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    caption: text('caption'),
    uploadedBy: bigint('uploaded_by', { mode: 'number' }).references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('album_photos_album_idx').on(t.albumId, t.id)],
);

// ─── messages/ ──────────────────────────────────────────────────────────────────────────────────

/**
 * 留言: a message left for an org by a member (signed in) or by the public (a name and a phone,
 * the phone kept for the SMS verification that comes later). The body is plain text, stored with
 * any markup removed (messages/rules.ts). `due_at` is fixed when it arrives (N working days,
 * messages/rules.ts); `first_answered_at` is set once, by the org's first reply, and is what
 * "answered in time" reads. `org_path` is kept by the database from `org_id`, as posts' is.
 */
export const messages = pgTable(
  'messages',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    orgId: bigint('org_id', { mode: 'number' })
      .notNull()
      .references(() => orgs.id),
    orgPath: text('org_path').notNull(),
    /** 'member' (signed in: author_user_id, author_member_id) or 'public'. */
    authorKind: text('author_kind').notNull(),
    authorUserId: bigint('author_user_id', { mode: 'number' }).references(() => users.id),
    /** The author's member record (members.id), when the author is a member. */
    authorMemberId: bigint('author_member_id', { mode: 'number' }),
    authorName: text('author_name').notNull(),
    /** The public author's phone, encrypted bound to its row (platform/pii), and its blind index. */
    phoneEnc: text('phone_enc'),
    phoneIndex: text('phone_index'),
    body: text('body').notNull(),
    status: text('status').notNull().default('open'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    firstAnsweredAt: timestamp('first_answered_at', { withTimezone: true }),
    lastReplyAt: timestamp('last_reply_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closedBy: bigint('closed_by', { mode: 'number' }).references(() => users.id),
    closeReason: text('close_reason'),
    /** The public challenge this message answered: each challenge is good for one message. */
    challengeNonce: text('challenge_nonce').unique(),
  },
  (t) => [
    check('messages_author_kind_check', sql`${t.authorKind} in ('member','public')`),
    check('messages_status_check', sql`${t.status} in ('open','answered','closed')`),
    check(
      'messages_author_check',
      sql`(${t.authorKind} = 'member' and ${t.authorUserId} is not null) or (${t.authorKind} = 'public' and ${t.phoneEnc} is not null)`,
    ),
    // the inbox and the monthly counts: a subtree's messages by arrival (one index range)
    index('messages_path_created_idx').on(sql`${t.orgPath} text_pattern_ops`, t.createdAt),
    // the overdue list: messages nobody has answered yet, by deadline
    index('messages_unanswered_idx')
      .on(t.dueAt)
      .where(sql`${t.firstAnsweredAt} is null and ${t.status} <> 'closed'`),
    // my messages
    index('messages_author_idx').on(t.authorUserId, t.createdAt.desc()),
  ],
);

/** A message's thread: the org's replies and the author's follow-ups, in order. */
export const messageReplies = pgTable(
  'message_replies',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    messageId: bigint('message_id', { mode: 'number' })
      .notNull()
      .references(() => messages.id),
    /** 'org' (a reply, by someone who answers for the org) or 'author' (a follow-up). */
    byKind: text('by_kind').notNull(),
    byUserId: bigint('by_user_id', { mode: 'number' }).references(() => users.id),
    /** Who wrote it as shown in the thread: the org's name for a reply, the author's for a follow-up. */
    byName: text('by_name').notNull(),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    check('message_replies_by_kind_check', sql`${t.byKind} in ('org','author')`),
    index('message_replies_message_idx').on(t.messageId, t.id),
  ],
);
