import { z } from 'zod';
import { DateOnly } from '../../../../../contracts/common.ts';
import type { SettingDef } from '../../../platform/settings/index.ts';
import { CALENDAR_2026, type WorkingCalendar } from '../../../platform/time.ts';

/** What the department configures for 留言 (platform/settings); read with getSetting(db, def). */

/** How many working days an org has to answer a message. */
export const messageAnswerDays: SettingDef<number> = {
  key: 'openness.messageAnswerDays',
  schema: z.number().int().min(1).max(30),
  default: 5,
  label: { zh: '留言答复期限（工作日）', en: 'Messages answered within (working days)' },
  source:
    '留言应在收到后5个工作日内答复（平台默认，issue 13）；期间自收到的次日起算（《民法典》第二百零一条）',
};

/** Public holidays and the weekend days worked in exchange: what makes a day a working day. */
export const workingCalendar: SettingDef<WorkingCalendar> = {
  key: 'openness.workingCalendar',
  schema: z
    .strictObject({
      daysOff: z.array(DateOnly).max(400),
      workdays: z.array(DateOnly).max(200),
    })
    .refine((c) => !c.daysOff.some((d) => c.workdays.includes(d)), {
      message: '同一天不能既放假又上班',
      path: ['workdays'],
    }),
  default: CALENDAR_2026,
  label: {
    zh: '工作日历（放假日期与调休上班日期）',
    en: 'Working calendar (days off and weekend days worked)',
  },
  source:
    '《国务院办公厅关于2026年部分节假日安排的通知》（2025年11月4日）；每年国务院公布次年安排后，由组织部在此补充',
};

export const messagesSettings = [messageAnswerDays, workingCalendar];
