import { maskPhone } from '../../../platform/pii/index.ts';
import type { corrections } from '../schema.ts';
import { ENCRYPTED, type Field, previousValue, type Status, requestedValue } from './rules.ts';
import type { Ctx } from '../../../platform/context.ts';
import { correctionAbilities } from './policy.ts';

export type CorrectionView = {
  id: string;
  memberId: string;
  memberName: string;
  field: string;
  /** What the field held when the member asked: the reviewer sees what is replaced by what. */
  previousValue: string | null;
  value: string;
  reason: string;
  status: Status;
  decisionReason: string | null;
  decidedAt: string | null;
  createdAt: string;
  can: ReturnType<typeof correctionAbilities>;
};

type CorrectionRow = typeof corrections.$inferSelect;

/** Presenter: a phone, asked for or replaced, is shown masked, like the record's own. */
export function present(
  ctx: Pick<Ctx, 'pii' | 'actor'>,
  c: CorrectionRow,
  member: { name: string; orgPath: string; userId: number | null },
): CorrectionView {
  const { pii } = ctx;
  const memberName = member.name;
  const personal = ENCRYPTED.has(c.field as Field);
  const value = personal ? maskPhone(requestedValue(pii, c)) : c.value;
  const was = previousValue(pii, c);
  return {
    id: String(c.id),
    memberId: String(c.memberId),
    memberName,
    field: c.field,
    previousValue: was != null && personal ? maskPhone(was) : was,
    value,
    reason: c.reason,
    status: c.status as Status,
    decisionReason: c.decisionReason,
    decidedAt: c.decidedAt?.toISOString() ?? null,
    createdAt: c.createdAt.toISOString(),
    can: correctionAbilities(ctx.actor, {
      status: c.status,
      memberOrgPath: member.orgPath,
      memberUserId: member.userId,
    }),
  };
}
