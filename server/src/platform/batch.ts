/**
 * Group commit for the platform's busiest writes (a city's study heartbeats, a district's exam
 * answers): items arriving together are written together — one statement, one commit — and each
 * is answered only once that commit is done, so what is acknowledged is durable. Without it each
 * item is a commit of its own, and the commits (the disk's flushes), not the work, bound the
 * platform.
 *
 * A batch holds one item per key (a member, an answer's slot), and an item waits while another of
 * its key is being written: batches written at once never touch the same rows (no deadlock, no row
 * updated twice in one statement), and a key's items are written in the order they came.
 */
export class GroupCommit<T, K> {
  private queue: Pending<T>[] = [];
  private readonly writing = new Set<K>();
  private running = 0;
  private scheduled = false;
  private readonly keyOf: (item: T) => K;
  private readonly writeBatch: (items: T[]) => Promise<Set<K>>;
  private readonly concurrent: number;
  private readonly max: number;

  /**
   * `write` writes a batch in one transaction and says which of its items' keys were written (an
   * item whose write's condition failed answers false). At most `concurrent` batches at once (each
   * holds a connection of the pool), at most `max` items in one.
   */
  constructor(keyOf: (item: T) => K, writeBatch: (items: T[]) => Promise<Set<K>>, concurrent = 2, max = 256) {
    this.keyOf = keyOf;
    this.writeBatch = writeBatch;
    this.concurrent = concurrent;
    this.max = max;
  }

  write(item: T): Promise<boolean> {
    return new Promise((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.schedule();
    });
  }

  /** The next batch once this turn of the event loop has queued what it will (requests parsed together). */
  private schedule() {
    if (this.scheduled || this.running >= this.concurrent || !this.queue.length) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.flush();
    });
  }

  private flush() {
    if (this.running >= this.concurrent) return;
    const batch: Pending<T>[] = [];
    const rest: Pending<T>[] = [];
    const keys = new Set<K>();
    for (const p of this.queue) {
      const key = this.keyOf(p.item);
      if (batch.length < this.max && !keys.has(key) && !this.writing.has(key)) {
        keys.add(key);
        batch.push(p);
      } else rest.push(p);
    }
    this.queue = rest;
    const taken = keys;
    if (!batch.length) return;
    for (const key of taken) this.writing.add(key);
    this.running++;
    this.writeBatch(batch.map((p) => p.item))
      .then(
        (written) => {
          for (const p of batch) p.resolve(written.has(this.keyOf(p.item)));
        },
        // one bad item must not fail the others: each alone, so only its own request fails
        () =>
          Promise.all(
            batch.map((p) =>
              this.writeBatch([p.item]).then(
                (written) => p.resolve(written.has(this.keyOf(p.item))),
                p.reject,
              ),
            ),
          ),
      )
      .finally(() => {
        for (const key of taken) this.writing.delete(key);
        this.running--;
        this.schedule();
      });
    this.schedule();
  }
}

type Pending<T> = { item: T; resolve: (written: boolean) => void; reject: (err: unknown) => void };
