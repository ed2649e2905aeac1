// 支部网页: an org's page — its introduction and contact — as its admins edit it, as the public
// and its members read it, and as the superior org sees who keeps theirs up.
import { z } from 'zod';
import { Id, Month, PageQuery, pageOf } from '../common.ts';
import { AlbumSummary } from './albums.ts';
import { PostCounts, PostKind, PostSummary, RichText } from './posts.ts';

const line = (max: number) => z.string().trim().max(max).nullish();

export const SaveOrgPage = z.strictObject({
  introduction: RichText(50_000).meta({ title: '组织简介' }),
  contactAddress: line(200).meta({ title: '办公地址' }),
  /** The org's office phone, published on the page: not a person's number. */
  contactPhone: z
    .string()
    .trim()
    .regex(/^[0-9+\-() ]{0,30}$/, { message: '只能包含数字、空格和 + - ( )' })
    .nullish()
    .meta({ title: '办公电话' }),
  contactHours: line(100).meta({ title: '办公时间' }),
});

export const OrgPage = z.object({
  orgId: Id,
  orgName: z.string(),
  orgKind: z.string(),
  /** Sanitized HTML. */
  introduction: z.string(),
  contactAddress: z.string().nullable(),
  contactPhone: z.string().nullable(),
  contactHours: z.string().nullable(),
  updatedAt: z.string().nullable(),
  can: z.object({ edit: z.boolean() }),
});
export type OrgPage = z.infer<typeof OrgPage>;

/** The page as a reader sees it: public items only without login, members-only ones too for its members. */
export const OrgPageView = z.object({
  org: z.object({
    id: Id,
    name: z.string(),
    kind: z.string(),
    parentId: Id.nullable(),
    parentName: z.string().nullable(),
  }),
  introduction: z.string(),
  contactAddress: z.string().nullable(),
  contactPhone: z.string().nullable(),
  contactHours: z.string().nullable(),
  posts: pageOf(PostSummary),
  albums: z.array(AlbumSummary),
});
export type OrgPageView = z.infer<typeof OrgPageView>;
export const OrgPageViewQuery = PageQuery.extend({ kind: PostKind.optional() });

/** The superior's view, one row per org: introduction filled, this month's items, kept up or not. */
export const KeptUpRow = z.object({
  orgId: Id,
  orgName: z.string(),
  orgKind: z.string(),
  introductionFilled: z.boolean(),
  counts: PostCounts,
  lastPublishedAt: z.string().nullable(),
  /** Introduction filled and a 工作动态 published this month. */
  keptUp: z.boolean(),
});
export const KeptUpQuery = PageQuery.extend({
  /** The org whose direct sub-orgs are listed (default: the caller's own). */
  orgId: Id.optional(),
  month: Month.optional(),
  keptUp: z.enum(['true', 'false']).optional(),
});
export const KeptUpPage = pageOf(KeptUpRow).extend({
  month: z.string(),
  org: z.object({ id: Id, name: z.string() }),
  /** Over all the listed orgs, not just this page. */
  keptUpCount: z.number().int(),
});

/** For the chart: for each direct sub-org, the share of the orgs in its subtree that kept their page up. */
export const KeptUpShare = z.object({
  month: z.string(),
  items: z.array(
    z.object({ orgId: Id, orgName: z.string(), orgs: z.number().int(), keptUp: z.number().int() }),
  ),
});
export const KeptUpShareQuery = z.strictObject({ orgId: Id.optional(), month: Month.optional() });
