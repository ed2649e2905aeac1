// 工作动态, 组织公告 and 党务公开 items of an org's page (GLOSSARY.md: post, kind).
import { z } from 'zod';
import { Id, Month, PageQuery, pageOf, text } from '../common.ts';

export const POST_KINDS = ['update', 'announcement', 'publicity'] as const;
export const PostKind = z.enum(POST_KINDS);
export type PostKind = z.infer<typeof PostKind>;

/** Who may read an item: anyone, without login, or the members of the org's subtree. */
export const VISIBILITIES = ['public', 'members'] as const;
export const Visibility = z.enum(VISIBILITIES);
export type Visibility = z.infer<typeof Visibility>;

export const POST_STATUSES = ['draft', 'published', 'withdrawn'] as const;
export const PostStatus = z.enum(POST_STATUSES);
export type PostStatus = z.infer<typeof PostStatus>;

/** Rich text as the editor sends it; the server keeps only what its allow-list permits (posts/rules.ts). */
export const RichText = (max: number) => z.string().max(max, { message: `不能超过 ${max} 个字符` });

/** A new item; `publish` publishes it at once (an announcement then notifies the members). */
export const WritePost = z.strictObject({
  orgId: Id,
  kind: PostKind,
  title: text(100).meta({ title: '标题' }),
  body: RichText(200_000).meta({ title: '正文' }),
  visibility: Visibility.meta({ title: '公开范围' }),
  coverImageId: Id.nullish().meta({ title: '封面' }),
  publish: z.boolean().default(false),
});
export const EditPost = z.strictObject({
  kind: PostKind.optional(),
  title: text(100).meta({ title: '标题' }).optional(),
  body: RichText(200_000).meta({ title: '正文' }).optional(),
  visibility: Visibility.meta({ title: '公开范围' }).optional(),
  coverImageId: Id.nullish().meta({ title: '封面' }),
});
export const WithdrawPost = z.strictObject({ reason: text(200).meta({ title: '撤回原因' }) });

export const Picture = z.object({
  id: Id,
  /** The display size (at most 1600 px wide) and the thumbnail (at most 480 px). */
  url: z.string(),
  thumbUrl: z.string(),
  width: z.number().int(),
  height: z.number().int(),
});
export type Picture = z.infer<typeof Picture>;

export const Attachment = z.object({
  id: Id,
  name: z.string(),
  size: z.number().int(),
  contentType: z.string(),
  url: z.string(),
});
export type Attachment = z.infer<typeof Attachment>;

export const PostAbilities = z.object({ edit: z.boolean(), publish: z.boolean(), withdraw: z.boolean() });

export const PostSummary = z.object({
  id: Id,
  orgId: Id,
  orgName: z.string(),
  kind: PostKind,
  title: z.string(),
  /** The text without markup, cut short, for lists. */
  excerpt: z.string(),
  visibility: Visibility,
  status: PostStatus,
  cover: Picture.nullable(),
  publishedAt: z.string().nullable(),
  authorName: z.string(),
});
export type PostSummary = z.infer<typeof PostSummary>;

export const Post = PostSummary.extend({
  /** Sanitized HTML: safe to show as it is. */
  body: z.string(),
  attachments: z.array(Attachment),
  createdAt: z.string(),
  updatedAt: z.string(),
  withdrawnAt: z.string().nullable(),
  withdrawReason: z.string().nullable(),
  can: PostAbilities,
});
export type Post = z.infer<typeof Post>;

export const PostListQuery = PageQuery.extend({
  orgId: Id.optional(),
  kind: PostKind.optional(),
  status: PostStatus.optional(),
});
export const AdminPostSummary = PostSummary.extend({ can: PostAbilities });
export const PostPage = pageOf(AdminPostSummary);

/** Posts published in a month, per kind: what the assessment counts (never typed in). */
export const PostCounts = z.object({
  update: z.number().int(),
  announcement: z.number().int(),
  publicity: z.number().int(),
});
export type PostCounts = z.infer<typeof PostCounts>;

export const MonthQuery = z.strictObject({ orgId: Id.optional(), month: Month.optional() });
