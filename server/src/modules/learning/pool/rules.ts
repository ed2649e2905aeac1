import { RATING_WINDOW_DAYS } from '../../../../../contracts/learning/pool.ts';
import type { Text } from '../../../platform/http/errors.ts';
import { addDays, daysBetween } from '../../../platform/time.ts';

/**
 * 授课评价: a member who attended rates the lecture once, 1–5 stars, while it is fresh — within
 * RATING_WINDOW_DAYS (30) days of the day it was given, the day itself included. The teacher's
 * average is shown to admins choosing teachers; members are never ranked by what they rated.
 */

/** Why a rating on `today` (YYYY-MM-DD, Asia/Shanghai) is refused by date, or null when it may be given. */
export function ratingDateRefusal(lecturedOn: string, today: string): Text | null {
  const days = daysBetween(lecturedOn, today);
  if (days < 0) return { zh: '授课尚未进行，不能评价', en: 'the lecture has not taken place yet' };
  if (days > RATING_WINDOW_DAYS)
    return {
      zh: `已超过授课后 ${RATING_WINDOW_DAYS} 天的评价期限`,
      en: `ratings close ${RATING_WINDOW_DAYS} days after the lecture`,
    };
  return null;
}

/** The last day a lecture may be rated. */
export const rateBy = (lecturedOn: string) => addDays(lecturedOn, RATING_WINDOW_DAYS);

/** An average of stars as shown: one decimal, null when nobody rated. */
export function averageOf(sum: number, count: number): number | null {
  return count > 0 ? Math.round((sum / count) * 10) / 10 : null;
}
