import type { MyNotice, NoticeReceipt, SentNotice } from '../../../../contracts/notify.ts';
import type { Ctx } from '../context.ts';
import { noticeKind } from './kinds.ts';
import { noticeAbilities } from './policy.ts';
import { mayRemind, nextRemindAt, readRate } from './rules.ts';
import type { NoticeReceiptRow, NoticeRow } from './schema.ts';

const kindLabel = (ctx: Pick<Ctx, 'lang'>, kind: string) => noticeKind(kind)?.label[ctx.lang] ?? kind;
const iso = (d: Date | null) => d?.toISOString() ?? null;

/** A notice as its recipient reads it: nothing about the other recipients. */
export function presentMine(
  ctx: Pick<Ctx, 'lang'>,
  n: NoticeRow,
  r: Pick<NoticeReceiptRow, 'readAt' | 'remindedAt' | 'createdAt'>,
  orgName: string,
): MyNotice {
  return {
    id: String(n.id),
    kind: n.kind,
    kindLabel: kindLabel(ctx, n.kind),
    title: n.title,
    body: n.body,
    link: n.link,
    orgName,
    sentAt: r.createdAt.toISOString(),
    readAt: iso(r.readAt),
    remindedAt: iso(r.remindedAt),
  };
}

/** A notice as its sender sees it, with the read count and what the viewer may do. */
export function presentSent(
  ctx: Pick<Ctx, 'lang' | 'actor' | 'now'>,
  n: NoticeRow,
  extra: { orgName: string; sentBy: string | null; read: number },
): SentNotice {
  const last = n.lastRemindedAt;
  return {
    id: String(n.id),
    kind: n.kind,
    kindLabel: kindLabel(ctx, n.kind),
    title: n.title,
    body: n.body,
    link: n.link,
    orgId: String(n.orgId),
    orgName: extra.orgName,
    sourceType: n.sourceType,
    sourceId: n.sourceId,
    channels: n.channels,
    sentAt: n.createdAt.toISOString(),
    sentBy: extra.sentBy,
    recipients: n.recipientCount,
    read: extra.read,
    readRate: readRate(extra.read, n.recipientCount),
    lastRemindedAt: iso(last),
    remindAfter: last && !mayRemind(last, ctx.now()) ? nextRemindAt(last).toISOString() : null,
    can: noticeAbilities(ctx.actor, { orgPath: n.orgPath, recipients: n.recipientCount, read: extra.read }),
  };
}

/** One recipient's receipt, named; a member no longer on file is named by a dash. */
export function presentReceipt(
  r: NoticeReceiptRow,
  who: { name: string; orgName: string } | undefined,
): NoticeReceipt {
  const delivered = (r.delivered as Record<string, string | undefined>).in_app ?? null;
  return {
    memberId: String(r.memberId),
    name: who?.name ?? '—',
    orgName: who?.orgName ?? '—',
    hasAccount: r.userId !== null,
    deliveredAt: delivered,
    readAt: iso(r.readAt),
    remindedAt: iso(r.remindedAt),
    remindCount: r.remindCount,
  };
}
