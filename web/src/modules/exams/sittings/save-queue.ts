import type { AnswerValue } from '../../../../../contracts/exams/sittings.ts';

// Saving a sitting's answers as they are given. An exam is sat on a phone, often on a weak network:
// an answer must never be lost because one request failed. So each answer waits here until the
// server says it is committed (AnswerSaved); a failed send is retried with growing pauses, the
// answers not yet saved are kept in localStorage under the attempt (a reload or a crash sends them
// again), and only the newest answer of a question is sent: an older one still on its way does not
// overwrite it.

/** What the page says under a question: 已保存 / 保存中 / 未保存（重试）, or refused with the reason. */
export type SaveState = 'saved' | 'saving' | 'unsaved' | 'refused';

/**
 * What a failed send means: `retry` (network, server busy: try again later), `closed` (the attempt
 * takes no more answers: 409 attempt_closed), `refused` (this answer will never be taken: 400).
 */
export type Failure = { kind: 'retry' | 'closed' | 'refused'; message?: string };

type Store = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export type SaveQueueDeps = {
  /** localStorage key of this attempt's unsaved answers. */
  key: string;
  send: (slot: number, answer: AnswerValue) => Promise<unknown>;
  classify: (e: unknown) => Failure;
  storage?: Store | null;
  onClosed?: () => void;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
};

/** The pause before the n-th retry in a row: 1 s, 2 s, 4 s … at most 30 s. */
export const backoffMs = (failures: number) => Math.min(30_000, 1000 * 2 ** Math.max(0, failures - 1));

export const storageKey = (attemptId: string) => `hy-exam-attempt-${attemptId}`;

/** Reads the unsaved answers kept for an attempt (nothing when storage is unavailable or garbled). */
export function readKept(storage: Store | null | undefined, key: string): Record<number, AnswerValue> {
  try {
    const raw = storage?.getItem(key);
    if (!raw) return {};
    const data = JSON.parse(raw) as unknown;
    if (!data || typeof data !== 'object' || Array.isArray(data)) return {};
    const out: Record<number, AnswerValue> = {};
    for (const [k, v] of Object.entries(data)) {
      const slot = Number(k);
      if (Number.isInteger(slot) && slot >= 0 && v && typeof v === 'object') out[slot] = v as AnswerValue;
    }
    return out;
  } catch {
    return {};
  }
}

export class SaveQueue {
  private readonly deps: SaveQueueDeps;
  private readonly pending = new Map<number, { answer: AnswerValue; version: number }>();
  private readonly inFlight = new Set<number>();
  private readonly states = new Map<number, SaveState>();
  private readonly reasons = new Map<number, string>();
  private readonly listeners = new Set<() => void>();
  private waiters: ((failed: boolean) => boolean)[] = [];
  private failures = 0;
  private timer: unknown = null;
  private versionNo = 0;
  /** The server takes no more answers (409). */
  private closed = false;
  /** The page is gone: answers are still kept on the phone, not sent. */
  private stopped = false;
  /** Bumped on every change: the snapshot React's useSyncExternalStore compares. */
  revision = 0;

  constructor(deps: SaveQueueDeps) {
    this.deps = deps;
  }

  /** Takes back the answers kept from an earlier visit, sends them, and returns them for display. */
  restore(): Record<number, AnswerValue> {
    this.stopped = false;
    const kept = readKept(this.deps.storage, this.deps.key);
    for (const [slot, answer] of Object.entries(kept)) this.queue(Number(slot), answer);
    this.pump();
    return kept;
  }

  /** A new answer to a question: kept at once, sent as soon as nothing older of it is on its way. */
  put(slot: number, answer: AnswerValue): void {
    if (this.closed) return;
    this.queue(slot, answer);
    this.pump();
  }

  stateOf(slot: number): SaveState | undefined {
    return this.states.get(slot);
  }

  reasonOf(slot: number): string | undefined {
    return this.reasons.get(slot);
  }

