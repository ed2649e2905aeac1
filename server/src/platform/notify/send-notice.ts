import { sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.ts';
import { recordAudit } from '../audit/service.ts';
import type { Ctx } from '../context.ts';
import { fieldError, notFound } from '../http/errors.ts';
import { findOrg } from '../tree/index.ts';
import { type ChannelName, channelNamed, DEFAULT_PLAN } from './channels.ts';
import { noticeKind } from './kinds.ts';
import { distinctRecipients, isAppLink } from './rules.ts';

/** Who a notice goes to: a member, and their login when they have one (the in-app channel needs it). */
export type Recipient = { memberId: number; userId: number | null };

export type NoticeInput = {
  /** Declared in a manifest's `notices`; anything else is refused. */
  kind: string;
  /** The org that sends it: whose admins see its receipts. */
  orgId: number;
  title: string;
  body?: string;
  /** A path of the web app the notice opens ('/m/activities/42'). */
  link?: string;
  /** What the notice is about; one notice per (kind, source). */
  source: { type: string; id: string };
  recipients: Recipient[];
  /** The channel plan; in-app when not given (the only channel so far: channels.ts). */
  channels?: ChannelName[];
};

export type SendResult = {
  noticeId: number;
  /** Receipts this call created: all of them the first time, only the new recipients on a re-send. */
  recipients: number;
  /** Everyone the notice has reached so far. */
  total: number;
};

/**
 * The one way to send a notice. Call it inside the transaction of the write it is about (publishing
 * an announcement, planning an activity): if that write rolls back, nobody was notified. Sending
 * again for the same (kind, source) adds only new recipients and takes the new title, body and link
 * (so the notice shows the thing as it now is); receipts already there, read or not, are kept.
 * Receipts are written in one INSERT … SELECT FROM unnest, so a town of 10,000 members is one
 * statement.
 */
export async function sendNotice(tx: Queryable, ctx: Ctx, input: NoticeInput): Promise<SendResult> {
  if (!noticeKind(input.kind))
    throw new Error(`notice kind "${input.kind}" is declared by no module manifest (notices: [...])`);
  const plan = input.channels?.length ? [...new Set(input.channels)] : [...DEFAULT_PLAN];
  for (const c of plan) if (!channelNamed(c)) throw new Error(`notice channel "${c}" is not available`);
  const title = input.title.trim();
  if (!title || title.length > 200)
    throw fieldError('title', { zh: '通知标题须为 1–200 个字', en: 'the title must be 1–200 characters' });
  if (input.link && !isAppLink(input.link))
    throw fieldError('link', {
      zh: '通知链接须为本平台内的地址（以 / 开头）',
      en: 'the link must be a path of this platform (starting with /)',
    });
  const org = await findOrg(tx, input.orgId);
  if (!org) throw notFound({ zh: '发送通知的党组织', en: 'Sending organization' });
  const now = ctx.now();

  const { rows: saved } = await tx.execute<{ id: number; created: boolean }>(sql`
    insert into notices (kind, org_id, org_path, title, body, link, source_type, source_id, channels, sent_by, created_at)
    values (${input.kind}, ${org.id}, ${org.path}, ${title}, ${input.body ?? null}, ${input.link ?? null},
            ${input.source.type}, ${input.source.id}, ${sql.param(plan)}::text[], ${ctx.actor?.userId ?? null}, ${now})
    on conflict (kind, source_type, source_id)
      do update set title = excluded.title, body = excluded.body, link = excluded.link
    returning id, (xmax = 0) as created`);
  const noticeId = Number(saved[0].id);

  const recipients = distinctRecipients(input.recipients);
  const delivered = plan.includes('in_app') ? { in_app: now.toISOString() } : {};
  const { rows: added } = recipients.length
    ? await tx.execute<{ member_id: number }>(sql`
        insert into notice_receipts (notice_id, member_id, user_id, delivered, created_at)
        select ${noticeId}::int8, r.m, r.u, ${JSON.stringify(delivered)}::jsonb, ${now}::timestamptz
          from unnest(${sql.param(recipients.map((r) => r.memberId))}::int8[],
                      ${sql.param(recipients.map((r) => r.userId))}::int8[]) as r(m, u)
        on conflict do nothing
        returning member_id`)
    : { rows: [] };
  const { rows: counted } = await tx.execute<{ total: number }>(sql`
    update notices set recipient_count = recipient_count + ${added.length} where id = ${noticeId}
    returning recipient_count as total`);

  const memberIds = added.map((r) => Number(r.member_id));
  if (memberIds.length)
    for (const c of plan)
      await channelNamed(c)!.deliver(tx, ctx, {
        notice: { id: noticeId, kind: input.kind, title, body: input.body ?? null, link: input.link ?? null },
        memberIds,
        reason: 'send',
      });

  if (saved[0].created || memberIds.length)
    await recordAudit(tx, ctx, {
      action: 'notice.send',
      targetType: 'notice',
      targetId: noticeId,
      orgId: org.id,
      orgPath: org.path,
      after: {
        kind: input.kind,
        source: `${input.source.type}:${input.source.id}`,
        title,
        channels: plan,
        recipients: memberIds.length,
      },
    });
  return { noticeId, recipients: memberIds.length, total: Number(counted[0].total) };
}
