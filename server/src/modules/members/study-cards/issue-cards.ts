import { and, asc, eq, inArray, isNull, like, sql } from 'drizzle-orm';
import { inTransaction } from '../../../db/client.ts';
import { authorize } from '../../../platform/access/index.ts';
import { actorLabel, recordAudit } from '../../../platform/audit/service.ts';
import { hashPassword } from '../../../platform/auth/passwords.ts';
import { assignStudyCards, newCardNumbers, newCardPassword } from '../../../platform/auth/study-card.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { conflict, fieldError } from '../../../platform/http/errors.ts';
import { linkReceipts } from '../../../platform/notify/index.ts';
import { findOrg, orgs } from '../../../platform/tree/index.ts';
import { ADMITTED } from '../record/rules.ts';
import { memberHistory, members } from '../schema.ts';
import { ACCOUNTS_OUT_OF_REACH, type IssuedCard, MAX_CARDS_PER_BATCH, isUniqueViolation } from './rules.ts';
import { accountsOutOfReach } from '../../../platform/auth/index.ts';

/**
 * 发放学习卡: card numbers to the Party members (probationary and full) of a subtree — those
 * without one, or (onlyWithout false) all, replacing their cards. Each card's initial password is
 * returned once, for printing, and only its hash is kept. A member without an account gets one,
 * with the 'member' role on their branch.
 */
export async function issueCards(ctx: Ctx, input: { orgId: string; onlyWithout: boolean }) {
  const actor = actorOf(ctx);
  const org = await findOrg(ctx.db, Number(input.orgId));
  if (!org) throw fieldError('orgId', { zh: '党组织不存在', en: 'organization not found' });
  authorize(actor, 'member.manage', org.path);
  const wanted = and(
    like(orgs.path, `${org.path}%`),
    isNull(members.leftAt),
    inArray(members.status, ADMITTED),
    input.onlyWithout ? isNull(members.studyCardNo) : undefined,
  );
  const targets = await ctx.db
    .select({ id: members.id })
    .from(members)
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(wanted)
    .orderBy(asc(orgs.path), asc(members.id))
    .limit(MAX_CARDS_PER_BATCH + 1);
  if (targets.length > MAX_CARDS_PER_BATCH)
    throw fieldError('orgId', {
      zh: `“${org.name}”需发卡的党员超过 ${MAX_CARDS_PER_BATCH} 名，请按下级党组织分批发卡`,
      en: `more than ${MAX_CARDS_PER_BATCH} members to issue cards to; issue per subordinate organization`,
    });
  if (!targets.length) return { items: [] };

  // the slow part (hashing) before the transaction, so no row is held while it runs
  const cardNos = await newCardNumbers(ctx.db, targets.length);
  const passwords = targets.map(() => newCardPassword());
  const hashes = await Promise.all(passwords.map((p) => hashPassword(p)));

  try {
    return await inTransaction(ctx.db, async (tx) => {
      // whoever still qualifies now: a concurrent batch may have issued some of them a card
      const locked = await tx
        .select({
          id: members.id,
          name: members.name,
          orgId: members.orgId,
          orgName: orgs.name,
          userId: members.userId,
          studyCardNo: members.studyCardNo,
        })
        .from(members)
        .innerJoin(orgs, eq(orgs.id, members.orgId))
        .where(
          and(
            inArray(
              members.id,
              targets.map((t) => t.id),
            ),
            wanted,
          ),
        )
        .orderBy(asc(orgs.path), asc(members.id))
        .for('update', { of: members });
      // a card logs in to the member's account: refuse the batch when one of those accounts also
      // holds a role the actor does not reach (a secretary cannot hand out a town admin's key)
      const outOfReach = new Set(
        await accountsOutOfReach(
          tx,
          actor,
          'member.manage',
          locked.flatMap((m) => (m.userId ? [m.userId] : [])),
        ),
      );
      const blocked = locked.filter((m) => m.userId && outOfReach.has(m.userId));
      if (blocked.length) throw ACCOUNTS_OUT_OF_REACH(blocked.map((m) => m.name));
      const now = ctx.now();
      const userIds = await assignStudyCards(
        tx,
        locked.map((m, i) => ({
          userId: m.userId,
          displayName: m.name,
          orgId: m.orgId,
          cardNo: cardNos[i],
          passwordHash: hashes[i],
        })),
        now,
      );
      const mirror = locked.map((m, i) => ({ id: m.id, user_id: userIds[i], card_no: cardNos[i] }));
      await tx.execute(sql`
        update members m set user_id = x.user_id, study_card_no = x.card_no, updated_at = ${now}
          from jsonb_to_recordset(${JSON.stringify(mirror)}::jsonb) as x(id int8, user_id int8, card_no text)
         where m.id = x.id`);
      // a member given an account here finds the notices sent to them before it
      await linkReceipts(
        tx,
        locked.flatMap((m, i) => (m.userId ? [] : [{ memberId: m.id, userId: userIds[i] }])),
      );
      if (locked.length) {
        await tx.insert(memberHistory).values(
          locked.map((m, i) => ({
            memberId: m.id,
            at: now,
            actorId: actor.userId,
            actorName: actorLabel(actor),
            source: 'study_card',
            changes: { studyCardNo: [m.studyCardNo, cardNos[i]] },
          })),
        );
      }
      await recordAudit(tx, ctx, {
        action: 'member.study_cards_issued',
        targetType: 'org',
        targetId: org.id,
        orgId: org.id,
        orgPath: org.path,
        after: {
          count: locked.length,
          onlyWithout: input.onlyWithout,
          replaced: locked.filter((m) => m.studyCardNo).length,
        },
      });
      return {
        items: locked.map(
          (m, i): IssuedCard => ({
            memberId: String(m.id),
            name: m.name,
            orgName: m.orgName,
            cardNo: cardNos[i],
            password: passwords[i],
          }),
        ),
      };
    });
  } catch (e) {
    // two batches drew the same fresh number at the same moment: nothing was written
    if (isUniqueViolation(e))
      throw conflict('card_number_taken', {
        zh: '学习卡号冲突，未发放任何学习卡，请重试',
        en: 'A card number was taken meanwhile; nothing was issued, please retry',
      });
    throw e;
  }
}
