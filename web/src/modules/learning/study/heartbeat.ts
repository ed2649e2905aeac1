import type { Heartbeat, HeartbeatResult, StudyReason } from '../../../../../contracts/learning/study.ts';

// The player's and reader's side of 学时 (the server decides the credit: server/src/modules/
// learning/study/rules.ts). No React here, so the rules of when to beat and what a beat says are
// tested on their own (heartbeat.test.ts); useStudyHeartbeat.ts ties them to the page.

export type StudyState = 'active' | 'paused' | 'taken-over' | 'refused';

/** What the page shows: the state, today's seconds for the course, and why the last beat earned less. */
export type Snapshot = { state: StudyState; credited: number; reason: StudyReason | null };

/** What the page is doing now. */
export type Attention = { visible: boolean; focused: boolean; playing: boolean };

/** The device's id and beat numbers, kept in localStorage so that the numbers keep rising across page loads. */
export type DeviceStore = { getItem(k: string): string | null; setItem(k: string, v: string): void };

const DEVICE_KEY = 'hy.study.device';

export function deviceOf(store: DeviceStore, random: () => string): { id: string; nextSeq: () => number } {
  let kept: { id: string; seq: number } | null = null;
  try {
    kept = JSON.parse(store.getItem(DEVICE_KEY) ?? 'null');
  } catch {
    kept = null;
  }
  if (
    !kept ||
    typeof kept.id !== 'string' ||
    !/^[A-Za-z0-9_-]{8,64}$/.test(kept.id) ||
    !Number.isSafeInteger(kept.seq)
  )
    kept = { id: random(), seq: 0 };
  const device = kept;
  const save = () => {
    try {
      store.setItem(DEVICE_KEY, JSON.stringify(device));
    } catch {
      // a private window refuses storage: the numbers still rise within this page
    }
  };
  save();
  return {
    id: device.id,
    nextSeq: () => {
      // another tab of this browser may have numbered beats since: continue after the highest
      try {
        const now = JSON.parse(store.getItem(DEVICE_KEY) ?? 'null');
        if (now?.id === device.id && Number.isSafeInteger(now.seq) && now.seq > device.seq)
          device.seq = now.seq;
      } catch {
        // keep our own count
      }
      device.seq += 1;
      save();
      return device.seq;
    },
  };
}

/**
 * When to beat and what each beat says. A beat describes the time since the previous one: the
 * page visible, focused and (for video and audio) playing throughout — any moment otherwise and
 * the flag is false for that period, and the server credits nothing for it. So the page beats
 * every 15 seconds while the member attends, and at once when attention starts or stops (closing
 * the period that ends there); while nothing is attended it stays quiet. The first beat of the
 * page is a start: it starts the server's clock. A device another one took over stops until the
 * member chooses to continue here (a start again).
 */
export class HeartbeatTracker {
  private state: StudyState = 'paused';
  private credited = 0;
  /** Why the last beat earned less than its time (a cap reached, an article warming up), or null. */
  private reason: StudyReason | null = null;
  private started = false;
  private stopped = false;
  /** What the current period has seen (since the last beat). */
  private seen = { hidden: false, blurred: false, paused: false };
  private attention: Attention;
  private inFlight: Promise<void> = Promise.resolve();
  private readonly courseId: string;
  private readonly media: boolean;
  private readonly device: { id: string; nextSeq: () => number };
  private readonly send: (beat: Heartbeat) => Promise<HeartbeatResult>;
  private readonly onChange: (s: Snapshot) => void;

  constructor(
    courseId: string,
    media: boolean,
    device: { id: string; nextSeq: () => number },
    send: (beat: Heartbeat) => Promise<HeartbeatResult>,
    attention: Attention,
    onChange: (s: Snapshot) => void = () => {},
  ) {
    this.courseId = courseId;
    this.media = media;
    this.device = device;
    this.send = send;
    this.onChange = onChange;
    this.attention = attention;
    this.markSeen(attention);
  }

  /** Attending now: visible, in front, and playing (for video and audio). */
  attending(a: Attention = this.attention): boolean {
    return a.visible && a.focused && (!this.media || a.playing);
  }

  snapshot(): Snapshot {
    return { state: this.state, credited: this.credited, reason: this.reason };
  }

  /** The page opened (or the member chose to continue on this device): the clock starts. */
  start(): Promise<void> {
    this.stopped = false;
    this.started = true;
    this.setState(this.attending() ? 'active' : 'paused');
    const p = this.beat(true);
    this.markSeen(this.attention);
    return p;
  }

  /** The page changed (visibility, focus, play or pause): a period ends when attention starts or stops. */
  change(a: Attention): Promise<void> {
    const was = this.attending();
    const now = this.attending(a);
    if (!this.started || this.stopped || was === now) {
      this.attention = a;
      this.markSeen(a);
      return this.inFlight;
    }
    // the period that ends here is described as it was; the next one starts from the page as it is
    const p = this.beat(false);
    this.attention = a;
    this.markSeen(a);
    this.setState(now ? 'active' : 'paused');
    return p;
  }

  /** The 15-second tick: a beat while the member attends, nothing otherwise. */
  tick(): Promise<void> {
    if (!this.started || this.stopped || !this.attending()) return this.inFlight;
    const p = this.beat(false);
    this.markSeen(this.attention);
    return p;
  }

  /** The page closes: the period up to now is described and sent. */
  stop(): Promise<void> {
    if (!this.started || this.stopped) return this.inFlight;
    const p = this.attending() ? this.beat(false) : this.inFlight;
    this.stopped = true;
    return p;
  }

  private markSeen(a: Attention) {
    if (!a.visible) this.seen.hidden = true;
    if (!a.focused) this.seen.blurred = true;
    if (this.media && !a.playing) this.seen.paused = true;
  }

  private beat(start: boolean): Promise<void> {
    this.markSeen(this.attention);
    const beat: Heartbeat = {
      courseId: this.courseId,
      deviceId: this.device.id,
      seq: this.device.nextSeq(),
      start,
      visible: !this.seen.hidden,
      focused: !this.seen.blurred,
      ...(this.media ? { playing: !this.seen.paused } : {}),
      sentAt: new Date().toISOString(),
    };
    // the next period starts from the page as it is then (the caller's attention)
    this.seen = { hidden: false, blurred: false, paused: false };
    // one at a time, in order: the server takes an older number after a newer one as out of order
    this.inFlight = this.inFlight.then(() => this.deliver(beat));
    return this.inFlight;
  }

  private async deliver(beat: Heartbeat) {
    try {
      const r = await this.send(beat);
      this.credited = r.courseToday;
      this.reason = r.reason;
      if (r.state === 'taken-over') {
        this.stopped = true;
        this.setState('taken-over');
      } else if (!this.stopped) this.setState(this.attending() ? 'active' : 'paused');
      else this.onChange(this.snapshot());
    } catch (e) {
      // refused (the course is not open to the member, no member record): stop; a network
      // failure or a busy server: the next beat tries again (the server measures from its last)
      const status = (e as { status?: number }).status ?? 0;
      if (status >= 400 && status < 500 && status !== 409 && status !== 429) {
        this.stopped = true;
        this.setState('refused');
      }
    }
  }

  private setState(s: StudyState) {
    this.state = s;
    this.onChange(this.snapshot());
  }
}
