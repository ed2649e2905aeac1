import type { PipelineFile } from '../../../../../contracts/members/index.ts';
import type { Ctx } from '../../../platform/context.ts';
import { shanghaiToday } from '../../../platform/time.ts';
import type { MemberRow } from '../schema.ts';
import { pipelineOf } from '../record/present.ts';
import { pipelineAbilities } from './policy.ts';
import { nextStep, type PipelineMember, probationEndOf } from './rules.ts';
import { asPipelineMember } from './store.ts';

/** What the file's presenter needs besides the record: decisions, names, a transfer in. */
export type FileFacts = {
  extensionReason: string | null;
  cancellation: { resolutionOn: string; approvedOn: string | null; reason: string } | null;
  names: Map<number, string>;
  transferredInOn: string | null;
};

/** One person's recruitment file: the dates, the people, the probation, the step and its alerts. */
export function presentFile(
  ctx: Pick<Ctx, 'actor' | 'lang' | 'now'>,
  row: MemberRow,
  orgPath: string,
  facts: FileFacts,
): PipelineFile {
  const m: PipelineMember = {
    ...asPipelineMember(row),
    cancellation: facts.cancellation,
    transferredInOn: facts.transferredInOn,
  };
  const step = nextStep(m, shanghaiToday(ctx.now()));
  const say = (t: { zh: string; en: string }) => t[ctx.lang];
  const person = (id: number) => ({ id: String(id), name: facts.names.get(id) ?? String(id) });
  return {
    memberId: String(row.id),
    name: row.name,
    status: m.status,
    joinedOn: row.joinedOn,
    fullOn: row.fullOn,
    dates: pipelineOf(row),
    trainingHours: row.trainingHours,
    cultivationContacts: m.contacts.map(person),
    sponsors: m.sponsors.map(person),
    probation: {
      endsOn: row.fullOn ?? probationEndOf(m),
      extension: m.extension ? { ...m.extension, reason: facts.extensionReason } : null,
      cancellation: facts.cancellation,
    },
    step: {
      next: step.next,
      missing: step.missing.map((g) => ({ item: g.item, message: say(g.text) })),
      earliestOn: step.earliestOn,
      ready: step.ready,
      deadline: step.deadlines[0] ? { item: step.deadlines[0].item, dueOn: step.deadlines[0].dueOn } : null,
      overdue: step.overdue.map((o) => ({ item: o.item, dueOn: o.dueOn, message: say(o.text) })),
      alerts: step.alerts.map((a) => ({ kind: a.kind, on: a.on })),
    },
    can: pipelineAbilities(
      ctx.actor,
      { ...m, partyStanding: row.partyStanding, left: !!row.leftAt },
      orgPath,
    ),
  };
}
