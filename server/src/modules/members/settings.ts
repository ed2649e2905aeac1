import { z } from 'zod';
import type { SettingDef } from '../../platform/settings/index.ts';

/**
 * What the department configures for the members module (platform/settings): the regulation's
 * figure is the default, the schema the bounds it allows. Read with getSetting(db, def).
 */
const fen = (max: number) => z.number().int().min(1).max(max);

/** 2008 规定第六条: farmers, students, members without income or on relief pay a small fixed amount. */
export const duesFixedAmounts: SettingDef<{ farmer: number; student: number; relief: number }> = {
  key: 'members.duesFixedAmounts',
  schema: z.strictObject({ farmer: fen(10_000), student: fen(10_000), relief: fen(10_000) }),
  default: { farmer: 50, student: 20, relief: 20 },
  label: { zh: '党费固定标准（分/月）', en: 'Fixed dues amounts (fen a month)' },
  source:
    '《关于中国共产党党费收缴、使用和管理的规定》（2008）：农民、学生、下岗失业、享受低保的党员每月交纳0.2元至1元',
};

/** 2017 年中组部通知: a member's monthly dues are generally capped at 1,000 yuan. */
export const duesMonthlyCapFen: SettingDef<number> = {
  key: 'members.duesMonthlyCapFen',
  schema: z.number().int().min(10_000).max(10_000_000),
  default: 100_000,
  label: { zh: '党费每月上限（分）', en: 'Monthly dues cap (fen)' },
  source: '中组部关于党费交纳的通知（2017）：每月交纳党费一般不超过1000元',
};

/** The window in which branches recalculate standards for the year (usually January to March). */
export const duesRecalcWindow: SettingDef<{ from: string | null; to: string | null }> = {
  key: 'members.duesRecalcWindow',
  schema: z.strictObject({
    from: z.iso.date().nullable(),
    to: z.iso.date().nullable(),
  }),
  default: { from: null, to: null },
  label: { zh: '党费基数年度核定期', en: 'Yearly dues recalculation window' },
  source:
    '《关于中国共产党党费收缴、使用和管理的规定》（2008）：党员工资收入发生变化后，应按新的收入计算交纳党费；每年核定一次',
};

/** 组织关系转接: an introduction letter is valid for at most three months. */
export const transferLetterMaxDays: SettingDef<number> = {
  key: 'members.transferLetterMaxDays',
  schema: z.number().int().min(7).max(180),
  default: 90,
  label: { zh: '组织关系介绍信最长有效期（天）', en: 'Longest validity of a transfer letter (days)' },
  source: '党员组织关系介绍信有效期一般不超过3个月',
};

/** 回执: the receiving committee returns the stub within one month of taking the member in. */
export const transferReceiptMonths: SettingDef<number> = {
  key: 'members.transferReceiptMonths',
  schema: z.number().int().min(1).max(6),
  default: 1,
  label: { zh: '介绍信回执期限（月）', en: 'Receipt due within (months)' },
  source: '接收党员组织关系的党组织应在一个月内将回执寄回',
};

/** 流动党员: after six months in one place, the membership should move there. */
export const mobileRemindMonths: SettingDef<number> = {
  key: 'members.mobileRemindMonths',
  schema: z.number().int().min(3).max(24),
  default: 6,
  label: { zh: '流动党员提醒转接组织关系（月）', en: 'Remind to transfer a migrant member after (months)' },
  source: '外出流动六个月以上、地点相对固定的，原则上应转移组织关系',
};

export const membersSettings: SettingDef<any>[] = [
  duesFixedAmounts,
  duesMonthlyCapFen,
  duesRecalcWindow,
  transferLetterMaxDays,
  transferReceiptMonths,
  mobileRemindMonths,
];
