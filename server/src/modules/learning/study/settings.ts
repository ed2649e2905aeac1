import { z } from 'zod';
import { CHARS_PER_MINUTE } from '../library/rules.ts';
import type { SettingDef } from '../../../platform/settings/index.ts';
import type { CreditSettings } from './rules.ts';

/**
 * The credit rules' figures (rules.ts), one setting so that a heartbeat reads them in one query.
 * The department tunes each within bounds that keep the rules meaningful: no cap so low that an
 * honest lesson cannot be credited, none so high that an open tab earns a day.
 */
export const creditSettings: SettingDef<CreditSettings> = {
  key: 'learning.studyCredit',
  schema: z.strictObject({
    itemDailyMinutes: z.number().int().min(10).max(240),
    readingMinSeconds: z.number().int().min(10).max(120),
    readingFactor: z.number().min(1).max(3),
    readingCharsPerMinute: z.number().int().min(150).max(600),
    dailyCapMinutes: z.number().int().min(60).max(720),
  }),
  default: {
    itemDailyMinutes: 60,
    readingMinSeconds: 30,
    readingFactor: 1.5,
    readingCharsPerMinute: CHARS_PER_MINUTE,
    dailyCapMinutes: 360,
  },
  label: {
    zh: '网络学习学时认定规则（每课每日上限、图文最短阅读时间与上限、每日上限）',
    en: 'Online study credit rules (per course and day, articles, daily cap)',
  },
  source:
    '议题14（issue 14）：视频、音频每日最多计其自身时长且不超过60分钟；图文至少阅读30秒方计学时，最多计按每分钟300字折算阅读时间的1.5倍；每日上限默认6小时——脱产培训每天按8学时计（各地党员教育培训学时登记办法的通行算法），8学时×45分钟=6小时，网络自学一天不应多于一整天的集中培训',
};

export const studySettings: SettingDef<any>[] = [creditSettings];
