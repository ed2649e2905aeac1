import type {
  OfflineEvent,
  OfflineStudy,
  OfflineStudySummary,
} from '../../../../../contracts/learning/offline.ts';
import type { Actor } from '../../../platform/access/index.ts';
import { classHoursOf } from '../requirements/rules.ts';
import type { offlineStudyEvents, offlineStudyPhotos } from '../schema.ts';
import { offlineAbilities } from './policy.ts';
import type { StudyListRow } from './store.ts';

/**
 * What leaves the server: names rather than account ids, never a photo's file key (photos are
 * fetched through their route), and what the caller may do with the session.
 */
export function presentSummary(
  actor: Actor | null,
  x: StudyListRow,
  classHourMinutes: number,
): OfflineStudySummary {
  const s = x.s;
  return {
    id: String(s.id),
    orgId: String(s.orgId),
    orgName: x.orgName,
    topic: s.topic,
    studiedOn: s.studiedOn,
    minutes: s.minutes,
    classHours: classHoursOf(s.minutes * 60, { classHourMinutes }),
    place: s.place,
    attendeeCount: x.attendeeCount,
    state: s.state as OfflineStudySummary['state'],
    approverOrg:
      s.approverOrgId != null && x.approverOrgName != null
        ? { id: String(s.approverOrgId), name: x.approverOrgName }
        : null,
    submissions: s.submissions,
    submittedAt: s.submittedAt?.toISOString() ?? null,
    decidedAt: s.decidedAt?.toISOString() ?? null,
    decidedBy: x.decidedByName,
    returnReason: s.returnReason,
    can: offlineAbilities(actor, {
      orgPath: s.orgPath,
      state: s.state as OfflineStudySummary['state'],
      submittedBy: s.submittedBy,
    }),
  };
}

export function presentStudy(
  actor: Actor | null,
  x: StudyListRow,
  classHourMinutes: number,
  more: {
    recordedBy: string | null;
    attendees: { memberId: number; name: string }[];
    photos: (typeof offlineStudyPhotos.$inferSelect)[];
    events: (typeof offlineStudyEvents.$inferSelect)[];
  },
): OfflineStudy {
  return {
    ...presentSummary(actor, x, classHourMinutes),
    summary: x.s.summary,
    recordedBy: more.recordedBy,
    attendees: more.attendees.map((a) => ({ memberId: String(a.memberId), name: a.name })),
    photos: more.photos.map((p) => ({ id: String(p.id), width: p.width, height: p.height })),
    history: more.events.map(
      (e): OfflineEvent => ({
        action: e.action as OfflineEvent['action'],
        reason: e.reason,
        by: e.actorName,
        at: e.at.toISOString(),
      }),
    ),
  };
}
