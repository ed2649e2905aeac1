import { z } from 'zod';
import { ActivityFrequency, type ActivityKind } from '../../../../../contracts/life/activities.ts';
import type { SettingDef } from '../../../platform/settings/index.ts';
import { REQUIRED_FREQUENCIES } from './rules.ts';

/**
 * How often each kind of activity is required of a branch (due and overdue, due.ts): the
 * department may set it (some provinces ask a Party lecture a month); the default is the
 * 支部工作条例's (rules.ts REQUIRED_FREQUENCIES, with the articles).
 */
export const activityFrequencies: SettingDef<Record<ActivityKind, z.infer<typeof ActivityFrequency>>> = {
  key: 'life.activityFrequencies',
  schema: z.strictObject({
    general_meeting: ActivityFrequency,
    committee_meeting: ActivityFrequency,
    group_meeting: ActivityFrequency,
    party_lecture: ActivityFrequency,
    party_day: ActivityFrequency,
    life_meeting: ActivityFrequency,
    democratic_life_meeting: ActivityFrequency,
  }),
  default: REQUIRED_FREQUENCIES,
  label: {
    zh: '组织生活频次要求（三会一课、主题党日、组织生活会）',
    en: 'Required frequency of Party life activities',
  },
  source:
    '《中国共产党支部工作条例（试行）》（2018）：党员大会一般每季度1次（第十一条），支部委员会会议一般每月1次（第十二条），党小组会一般每月1次（第十三条），按期上党课、每月相对固定1天开展主题党日（第十九条），每年至少召开1次组织生活会（第二十条）',
};

export const activitySettings: SettingDef<any>[] = [activityFrequencies];
