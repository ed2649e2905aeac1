import type { PipelineFile } from '../../../../../contracts/members/index.ts';
import { type Actor, can } from '../../../platform/access/index.ts';
import { holdsAbove } from '../approval.ts';
import type { PipelineMember } from './rules.ts';

/**
 * 党章第七条；发展党员工作细则第三十二条：延长预备期或取消预备党员资格，都应当经支部大会讨论通过和上级
 * 党组织批准 — the approval is recorded by someone who keeps an org strictly above the member's
 * branch; the branch records its meeting's resolution.
 */
export const mayApproveProbation = (actor: Actor | null, branchPath: string) =>
  holdsAbove(actor, 'member.manage', branchPath);

/**
 * What the caller may do with one recruitment file (the record's own policy, record/policy.ts,
 * grants the actions): keep it while the person is on file and in good standing; extend a
 * probation not yet extended by an approved decision; cancel a probation, or withdraw a
 * cancellation not yet approved; record the committee's approval only from above the branch.
 */
export function pipelineAbilities(
  actor: Actor | null,
  m: PipelineMember & { partyStanding: string; left: boolean },
  orgPath: string,
): PipelineFile['can'] {
  const manage = !!actor && !m.left && m.partyStanding === 'normal' && can(actor, 'member.manage', orgPath);
  const probationary = m.status === 'probationary';
  return {
    manage,
    advance: manage && m.status !== 'full',
    extend: manage && probationary && !m.extension?.approvedOn && !m.cancellation,
    cancel: manage && probationary && !m.cancellation?.approvedOn,
    approve: manage && probationary && mayApproveProbation(actor, orgPath),
    withdraw: manage && probationary && !!m.cancellation && !m.cancellation.approvedOn,
  };
}
