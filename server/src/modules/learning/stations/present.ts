import type { Station, StationSession } from '../../../../../contracts/learning/stations.ts';
import { type Actor, can } from '../../../platform/access/index.ts';
import type { stationSessions } from '../schema.ts';
import { mayOperate } from './policy.ts';
import type { StaffRow, StationRow } from './store.ts';

const person = (s: StaffRow) => ({ userId: String(s.userId), name: s.name, username: s.username });

/** What leaves the server of a station: its staff by name, this month's minutes, what the caller may do. */
export function presentStation(
  actor: Actor | null,
  s: StationRow,
  orgName: string,
  staff: StaffRow[],
  monthMinutes: number,
): Station {
  const mine = staff.filter((x) => x.stationId === s.id);
  return {
    id: String(s.id),
    name: s.name,
    orgId: String(s.orgId),
    orgName,
    address: s.address,
    active: s.active,
    managers: mine.filter((x) => x.kind === 'manager').map(person),
    operators: mine.filter((x) => x.kind === 'operator').map(person),
    monthMinutes,
    can: {
      edit: !!actor && can(actor, 'station.manage', s.orgPath),
      operate:
        s.active &&
        mayOperate(
          actor,
          s,
          mine.map((x) => x.userId),
        ),
    },
  };
}

type SessionRow = typeof stationSessions.$inferSelect;

/** A session as lists and its drawer show it: never the photo's file key (it has its own route). */
export function presentSession(
  x: {
    r: SessionRow;
    stationName: string;
    orgName: string;
    recordedByName: string | null;
    withdrawnByName: string | null;
  },
  attendees: { memberId: number; name: string }[],
  can: { photo: boolean; withdraw: boolean },
): StationSession {
  return {
    id: String(x.r.id),
    stationId: String(x.r.stationId),
    stationName: x.stationName,
    orgName: x.orgName,
    courseId: x.r.courseId == null ? null : String(x.r.courseId),
    title: x.r.title,
    startedAt: x.r.startedAt.toISOString(),
    minutes: x.r.minutes,
    attendeeCount: x.r.attendeeCount,
    attendees: attendees.map((a) => ({ memberId: String(a.memberId), name: a.name })),
    hasPhoto: x.r.photoKey != null,
    recordedBy: x.recordedByName,
    createdAt: x.r.createdAt.toISOString(),
    withdrawn:
      x.r.withdrawnAt && x.r.withdrawnReason != null
        ? { at: x.r.withdrawnAt.toISOString(), by: x.withdrawnByName, reason: x.r.withdrawnReason }
        : null,
    can,
  };
}
