import { type Actor, can, type Policy } from '../../../platform/access/index.ts';

export const activityPolicies: Policy[] = [
  {
    action: 'activity.view',
    roles: ['dept_admin', 'org_admin', 'secretary'],
    description:
      '查看组织生活：活动、签到与请假、会议记录，应开展与逾期情况，月度统计 / see Party life activities, attendance, minutes, what is due and overdue',
  },
  {
    action: 'activity.manage',
    roles: ['dept_admin', 'org_admin', 'secretary'],
    description:
      '组织组织生活：计划、通知、签到二维码、点名、审批请假、会议记录和照片、取消 / plan and run activities: notice, QR sign-in, roll call, leave, minutes, photos',
  },
  {
    action: 'activity.attend',
    roles: ['member'],
    description:
      '参加组织生活：我的活动、扫码签到、请假 / take part: my activities, sign in by QR code, ask for leave',
  },
  {
    action: 'activity.kiosk',
    roles: ['dept_admin', 'org_admin', 'secretary', 'station_manager'],
    description:
      '在一体机上以学习卡为党员签到（一体机以书记、管理员或站点管理员的账号登录） / sign members in with their study cards at a kiosk',
  },
];

/** What the actor may do with one activity: the web shows the buttons these allow. */
export function activityAbilities(
  actor: Actor | null,
  a: { orgPath: string; status: string; signInOpen: boolean; startsAt: Date },
  now: Date,
) {
  const manage = !!actor && can(actor, 'activity.manage', a.orgPath);
  const live = a.status !== 'cancelled';
  return {
    manage,
    qr: manage && live && a.signInOpen,
    rollCall: manage && live,
    minutes: manage && live && now.getTime() >= a.startsAt.getTime(),
    cancel: manage && a.status === 'planned',
  };
}
