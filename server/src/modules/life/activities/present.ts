import type {
  Activity,
  ActivityFile,
  ActivityKind,
  ActivityStatus,
  ActivitySummary,
  Attendance,
  Attendee,
  LeaveState,
  MyActivity,
  SignInMethod,
} from '../../../../../contracts/life/activities.ts';
import type { Actor } from '../../../platform/access/index.ts';
import { activityAbilities } from './policy.ts';
import { attendance, leaveRefusal } from './rules.ts';
import type { ActivityRow, AttendeeRow, FileRow } from './store.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Figures as SQL counted them (store.ts ATTENDANCE_SQL). */
export function presentAttendance(c: {
  expected: number;
  present: number;
  leave: number;
  due: number;
}): Attendance {
  return {
    expected: c.expected,
    present: c.present,
    leave: c.leave,
    absent: c.due - c.present,
    rate: c.due ? c.present / c.due : null,
  };
}

export function presentSummary(
  a: Pick<
    ActivityRow,
    'id' | 'orgId' | 'kind' | 'topic' | 'place' | 'startsAt' | 'endsAt' | 'status' | 'signInOpen'
  >,
  orgName: string,
  figures: Attendance,
): ActivitySummary {
  return {
    id: String(a.id),
    orgId: String(a.orgId),
    orgName,
    kind: a.kind as ActivityKind,
    topic: a.topic,
    place: a.place,
    startsAt: a.startsAt.toISOString(),
    endsAt: a.endsAt.toISOString(),
    status: a.status as ActivityStatus,
    signInOpen: a.signInOpen,
    attendance: figures,
  };
}

export function presentAttendee(r: AttendeeRow, names: Map<number, string>): Attendee {
  return {
    memberId: String(r.memberId),
    name: r.name,
    expected: r.expected,
    signedInAt: iso(r.signedInAt),
    method: r.method as SignInMethod | null,
    leave: r.leave as LeaveState | null,
    leaveReason: r.leaveReason,
    leaveNote: r.leaveNote,
    leaveDecidedBy: r.leaveDecidedBy ? (names.get(r.leaveDecidedBy) ?? null) : null,
  };
}

export function presentFile(f: FileRow): ActivityFile {
  return {
    id: String(f.id),
    kind: f.kind as ActivityFile['kind'],
    name: f.name,
    size: f.size,
    contentType: f.contentType,
    createdAt: f.createdAt.toISOString(),
  };
}

/** One activity as its page shows it: never its secret (the QR codes' key). */
export function presentActivity(
  a: ActivityRow,
  p: {
    orgName: string;
    attendees: AttendeeRow[];
    files: FileRow[];
    /** Display names of the accounts named (planned by, leave decided by). */
    names: Map<number, string>;
    actor: Actor | null;
    now: Date;
  },
): Activity {
  const figures = attendance(
    p.attendees.map((r) => ({ expected: r.expected, signedIn: !!r.signedInAt, leave: r.leave })),
  );
  return {
    ...presentSummary(a, p.orgName, figures),
    host: a.host,
    recorder: a.recorder,
    minutes: a.minutes,
    cancelReason: a.cancelReason,
    plannedBy: a.plannedBy ? (p.names.get(a.plannedBy) ?? null) : null,
    attendees: p.attendees.map((r) => presentAttendee(r, p.names)),
    files: p.files.map(presentFile),
    can: activityAbilities(p.actor, a, p.now),
  };
}

export function presentMine(
  a: Pick<ActivityRow, 'id' | 'kind' | 'topic' | 'place' | 'startsAt' | 'endsAt' | 'status'>,
  orgName: string,
  me: { signedInAt: Date | null; leave: string | null; leaveReason: string | null },
  now: Date,
): MyActivity {
  return {
    id: String(a.id),
    orgName,
    kind: a.kind as ActivityKind,
    topic: a.topic,
    place: a.place,
    startsAt: a.startsAt.toISOString(),
    endsAt: a.endsAt.toISOString(),
    status: a.status as ActivityStatus,
    signedInAt: iso(me.signedInAt),
    leave: me.leave as LeaveState | null,
    leaveReason: me.leaveReason,
    can: { askLeave: leaveRefusal(a, { signedIn: !!me.signedInAt, leave: me.leave }, now) === null },
  };
}
