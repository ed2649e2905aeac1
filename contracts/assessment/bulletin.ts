// 考核通报 (issue 18, item 6): the monthly bulletin the department issues from a month's scores,
// written by the platform from what happened, its text blocks edited before issue, then archived
// as issued (the Word document and its Excel attachment kept as they went out).
import { z } from 'zod';
import { Id, Month, text } from '../common.ts';

/** The bulletin's text blocks, in the order of the document; each opens its section. */
export const BULLETIN_BLOCKS = ['overview', 'good', 'missed', 'next', 'closing'] as const;
export type BulletinBlockKey = (typeof BULLETIN_BLOCKS)[number];

export const BulletinBlock = z.object({
  key: z.enum(BULLETIN_BLOCKS),
  heading: z.string(),
  text: z.string(),
});
export type BulletinBlock = z.infer<typeof BulletinBlock>;

/** An org as the bulletin names it: with the org above it, so a reader knows where it is. */
export const BulletinOrg = z.object({
  orgId: z.string(),
  name: z.string(),
  parentName: z.string(),
  score: z.number().nullable(),
});

/** An indicator over the issuing org's subtree, with the children doing best and worst on it. */
export const BulletinFigure = z.object({
  key: z.string(),
  label: z.string(),
  unit: z.string(),
  measure: z.enum(['count', 'rate']),
  basis: z.enum(['outcome', 'activity']),
  num: z.number(),
  den: z.number().nullable(),
  /** The figure as read: "86.4%（1,234/1,428）" or "312 次". */
  text: z.string(),
  best: z.array(z.object({ name: z.string(), text: z.string() })),
  worst: z.array(z.object({ name: z.string(), text: z.string() })),
});
export type BulletinFigure = z.infer<typeof BulletinFigure>;

/** What the platform found in the month: the document's tables and lists (not edited by hand). */
export const BulletinFacts = z.object({
  month: z.string(),
  computedAt: z.string().nullable(),
  monthState: z.enum(['open', 'closed']),
  units: z.number().int(),
  unitsEmpty: z.number().int(),
  mean: z.number().nullable(),
  children: z.array(
    z.object({
      orgId: z.string(),
      name: z.string(),
      score: z.number().nullable(),
      rank: z.number().int().nullable(),
      previous: z.number().nullable(),
      units: z.number().int(),
      unitsEmpty: z.number().int(),
    }),
  ),
  figures: z.array(BulletinFigure),
  /** 党支部 that met every scored target (at most 30), or failing ten of them, the best scores. */
  good: z.array(BulletinOrg),
  /** How many 党支部 met every scored target (the first `goodAllMet` of `good` did). */
  goodAllMet: z.number().int(),
  /** Each scored item with the number of 党支部 that missed it, most missed first. */
  missedByItem: z.array(z.object({ key: z.string(), label: z.string(), units: z.number().int() })),
  /** 党支部 that missed scored targets, nothing at all first, then the lowest scores (at most 50; `missedTotal` all). */
  missed: z.array(BulletinOrg.extend({ items: z.array(z.string()), empty: z.boolean() })),
  missedTotal: z.number().int(),
  /** Remote-education stations short of the monthly minutes, zero-minute ones first. */
  stations: z.array(
    z.object({ orgName: z.string(), station: z.string(), note: z.string(), zero: z.boolean() }),
  ),
});
export type BulletinFacts = z.infer<typeof BulletinFacts>;

export const BulletinSummary = z.object({
  id: z.string(),
  month: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  state: z.enum(['draft', 'issued']),
  title: z.string(),
  department: z.string(),
  /** 第 N 期 of the issuing org's year, given when issued. */
  year: z.number().int(),
  issueNo: z.number().int().nullable(),
  issuedOn: z.string().nullable(),
  createdAt: z.string(),
});
export type BulletinSummary = z.infer<typeof BulletinSummary>;

export const Bulletin = BulletinSummary.extend({
  blocks: z.array(BulletinBlock),
  facts: BulletinFacts,
});
export type Bulletin = z.infer<typeof Bulletin>;

export const BulletinList = z.object({ items: z.array(BulletinSummary) });
export type BulletinList = z.infer<typeof BulletinList>;

export const CreateBulletin = z.strictObject({
  month: Month.meta({ title: '月份' }),
  /** The issuing org (default: the top of the caller's scope). */
  orgId: Id.optional().meta({ title: '党组织' }),
});
export type CreateBulletin = z.infer<typeof CreateBulletin>;

export const UpdateBulletin = z.strictObject({
  title: text(100).meta({ title: '标题' }).optional(),
  department: text(60).meta({ title: '发文单位' }).optional(),
  blocks: z
    .array(
      z.strictObject({
        key: z.enum(BULLETIN_BLOCKS).meta({ title: '段落' }),
        text: z.string().trim().max(4000, { message: '每段不超过4000字' }).meta({ title: '内容' }),
      }),
    )
    .max(BULLETIN_BLOCKS.length)
    .optional(),
});
export type UpdateBulletin = z.infer<typeof UpdateBulletin>;

export const BulletinListQuery = z.strictObject({ orgId: Id.optional() });
