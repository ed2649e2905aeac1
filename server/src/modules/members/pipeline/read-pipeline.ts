import type { PipelineFile } from '../../../../../contracts/members/index.ts';
import type { Queryable } from '../../../db/client.ts';
import { authorize } from '../../../platform/access/index.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import type { MemberRow } from '../schema.ts';
import { loadMember } from '../record/store.ts';
import { namesOf } from './people.ts';
import { presentFile } from './present.ts';
import { probationDecision, probationFacts } from './store.ts';

/** One person's recruitment file, for those who may see their record (read only once they left). */
export async function readPipeline(ctx: Ctx, id: number): Promise<PipelineFile> {
  const { m, orgPath } = await loadMember(ctx.db, id, { leftParty: true });
  authorize(actorOf(ctx), 'member.view', orgPath);
  return fileOf(ctx.db, ctx, m, orgPath);
}

/** The file of a row just read or written (inside the writer's transaction when it is one). */
export async function fileOf(db: Queryable, ctx: Ctx, row: MemberRow, orgPath: string) {
  // one after the other: inside a transaction they share one connection
  const extension = await probationDecision(db, row.id, 'extend_probation');
  const cancellation = await probationDecision(db, row.id, 'cancel_probation');
  const names = await namesOf(db, [...row.cultivationContactIds, ...row.sponsorIds].map(Number));
  const facts = await probationFacts(db, [row.id]);
  return presentFile(ctx, row, orgPath, {
    extensionReason: extension?.reason ?? null,
    cancellation: cancellation
      ? {
          resolutionOn: cancellation.resolutionOn,
          approvedOn: cancellation.approvedOn,
          reason: cancellation.reason,
        }
      : null,
    names,
    transferredInOn: facts.get(row.id)?.transferredInOn ?? null,
  });
}
