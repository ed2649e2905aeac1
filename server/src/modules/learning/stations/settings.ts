import { z } from 'zod';
import type { SettingDef } from '../../../platform/settings/index.ts';

/** The monthly rule of a station (rules.ts monthState): the department may ask more, or allow less in a region's off season. */
export const stationSettings: SettingDef<{ monthlyMinutes: number }> = {
  key: 'learning.stationMonthlyMinutes',
  schema: z.strictObject({ monthlyMinutes: z.number().int().min(60).max(2400) }),
  default: { monthlyMinutes: 240 },
  label: {
    zh: '远程教育站点每月集中学习时长要求（分钟）',
    en: 'Minutes a remote-education station plays for members each month',
  },
  source:
    '议题14（issue 14）：远程教育终端站点每月组织党员集中学习不少于240分钟；各地站点管理办法以月为单位考核站点播放时长，每月通报零播放站点',
};

export const stationSettingsList = [stationSettings];
