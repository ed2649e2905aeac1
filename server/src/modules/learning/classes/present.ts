import type { OnlineClass } from '../../../../../contracts/learning/classes.ts';
import { type Actor, can } from '../../../platform/access/index.ts';
import type { ClassRow, PlanRow } from './store.ts';

/** What leaves the server of a class: its plan by title, its figures, what the caller may do. */
export function presentClass(
  actor: Actor | null,
  c: ClassRow,
  names: { orgName: string; cohortOrgName: string | null },
  plan: PlanRow[],
  finishedCount: number,
): OnlineClass {
  const manage = !!actor && can(actor, 'class.manage', c.orgPath);
  return {
    id: String(c.id),
    orgId: String(c.orgId),
    orgName: names.orgName,
    name: c.name,
    description: c.description,
    cohortKind: c.cohortKind as OnlineClass['cohortKind'],
    cohortOrgId: c.cohortOrgId == null ? null : String(c.cohortOrgId),
    cohortOrgName: names.cohortOrgName,
    memberCount: c.memberCount,
    finishedCount,
    courses: plan
      .filter((p) => p.classId === c.id)
      .map((p) => ({ id: String(p.id), title: p.title, kind: p.kind })),
    startsOn: c.startsOn,
    deadline: c.deadline,
    lastRemindedAt: c.lastRemindedAt?.toISOString() ?? null,
    can: { edit: manage, remind: manage },
  };
}
