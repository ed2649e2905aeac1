import type { Queryable } from '../../db/client.ts';
import type { Ctx } from '../context.ts';

/**
 * How a notice reaches its recipients. A notice carries a channel plan (notices.channels, in
 * order) and each receipt records, per channel, when it was delivered (notice_receipts.delivered).
 *
 * Only the in-app channel exists today: the receipt itself is the delivery (the member app and the
 * console read their receipts). SMS, WeChat and email come later as further NoticeChannel
 * implementations registered here: each will hand the receipts not yet delivered on its channel
 * to a pg-boss job (the request never waits on a gateway), mark `delivered.<channel>` when the
 * gateway accepts, and count what it cost — SMS costs money (PRODUCT.md capability 10: 6 fen a
 * message), so free channels go first in a plan and a paid one is used only where asked.
 */
export type ChannelName = 'in_app' | 'sms' | 'wechat' | 'email';

export type Delivery = {
  notice: { id: number; kind: string; title: string; body: string | null; link: string | null };
  /** The receipts just created (a first send, or the new recipients of a re-send). */
  memberIds: number[];
  /** 'send' for new receipts, 'remind' for the unread being reminded. */
  reason: 'send' | 'remind';
};

export interface NoticeChannel {
  name: ChannelName;
  /** Costs nothing per message (in-app, WeChat): a plan lists these first. */
  free: boolean;
  /**
   * Delivers, or queues the delivery of, the notice to these receipts inside the sender's
   * transaction: a rolled-back send queues nothing.
   */
  deliver(tx: Queryable, ctx: Ctx, d: Delivery): Promise<void>;
}

/** In-app: the receipt row, written with `delivered.in_app` set, is what the recipient reads. */
const inApp: NoticeChannel = {
  name: 'in_app',
  free: true,
  deliver: async () => {},
};

const channels = new Map<ChannelName, NoticeChannel>([[inApp.name, inApp]]);

export function channelNamed(name: string): NoticeChannel | undefined {
  return channels.get(name as ChannelName);
}

export const DEFAULT_PLAN: readonly ChannelName[] = ['in_app'];
