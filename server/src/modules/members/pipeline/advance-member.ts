import type { z } from 'zod';
import type { AdvanceMember, MemberDetail } from '../../../../../contracts/members/index.ts';
import { inTransaction } from '../../../db/client.ts';
import type { Ctx } from '../../../platform/context.ts';
import { advanceChanges, advanceProblems, type PipelineDates, STATUS_LABEL } from './rules.ts';
import { shanghaiToday } from '../../../platform/time.ts';
import {
  asPipelineMember,
  lockForPipeline,
  probationDecision,
  refused,
  savePipelineChange,
} from './store.ts';

/** Moves a member one step on when the rules say ready; otherwise says what is missing. */
export async function advanceMember(
  ctx: Ctx,
  id: number,
  input: z.infer<typeof AdvanceMember>,
): Promise<MemberDetail> {
  return inTransaction(ctx.db, async (tx) => {
    const { locked, orgName, orgPath } = await lockForPipeline(tx, ctx, id);
    const today = shanghaiToday(ctx.now());
    const cancellation = await probationDecision(tx, id, 'cancel_probation');
    const pm = { ...asPipelineMember(locked), cancellation };
    const problems = advanceProblems(pm, input.to, input.on, today);
    if (problems.length)
      throw refused(problems, {
        zh: `${locked.name}尚不能转为${STATUS_LABEL[input.to]}`,
        en: `Cannot advance the member to ${input.to}`,
      });
    const dates = advanceChanges(pm, input.to, input.on);
    const changes: Record<string, [unknown, unknown]> = { status: [pm.status, input.to] };
    for (const [k, v] of Object.entries(dates)) {
      const was = pm.dates[k as keyof PipelineDates];
      if (was !== v) changes[k] = [was, v];
    }
    return savePipelineChange(
      tx,
      ctx,
      { id, orgName, orgPath },
      { ...dates, status: input.to },
      changes,
      'member.advanced',
    );
  });
}
