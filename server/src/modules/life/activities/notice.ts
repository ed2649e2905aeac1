import { ACTIVITY_KIND_LABELS } from '../../../../../contracts/labels.ts';
import type { ActivityKind } from '../../../../../contracts/life/activities.ts';
import type { Queryable } from '../../../db/client.ts';
import type { Ctx } from '../../../platform/context.ts';
import { sendNotice } from '../../../platform/notify/index.ts';
import { TIME_ZONE } from '../../../platform/time.ts';
import type { ActivityRow } from './store.ts';

/** The notice kind of a planned activity (declared in the life manifest's `notices`). */
export const ACTIVITY_NOTICE = {
  kind: 'life.activity',
  label: { zh: '组织生活通知', en: 'Party life activity' },
};

const when = new Intl.DateTimeFormat('zh-CN', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  weekday: 'short',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** "2026年11月20日周五 14:30" in Asia/Shanghai, as the notice and the record sheet say it. */
export const whenText = (d: Date) => when.format(d);

/**
 * Tells the attendees (in-app now; later channels come behind the same call): what, when and
 * where, opening their activities in the member app. Sent in the planning's transaction; sending
 * again for the same activity reaches only attendees added since.
 */
export async function noticeAttendees(
  tx: Queryable,
  ctx: Ctx,
  a: ActivityRow,
  recipients: { memberId: number; userId: number | null }[],
) {
  const kind = ACTIVITY_KIND_LABELS[a.kind as ActivityKind].zh;
  return sendNotice(tx, ctx, {
    kind: ACTIVITY_NOTICE.kind,
    orgId: a.orgId,
    title: `${kind}通知：${a.topic}`.slice(0, 200),
    body: `时间：${whenText(a.startsAt)}\n地点：${a.place}\n请准时参加，不能参加的请在“组织生活”中请假。`,
    link: `/m/activities?id=${a.id}`,
    source: { type: 'activity', id: String(a.id) },
    recipients,
  });
}
