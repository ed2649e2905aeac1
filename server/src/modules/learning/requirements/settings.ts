import { z } from 'zod';
import type { SettingDef } from '../../../platform/settings/index.ts';
import type { RequirementSettings } from './rules.ts';

/**
 * The yearly requirement (rules.ts). The regulation's figures are minimums ("一般不少于"): the
 * department may ask more, not less. A class hour is 45 minutes unless the province counts 40 or 60.
 */
export const requirementSettings: SettingDef<RequirementSettings> = {
  key: 'learning.studyRequirement',
  schema: z
    .strictObject({
      memberClassHours: z.number().int().min(32).max(200),
      leaderClassHours: z.number().int().min(56).max(300),
      classHourMinutes: z.number().int().min(40).max(60),
    })
    .refine((s) => s.leaderClassHours >= s.memberClassHours, {
      message: '书记和班子成员的学时不应少于普通党员',
      path: ['leaderClassHours'],
    }),
  default: { memberClassHours: 32, leaderClassHours: 56, classHourMinutes: 45 },
  label: {
    zh: '党员年度集中学习培训学时要求（党员、书记和班子成员，每学时分钟数）',
    en: 'Yearly study requirement (members, secretaries and committee members, minutes per class hour)',
  },
  source:
    '《中国共产党党员教育管理工作条例》（2019）及《2019—2023年全国党员教育培训工作规划》：党员每年集中学习培训时间一般不少于32学时，基层党组织书记和班子成员一般不少于56学时；1学时按45分钟计（各地学时登记通行算法）',
};

export const requirementSettingsList: SettingDef<any>[] = [requirementSettings];
