/**
 * A few items kept in this process for a short while, for the paths too busy to read them again on
 * every request (the study heartbeat: a beat every 15 seconds per member studying). Each user of it
 * says how stale what it keeps may be and why that is safe. At most `max` items, the oldest out first.
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

  /** Keeps `value` for the cache's time, or `ttlMs` when shorter. */
  set(key: K, value: V, now = Date.now(), ttlMs = this.ttlMs) {
    this.items.delete(key);
    this.items.set(key, { value, until: now + Math.min(ttlMs, this.ttlMs) });
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
