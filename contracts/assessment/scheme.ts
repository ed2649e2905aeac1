// 考核方案 (issue 18, item 2): which indicators the department scores, their targets and weights,
// extra points for doing more; and the list of indicators the modules contribute.
import { z } from 'zod';

/** What the 2024 and 2026 rules say of scoring study time, logins, clicks and likes. */
export const ACTIVITY_WARNING = {
  zh: '按照2024年整治形式主义为基层减负的规定和2026年政务应用管理规定，学习时长、登录次数、点击、点赞等不得作为考核依据；建议仅作为参考信息展示',
  en: 'The 2024 rules against formalism and the 2026 rules for government apps forbid using study time, logins, clicks or likes as a basis of assessment; show them as information only',
};

/** An indicator as a module contributes it (platform/module.ts IndicatorDef), for the console. */
export const IndicatorInfo = z.object({
  key: z.string(),
  module: z.string(),
  label: z.string(),
  unit: z.string(),
  measure: z.enum(['count', 'rate']),
  basis: z.enum(['outcome', 'activity']),
  better: z.enum(['higher', 'lower']),
  /** The module's default monthly target for a 党支部, or null when it is information only. */
  target: z.number().nullable(),
});
export type IndicatorInfo = z.infer<typeof IndicatorInfo>;

export const SchemeItem = z.strictObject({
  key: z.string().trim().min(1).max(80).meta({ title: '指标' }),
  /** Points when the target is met; a share of them below it. The weights add up to 100. */
  weight: z.number().min(0, { message: '权重不能为负数' }).max(100).meta({ title: '权重' }),
  /** A count: at least this many; a rate: at least this share (0–1); at most, when lower is better. */
  target: z.number().min(0, { message: '目标值不能为负数' }).max(1_000_000).meta({ title: '目标值' }),
  /** 加分: points for each one beyond the target (counts only), up to `bonusMax`. */
  bonusPer: z
    .number()
    .min(0, { message: '加分不能为负数' })
    .max(100)
    .default(0)
    .meta({ title: '每超出一项加分' }),
  bonusMax: z
    .number()
    .min(0, { message: '加分上限不能为负数' })
    .max(100)
    .default(0)
    .meta({ title: '加分上限' }),
});
export type SchemeItem = z.infer<typeof SchemeItem>;

export const Scheme = z.strictObject({
  items: z.array(SchemeItem).max(100),
  /** Indicators shown beside the score as information, never scored. */
  shown: z.array(z.string().trim().min(1).max(80)).max(100).default([]),
});
export type Scheme = z.infer<typeof Scheme>;
export type SchemeInput = z.input<typeof Scheme>;

export const SchemeView = z.object({
  scheme: Scheme,
  /** The department's own, or the default worked out from the modules' targets. */
  source: z.enum(['department', 'default']),
  indicators: z.array(IndicatorInfo),
  /** Scored items that the 2024/2026 rules say should not be scored (activity-based), with why. */
  warnings: z.array(z.object({ key: z.string(), message: z.string() })),
});
export type SchemeView = z.infer<typeof SchemeView>;
