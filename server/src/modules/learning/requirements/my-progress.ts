import { sql } from 'drizzle-orm';
import type { MyStudyProgress, ProgressTile } from '../../../../../contracts/learning/requirements.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { getSetting } from '../../../platform/settings/index.ts';
import { shanghaiToday } from '../../../platform/time.ts';
import { studyPersonOf } from '../../members/index.ts';
import { creditSettings } from '../study/settings.ts';
import {
  classHoursOf,
  progressOf,
  proratedSeconds,
  requiredClassHours,
  requiredSeconds,
  requirementKind,
} from './rules.ts';
import { requirementSettings } from './settings.ts';

/**
 * 我的学时: the member's year — the figure they are held to (by their positions), the seconds
 * credited by source, their progress, and today's online study against the daily cap. Read live
 * from the kept year totals (one row) and the session's credit not yet folded into them
 * (study/fold.ts), so a beat's credit shows at once.
 */
export async function myProgress(ctx: Ctx, year?: number): Promise<MyStudyProgress> {
  const now = ctx.now();
  const today = shanghaiToday(now);
  const y = year ?? Number(today.slice(0, 4));
  const [me, req, credit] = await Promise.all([
    studyPersonOf(ctx.db, actorOf(ctx).userId),
    getSetting(ctx.db, requirementSettings),
    getSetting(ctx.db, creditSettings),
  ]);
  const kind = requirementKind(me?.positions ?? []);
  let online = 0;
  let offline = 0;
  let station = 0;
  let todaySeconds = 0;
  if (me) {
    const { rows } = await ctx.db.execute<{
      online: number;
      offline: number;
      station: number;
      today: number;
    }>(sql`
      select coalesce(y.online_seconds, 0)
             + coalesce(case when extract(year from d.pending_day) = ${y} then d.pending_seconds end, 0) as online,
             coalesce(y.offline_seconds, 0) as offline, coalesce(y.station_seconds, 0) as station,
             coalesce(case when d.day = ${today}::date then d.day_seconds end, 0) as today
        from (select 1) one
        left join study_years y on y.member_id = ${me.memberId} and y.year = ${y}::int2
        left join study_devices d on d.member_id = ${me.memberId}`);
    ({ online, offline, station, today: todaySeconds } = rows[0]);
  }
  const total = online + offline + station;
  const full = me?.held ? requiredSeconds(kind, req) : 0;
  const required = me?.held ? proratedSeconds(full, me.joinedOn, y) : 0;
  const months =
    me?.joinedOn && Number(me.joinedOn.slice(0, 4)) === y ? 13 - Number(me.joinedOn.slice(5, 7)) : null;
  return {
    year: y,
    member: !!me?.held,
    kind,
    requiredClassHours: !me?.held
      ? 0
      : required === full
        ? requiredClassHours(kind, req)
        : Math.round((required / (req.classHourMinutes * 60)) * 10) / 10,
    proratedMonths: me?.held ? months : null,
    classHourMinutes: req.classHourMinutes,
    requiredSeconds: required,
    seconds: { online, offline, station, total },
    classHours: classHoursOf(total, req),
    progress: Math.round(progressOf(total, required) * 1000) / 1000,
    met: !!me?.held && total >= required,
    today: { seconds: todaySeconds, capSeconds: credit.dailyCapMinutes * 60 },
  };
}

/** The member home's tile: this year's class hours against the figure. */
export async function myProgressTile(ctx: Ctx): Promise<ProgressTile> {
  const p = await myProgress(ctx);
  return { value: p.classHours, max: p.requiredClassHours };
}
