import type { Actor, Policy } from '../../../platform/access/index.ts';
import { authorize } from '../../../platform/access/index.ts';
import { forbidden } from '../../../platform/http/errors.ts';
import { operatorRefusal } from './rules.ts';

export const stationPolicies: Policy[] = [
  {
    action: 'station.view',
    roles: ['dept_admin', 'org_admin', 'station_manager'],
    description:
      '查看远程教育站点、集中学习记录和月度播放时长 / see stations, their sessions and monthly minutes',
  },
  {
    action: 'station.manage',
    roles: ['dept_admin', 'org_admin'],
    description:
      '管理远程教育站点：新建、修改、指定站点管理员和操作员 / keep the station registry and its managers and operators',
  },
  {
    action: 'station.operate',
    roles: ['dept_admin', 'org_admin', 'station_manager'],
    description: '登记站点集中学习（播放内容、时长、参学党员、照片） / enter a station’s group sessions',
  },
];

/** May the actor enter sessions of this station (rules.ts operatorRefusal)? */
export function mayOperate(actor: Actor | null, station: { orgPath: string }, staffIds: readonly number[]) {
  return !!actor && operatorRefusal(actor.grants, actor.userId, station, staffIds) === null;
}

/** Refuses, in words, what mayOperate would not allow. */
export function authorizeOperate(actor: Actor, station: { orgPath: string }, staffIds: readonly number[]) {
  authorize(actor, 'station.operate', station.orgPath, {
    zh: '无权登记该站点的集中学习：站点不在您的管理范围内',
    en: 'You may not enter this station’s sessions: it is outside your scope',
  });
  if (operatorRefusal(actor.grants, actor.userId, station, staffIds) === 'not_staff')
    throw forbidden({
      zh: '您不是该站点的管理员或操作员，不能登记它的集中学习',
      en: 'You are not a manager or operator of this station',
    });
}