  /** Questions whose newest answer the server does not have yet. */
  unsaved(): number[] {
    return [...new Set([...this.pending.keys(), ...this.inFlight])].sort((a, b) => a - b);
  }

  /** Tries again now (the network is back, or the member tapped 重试): no more waiting. */
  retryNow(): void {
    this.cancelTimer();
    this.failures = 0;
    this.pump();
  }

  /**
   * Sends everything now and says whether all of it is saved (before 交卷): false as soon as a
   * round of sending fails or the attempt is closed.
   */
  flush(): Promise<boolean> {
    this.retryNow();
    return new Promise((resolve) => {
      const check = (failed: boolean) => {
        if (this.closed || this.stopped) resolve(false);
        else if (this.pending.size === 0 && this.inFlight.size === 0) resolve(true);
        else if (failed && this.inFlight.size === 0) resolve(false);
        else return false;
        return true;
      };
      if (!check(this.timer !== null)) this.waiters.push(check);
    });
  }

  /** No more sending (the page is left): what is not saved stays kept for the next visit. */
  stop(): void {
    this.stopped = true;
    this.cancelTimer();
    this.settle();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): number => this.revision;

  private queue(slot: number, answer: AnswerValue) {
    this.pending.set(slot, { answer, version: ++this.versionNo });
    this.reasons.delete(slot);
    this.states.set(slot, this.inFlight.has(slot) ? 'saving' : 'unsaved');
    this.persist();
    this.changed();
  }

  private pump() {
    if (this.closed || this.stopped || this.timer !== null) return;
    for (const slot of this.pending.keys()) if (!this.inFlight.has(slot)) void this.sendOne(slot);
  }

  private async sendOne(slot: number) {
    const item = this.pending.get(slot);
    if (!item) return;
    this.inFlight.add(slot);
    this.states.set(slot, 'saving');
    this.changed();
    try {
      await this.deps.send(slot, item.answer);
      this.failures = 0;
      if (this.pending.get(slot)?.version === item.version) {
        this.pending.delete(slot);
        this.states.set(slot, 'saved');
        this.persist();
      }
    } catch (e) {
      const failure = this.deps.classify(e);
      if (failure.kind === 'closed') {
        this.closed = true;
        this.cancelTimer();
        this.deps.onClosed?.();
      } else if (failure.kind === 'refused') {
        // the server will never take this answer: say why, and do not send it again
        if (this.pending.get(slot)?.version === item.version) {
          this.pending.delete(slot);
          this.states.set(slot, 'refused');
          if (failure.message) this.reasons.set(slot, failure.message);
          this.persist();
        }
      } else {
        this.states.set(slot, 'unsaved');
        // one failed round (however many requests it held) lengthens the pause once
        if (this.timer === null) {
          this.failures += 1;
          this.scheduleRetry();
        }
      }
    } finally {
      this.inFlight.delete(slot);
      if (this.pending.has(slot) && this.states.get(slot) === 'saving') this.states.set(slot, 'unsaved');
      this.changed();
      this.settle();
      // a newer answer given while this one was on its way goes now
      this.pump();
    }
  }

  private scheduleRetry() {
    if (this.timer !== null || this.closed) return;
    const setTimer = this.deps.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.timer = setTimer(() => {
      this.timer = null;
      this.pump();
    }, backoffMs(this.failures));
  }

  private cancelTimer() {
    if (this.timer === null) return;
    (this.deps.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>)))(this.timer);
    this.timer = null;
  }

  private settle() {
    const failed = this.timer !== null;
    this.waiters = this.waiters.filter((w) => !w(failed));
  }

  private persist() {
    const store = this.deps.storage;
    if (!store) return;
    try {
      if (this.pending.size === 0) store.removeItem(this.deps.key);
      else
        store.setItem(
          this.deps.key,
          JSON.stringify(Object.fromEntries([...this.pending].map(([slot, p]) => [slot, p.answer]))),
        );
    } catch {
      // storage full or forbidden (private mode): the answers are still held in memory
    }
  }

  private changed() {
    this.revision += 1;
    for (const l of this.listeners) l();
  }
}
