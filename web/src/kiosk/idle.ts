/**
 * The kiosk's idle clock: after `seconds` without a touch the villager is signed out and the
 * screen goes home (the next person must not find the last one's study record open). The last
 * `warnSeconds` are counted down on the screen, so a slow reader can touch to stay. Pure: the
 * clock is passed in, so a unit test steps through time without waiting.
 */
export type IdleState = { remaining: number; warning: boolean; expired: boolean };

export class IdleClock {
  private last: number;
  private seconds: number;
  private readonly warnSeconds: number;
  constructor(seconds: number, now: number, warnSeconds = 10) {
    this.seconds = seconds;
    this.last = now;
    this.warnSeconds = warnSeconds;
  }
  /** A touch, a key or a scroll: the full time again. */
  touch(now: number) {
    this.last = now;
  }
  setSeconds(seconds: number) {
    this.seconds = seconds;
  }
  /** Whole seconds left (rounded up), whether to show the countdown, whether time is up. */
  state(now: number): IdleState {
    const remaining = Math.max(0, Math.ceil((this.last + this.seconds * 1000 - now) / 1000));
    return { remaining, warning: remaining > 0 && remaining <= this.warnSeconds, expired: remaining === 0 };
  }
}

/** The events that count as someone at the screen. */
export const ACTIVITY_EVENTS = [
  'pointerdown',
  'pointermove',
  'keydown',
  'touchstart',
  'wheel',
  'scroll',
] as const;
