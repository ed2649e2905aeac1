import { inTransaction } from '../../../db/client.ts';
import { authorize } from '../../../platform/access/index.ts';
import { recordAudit } from '../../../platform/audit/service.ts';
import { hashPassword } from '../../../platform/auth/passwords.ts';
import { newCardPassword, resetStudyCardPassword } from '../../../platform/auth/study-card.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { loadMember } from '../record/store.ts';
import { refuseLeft } from '../standing/guard.ts';
import { ACCOUNT_OUT_OF_REACH, type IssuedCard, NO_CARD } from './rules.ts';
import { authorizeOnAccount } from '../../../platform/auth/index.ts';

/** A new password for a member's card (forgotten, or seen by someone): shown once, for printing. */
export async function resetCardPassword(ctx: Ctx, memberId: number): Promise<IssuedCard> {
  const actor = actorOf(ctx);
  const { m, orgName, orgPath } = await loadMember(ctx.db, memberId, { leftParty: true });
  authorize(actor, 'member.manage', orgPath);
  refuseLeft(m);
  if (!m.studyCardNo || !m.userId) throw NO_CARD;
  // the card logs in to the member's account: whoever resets it must reach all that account is
  await authorizeOnAccount(ctx.db, actor, 'member.manage', m.userId, ACCOUNT_OUT_OF_REACH(m.name));
  const password = newCardPassword();
  const hash = await hashPassword(password);
  await inTransaction(ctx.db, async (tx) => {
    if (!(await resetStudyCardPassword(tx, m.userId!, hash, ctx.now()))) throw NO_CARD;
    await recordAudit(tx, ctx, {
      action: 'member.study_card_reset',
      targetType: 'member',
      targetId: m.id,
      orgId: m.orgId,
      orgPath,
      after: { cardNo: m.studyCardNo },
    });
  });
  return { memberId: String(m.id), name: m.name, orgName, cardNo: m.studyCardNo, password };
}
