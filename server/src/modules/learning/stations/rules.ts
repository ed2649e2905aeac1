import type { StationMonthState } from '../../../../../contracts/learning/stations.ts';
import type { Text } from '../../../platform/http/errors.ts';
import { addMonthsToMonth, shanghaiMonth } from '../../../platform/time.ts';

/**
 * 远程教育站点, pure. A station (终端站点) is a room with a screen in a village or community where
 * members who cannot study on a phone study together; its operator (操作员) plays courses and
 * records who came. The provinces' station rules ask each station to play for members regularly —
 * at least 240 minutes a month (issue 14; a department setting, settings.ts) — and the monthly
 * bulletins (通报) name the stations that played nothing.
 */

/** A station's month: nothing played, played less than required, or enough. */
export function monthState(minutes: number, requiredMinutes: number): StationMonthState {
  if (minutes <= 0) return 'zero';
  return minutes >= requiredMinutes ? 'met' : 'short';
}

/** A phone's clock may run a little ahead of the server's. */
export const CLOCK_SKEW_MINUTES = 10;

/**
 * When a session started: not in the future, and in this month or the last — the operator enters
 * it the same day or soon after, and once a month's bulletin is out its minutes are settled.
 */
export function startedAtProblem(startedAt: Date, now: Date): Text | null {
  if (startedAt.getTime() > now.getTime() + CLOCK_SKEW_MINUTES * 60_000)
    return { zh: '开始时间不能晚于现在', en: 'the start cannot be in the future' };
  const earliest = addMonthsToMonth(shanghaiMonth(now), -1);
  if (shanghaiMonth(startedAt) < earliest)
    return {
      zh: `只能登记${earliest.replace('-', '年')}月以来的集中学习`,
      en: `only sessions since ${earliest} can be entered`,
    };
  return null;
}

type Grant = { role: string; orgPath: string };

/**
 * Who enters a station's sessions: an org or department admin whose subtree holds the station
 * (correcting for a village), or a station manager whose grant covers it and whom the station
 * lists as its manager or operator — a station manager of the town is not the operator of every
 * village's station. Null: may; else why not.
 */
export function operatorRefusal(
  grants: readonly Grant[],
  userId: number,
  station: { orgPath: string },
  staffIds: readonly number[],
): 'outside' | 'not_staff' | null {
  const covering = grants.filter((g) => station.orgPath.startsWith(g.orgPath));
  if (covering.some((g) => g.role === 'dept_admin' || g.role === 'org_admin')) return null;
  if (!covering.some((g) => g.role === 'station_manager')) return 'outside';
  return staffIds.includes(userId) ? null : 'not_staff';
}

/** A station's staff: nobody twice, in either list or across both. */
export function staffProblem(managerIds: readonly string[], operatorIds: readonly string[]): string | null {
  const all = [...managerIds, ...operatorIds];
  const twice = all.find((id, i) => all.indexOf(id) !== i);
  return twice ?? null;
}

/**
 * Why a session cannot be withdrawn (null: it can). One entered by mistake is taken back, with a
 * reason, while its month is still open — this month or the last, as startedAtProblem lets it be
 * entered; after that the month's bulletin has named its stations and the figures stand.
 */
export function withdrawProblem(
  session: { startedAt: Date; withdrawnAt: Date | null },
  now: Date,
): Text | null {
  if (session.withdrawnAt)
    return { zh: '该集中学习记录已撤销', en: 'This session has already been withdrawn' };
  const earliest = addMonthsToMonth(shanghaiMonth(now), -1);
  if (shanghaiMonth(session.startedAt) < earliest)
    return {
      zh: `只能撤销${earliest.replace('-', '年')}月以来的集中学习记录，更早月份的播放时长已通报`,
      en: `only sessions since ${earliest} can be withdrawn; earlier months are settled`,
    };
  return null;
}
