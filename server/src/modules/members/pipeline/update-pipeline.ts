import type { z } from 'zod';
import type {
  MemberDetail,
  MemberStatus,
  PipelineItem,
  PipelineUpdate,
} from '../../../../../contracts/members/index.ts';
import { inTransaction } from '../../../db/client.ts';
import type { Ctx } from '../../../platform/context.ts';
import { AppError } from '../../../platform/http/errors.ts';
import {
  checkPipelineDates,
  DECISION,
  type FileField,
  LABEL,
  nextStatus,
  type PipelineMember,
  STATUS_LABEL,
  STEP_OF,
  stepIndex,
} from './rules.ts';
import { pipelineOf, presentMember } from '../record/present.ts';
import { shanghaiToday } from '../../../platform/time.ts';
import { peopleProblems } from './people.ts';
import { type Problem, asPipelineMember, lockForPipeline, refused, savePipelineChange } from './store.ts';

type Key = PipelineItem | FileField;
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * Records the items of the recruitment file: corrections of the steps already taken, and the
 * prerequisites of the next one (dates, training hours, cultivation contacts, sponsors). The
 * decision date of the next step is recorded by the advance, so that a status and the date that
 * made it never disagree.
 */
export async function updatePipeline(
  ctx: Ctx,
  id: number,
  patch: z.infer<typeof PipelineUpdate>,
): Promise<MemberDetail> {
  const keys = (Object.keys(patch) as Key[]).filter((k) => patch[k] !== undefined);
  if (!keys.length)
    throw new AppError(400, 'invalid_input', { zh: '至少登记一项', en: 'Record at least one item' }, []);
  return inTransaction(ctx.db, async (tx) => {
    const { locked, orgName, orgPath } = await lockForPipeline(tx, ctx, id);
    const today = shanghaiToday(ctx.now());
    const status = locked.status as MemberStatus;
    const problems: Problem[] = [];
    for (const k of keys) {
      const step = STEP_OF[k];
      if (stepIndex(step) <= stepIndex(status)) continue;
      if (step === nextStatus(status) && DECISION[step] === k)
        problems.push({
          path: k,
          text: {
            zh: `“${LABEL[k]}”请通过“转入下一阶段”办理，状态随之变更`,
            en: 'recorded by advancing the member, which changes the status too',
          },
        });
      else if (step !== nextStatus(status))
        problems.push({
          path: k,
          text: {
            zh: `${locked.name}现为${STATUS_LABEL[status]}，还不到登记“${LABEL[k]}”的阶段`,
            en: `not yet: the member is ${status}`,
          },
        });
    }
    // the join date is the day of the branch general meeting: one fact, kept in one place
    const resolution = patch.admissionResolutionOn;
    if (resolution && locked.joinedOn && resolution !== locked.joinedOn)
      problems.push({
        path: 'admissionResolutionOn',
        text: {
          zh: `入党日期即支部党员大会通过之日，须与入党日期（${locked.joinedOn}）一致；入党日期有误的，请先修改党员信息`,
          en: `must equal the join date (${locked.joinedOn})`,
        },
      });
    const contacts = patch.cultivationContactIds?.map(Number);
    const sponsors = patch.sponsorIds?.map(Number);
    if (contacts) problems.push(...(await peopleProblems(tx, ctx, id, 'cultivationContactIds', contacts)));
    if (sponsors) problems.push(...(await peopleProblems(tx, ctx, id, 'sponsorIds', sponsors)));

    const before = asPipelineMember(locked);
    const dates = Object.fromEntries(
      keys.filter((k) => k in before.dates).map((k) => [k, patch[k as PipelineItem]]),
    );
    const after: PipelineMember = {
      ...before,
      dates: { ...before.dates, ...dates },
      trainingHours: patch.trainingHours !== undefined ? patch.trainingHours : before.trainingHours,
      contacts: contacts ?? before.contacts,
      sponsors: sponsors ?? before.sponsors,
    };
    for (const p of checkPipelineDates(after, today))
      if (p.about.some((a) => keys.includes(a as Key))) problems.push(p);
    if (problems.length) throw refused(problems, { zh: '发展党员材料有误', en: 'Recruitment file refused' });

    const itemOf = (m: PipelineMember, k: Key) =>
      k === 'trainingHours'
        ? m.trainingHours
        : k === 'cultivationContactIds'
          ? m.contacts
          : k === 'sponsorIds'
            ? m.sponsors
            : m.dates[k];
    const changes: Record<string, [unknown, unknown]> = {};
    for (const k of keys)
      if (!same(itemOf(before, k), itemOf(after, k))) changes[k] = [itemOf(before, k), itemOf(after, k)];
    if (!Object.keys(changes).length)
      return {
        ...presentMember(ctx, locked, { name: orgName, path: orgPath }),
        pipeline: pipelineOf(locked),
      };
    const set = Object.fromEntries(Object.keys(changes).map((k) => [k, changes[k][1]]));
    return savePipelineChange(tx, ctx, { id, orgName, orgPath }, set, changes, 'member.pipeline_updated');
  });
}
