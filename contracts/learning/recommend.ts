// 为你推荐: courses that members who finished the same courses also finished (item-based
// collaborative filtering), else what is popular in the member's org, its parent, or everywhere;
// each with the reason it is offered. A member may dismiss one (不感兴趣): never offered again.
import { z } from 'zod';
import { Id } from '../common.ts';
import { CourseKind } from './library.ts';

export const RecommendQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(30).default(10),
});

/** Why a course is offered: like one the member finished, or popular in their org, its parent, everywhere. */
export const RECOMMEND_REASONS = ['similar', 'org', 'parent', 'everywhere'] as const;
export const RecommendReason = z.enum(RECOMMEND_REASONS);
export type RecommendReason = z.infer<typeof RecommendReason>;

export const Recommendation = z.object({
  id: Id,
  kind: CourseKind,
  title: z.string(),
  durationSeconds: z.number().int().nullable(),
  charCount: z.number().int().nullable(),
  reason: RecommendReason,
  /** With `similar`: the finished course it is like (学过《X》的党员也学了). */
  because: z.object({ id: Id, title: z.string() }).nullable(),
  /** The reason in words (Chinese), e.g. 学过《X》的党员也学了, 本支部热门. */
  why: z.string(),
});
export type Recommendation = z.infer<typeof Recommendation>;

export const Recommendations = z.object({ items: z.array(Recommendation) });
export type Recommendations = z.infer<typeof Recommendations>;

export const DismissResult = z.object({ ok: z.literal(true) });
