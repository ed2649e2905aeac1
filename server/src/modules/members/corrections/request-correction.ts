import { and, desc, eq } from 'drizzle-orm';
import { inTransaction, nextIds } from '../../../db/client.ts';
import { recordAudit } from '../../../platform/audit/service.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { AppError, fieldError } from '../../../platform/http/errors.ts';
import { corrections } from '../schema.ts';
import { inputOf } from '../record/store.ts';
import { myRecord } from '../record/self.ts';
import { type CorrectionView, present } from './present.ts';
import { FIELD_LABEL, FIELD_SCHEMA, type Field, sealBaseline, sealValue } from './rules.ts';

/** A member asks their branch to correct one field of their record. */
export async function requestCorrection(
  ctx: Ctx,
  input: { field: Field; value: string; reason: string },
): Promise<CorrectionView> {
  const actor = actorOf(ctx);
  const checked = FIELD_SCHEMA[input.field].safeParse(input.value);
  if (!checked.success)
    throw fieldError('value', {
      zh: `${FIELD_LABEL[input.field].zh}${checked.error.issues[0]?.message ? `：${checked.error.issues[0].message}` : '格式不正确'}`,
      en: `not a valid ${FIELD_LABEL[input.field].en}`,
    });
  const value = checked.data;
  return inTransaction(ctx.db, async (tx) => {
    const { m, orgPath } = await myRecord(tx, actor.userId);
    const current = inputOf(ctx.pii, m)[input.field];
    if (current === value)
      throw fieldError('value', {
        zh: `与现有${FIELD_LABEL[input.field].zh}相同，无需更正`,
        en: `same as the current ${FIELD_LABEL[input.field].en}`,
      });
    if (input.field === 'mobileLocation' && !m.mobile)
      throw fieldError('field', {
        zh: '您不是流动党员，没有外出地点可更正',
        en: 'only mobile members have a place of work away',
      });
    const [open] = await tx
      .select({ id: corrections.id })
      .from(corrections)
      .where(
        and(
          eq(corrections.memberId, m.id),
          eq(corrections.field, input.field),
          eq(corrections.status, 'pending'),
        ),
      );
    if (open)
      throw new AppError(
        409,
        'correction_pending',
        {
          zh: `field：您对${FIELD_LABEL[input.field].zh}的更正申请尚在审核中`,
          en: `field: a correction of the ${FIELD_LABEL[input.field].en} is already waiting`,
        },
        [{ path: 'field', message: '已有待审核的更正申请', messageEn: 'a request is already waiting' }],
      );
    const [id] = await nextIds(tx, 'corrections', 1);
    const [row] = await tx
      .insert(corrections)
      .values({
        id,
        memberId: m.id,
        field: input.field,
        value: sealValue(ctx.pii, id, input.field, value),
        previousValue: sealBaseline(ctx.pii, id, input.field, current ?? null),
        reason: input.reason,
        createdAt: ctx.now(),
      })
      .returning();
    await recordAudit(tx, ctx, {
      action: 'member.correction_requested',
      targetType: 'member',
      targetId: m.id,
      orgId: m.orgId,
      orgPath,
      // the audit masks a field named phone; other values are the member's own words
      after: { correctionId: row.id, field: input.field, [input.field]: value, reason: input.reason },
    });
    return present(ctx, row, { name: m.name, orgPath, userId: m.userId });
  });
}

export async function myCorrections(ctx: Ctx): Promise<{ items: CorrectionView[] }> {
  const { m, orgPath } = await myRecord(ctx.db, actorOf(ctx).userId);
  const rows = await ctx.db
    .select()
    .from(corrections)
    .where(eq(corrections.memberId, m.id))
    .orderBy(desc(corrections.createdAt), desc(corrections.id))
    .limit(200);
  return { items: rows.map((c) => present(ctx, c, { name: m.name, orgPath, userId: m.userId })) };
}
