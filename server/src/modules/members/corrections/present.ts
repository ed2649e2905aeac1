import { maskPhone } from '../../../platform/pii/index.ts';
import type { corrections } from '../schema.ts';
import { ENCRYPTED, type Field, type Status, requestedValue } from './rules.ts';
import type { Ctx } from '../../../platform/context.ts';
import { correctionAbilities } from './policy.ts';

export type CorrectionView = {
  id: string;
  memberId: string;
  memberName: string;
  field: string;
  value: string;
  reason: string;
  status: Status;
  decisionReason: string | null;
  decidedAt: string | null;
  createdAt: string;
  can: ReturnType<typeof correctionAbilities>;
};

type CorrectionRow = typeof corrections.$inferSelect;

/** Presenter: a phone asked for is shown masked, like the record's own. */
export function present(
  ctx: Pick<Ctx, 'pii' | 'actor'>,
  c: CorrectionRow,
  member: { name: string; orgPath: string; userId: number | null },
): CorrectionView {
  const { pii } = ctx;
  const memberName = member.name;
  const value = ENCRYPTED.has(c.field as Field) ? maskPhone(requestedValue(pii, c)) : c.value;
  return {
    id: String(c.id),
    memberId: String(c.memberId),
    memberName,
    field: c.field,
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
