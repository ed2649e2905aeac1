import { randomUUID } from 'node:crypto';
import type { SendDirectNotice, SentNotice } from '../../../../contracts/notify.ts';
import { inTransaction } from '../../db/client.ts';
import { can } from '../access/index.ts';
import { actorOf, type Ctx } from '../context.ts';
import { AppError, fieldError, notFound } from '../http/errors.ts';
import { findOrg } from '../tree/index.ts';
import type { NoticePeople } from './people.ts';
import { commonAncestorPath, distinctRecipients, SECRETARY_POSITIONS } from './rules.ts';
import { sendNotice } from './send-notice.ts';
import { presentSentById } from './sent-notices.ts';

/** The kind of the notices an admin writes and sends by hand (PRODUCT.md capability 10). */
export const DIRECT_KIND = 'notify.direct';

/**
 * 发通知: an admin or secretary sends a notice of their own to the members, or the secretaries, of
 * orgs in their scope. Every chosen org is authorized; the sender is the deepest org above them
 * all, which must also be in the caller's scope (its managers see the receipts).
 */
export async function sendDirectNotice(
  ctx: Ctx,
  people: NoticePeople,
  input: SendDirectNotice,
): Promise<SentNotice> {
  const actor = actorOf(ctx);
  return inTransaction(ctx.db, async (tx) => {
    const chosen = [];
    for (const id of new Set(input.orgIds.map(Number))) {
      const org = await findOrg(tx, id);
      if (!org) throw notFound({ zh: '发送对象党组织', en: 'Recipient organization' });
      chosen.push(org);
    }
    // one org outside the caller's scope refuses the whole notice, naming the field (not the org:
    // another town's names are not the caller's to learn)
    const outside = chosen.filter((o) => !can(actor, 'notice.send', o.path)).length;
    if (outside) {
      const text = {
        zh: `所选党组织中有 ${outside} 个不在您的管理范围内，通知未发送；请只选择本级及下级党组织`,
        en: `${outside} of the chosen organizations are outside your scope; nothing was sent`,
      };
      throw new AppError(403, 'forbidden', { zh: `orgIds：${text.zh}`, en: `orgIds: ${text.en}` }, [
        { path: 'orgIds', message: text.zh, messageEn: text.en },
      ]);
    }
    const senderPath = commonAncestorPath(chosen.map((o) => o.path));
    if (!can(actor, 'notice.send', senderPath))
      throw fieldError('orgIds', {
        zh: '所选党组织须同在您的一个管理范围内，请分开发送',
        en: 'the chosen organizations must lie within one of your scopes; send separately',
      });
    // a path is the ids from the root down: its last is the org itself
    const senderId = Number(senderPath.split('/').filter(Boolean).at(-1));
    const positions = input.audience === 'secretaries' ? SECRETARY_POSITIONS : undefined;
    const found = [];
    for (const o of chosen) found.push(...(await people.inOrg(tx, o.path, { positions })));
    const recipients = distinctRecipients(found);
    if (!recipients.length)
      throw fieldError('orgIds', {
        zh:
          input.audience === 'secretaries'
            ? '所选党组织中没有登记为书记的党员，无人可接收'
            : '所选党组织中没有可接收通知的党员',
        en:
          input.audience === 'secretaries'
            ? 'no member of the chosen organizations is recorded as secretary'
            : 'the chosen organizations have no member to notify',
      });
    const sent = await sendNotice(tx, ctx, {
      kind: DIRECT_KIND,
      orgId: senderId,
      title: input.title,
      body: input.body || undefined,
      source: { type: 'direct', id: randomUUID() },
      recipients,
    });
    return presentSentById(tx, ctx, sent.noticeId);
  });
}
