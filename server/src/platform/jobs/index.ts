import { PgBoss } from 'pg-boss';
import type { JobContext, JobDef, WorkerDef } from '../module.ts';

/** What services use to hand long work to a job (imports, bulletins, big exports). */
export type JobQueue = { send: (name: string, data: object) => Promise<string> };

export type Jobs = JobQueue & { boss: PgBoss; stop: () => Promise<void> };

/**
 * pg-boss keeps jobs and schedules in PostgreSQL, so any number of app processes share them.
 * Every process can send; only processes with `work` on run schedules and workers.
 */
export async function startJobs(
  connectionString: string,
  defs: { schedules: JobDef[]; workers: WorkerDef[]; work: boolean },
  ctx: JobContext,
): Promise<Jobs> {
  const boss = new PgBoss({ connectionString, schema: 'pgboss', max: 4 });
  boss.on('error', (err) => ctx.log('job system error', { err: String(err) }));
  await boss.start();
  for (const w of defs.workers) await boss.createQueue(w.name);
  for (const job of defs.schedules) await boss.createQueue(job.name);
  if (defs.work) {
    for (const job of defs.schedules) {
      await boss.schedule(job.name, job.cron, null, { tz: 'Asia/Shanghai' });
      await boss.work(job.name, async () => {
        const result = await job.run(ctx);
        ctx.log(`job ${job.name} done`, { result });
        return result;
      });
    }
    for (const w of defs.workers) {
      await boss.work(w.name, async ([job]) => w.run(ctx, job.data as object));
    }
  }
  return {
    boss,
    send: async (name, data) => {
      const id = await boss.send(name, data);
      if (!id) throw new Error(`job ${name} was not queued`);
      return id;
    },
    stop: () => boss.stop({ graceful: true, timeout: 10_000 }),
  };
}

/** For a process that must not queue work (a read-only tool): sending is an error, said plainly. */
export const noJobs: JobQueue = {
  send: async (name) => {
    throw new Error(`no job queue in this process: cannot run ${name}`);
  },
};
