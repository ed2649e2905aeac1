import type { PipelineFile } from '../../../../../contracts/members/index.ts';
import { type Actor, can } from '../../../platform/access/index.ts';
import type { PipelineMember } from './rules.ts';

/**
 * What the caller may do with one recruitment file (the record's own policy, record/policy.ts,
 * grants the actions): keep it while the person is on file and in good standing; extend a
 * probation not yet extended by an approved decision; cancel a probation.
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
  };
}
