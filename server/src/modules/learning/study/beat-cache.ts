/**
 * What a heartbeat would otherwise read again every 15 seconds per member, kept in this process
 * for a short while (study/record-heartbeat.ts): a beat was six round trips to the database, the
 * platform's busiest path (docs/SCALE.md). Each kept item says how stale it may be:
 * - which member a login is, and whether a course is open to them: a minute (a member who left, or
 *   a course withdrawn, earns at most a minute more — beats are credited by the member's own id);
 * - the member's study session as this process last wrote or read it: no staleness at all, since
 *   the write is made only if the session is still that version (another process's beat, or a
 *   concurrent one, makes it fail, and the beat is decided again from the database).
 * The department's settings are not kept: a change takes effect at the next beat.
 */
export class TtlCache<K, V> {
  private readonly items = new Map<K, { value: V; until: number }>();
  private readonly max: number;
  private readonly ttlMs: number;

  constructor(max: number, ttlMs: number) {
    this.max = max;
    this.ttlMs = ttlMs;
  }

  get(key: K, now = Date.now()): V | undefined {
    const hit = this.items.get(key);
    if (!hit) return undefined;
    if (hit.until <= now) {
      this.items.delete(key);
      return undefined;
    }
    return hit.value;
  }

  set(key: K, value: V, now = Date.now()) {
    this.items.delete(key);
    this.items.set(key, { value, until: now + this.ttlMs });
    // the oldest first out (a Map iterates in insertion order)
    while (this.items.size > this.max) this.items.delete(this.items.keys().next().value as K);
  }

  delete(key: K) {
    this.items.delete(key);
  }

  clear() {
    this.items.clear();
  }
}
