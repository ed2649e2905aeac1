import { PgBoss } from 'pg-boss';
import type { JobContext, JobDef } from '../module.ts';

export type Jobs = { boss: PgBoss; stop: () => Promise<void> };

/** pg-boss keeps jobs and schedules in PostgreSQL, so any number of app processes share them. */
export async function startJobs(connectionString: string, jobs: JobDef[], ctx: JobContext): Promise<Jobs> {
  const boss = new PgBoss({ connectionString, schema: 'pgboss', max: 4 });
  boss.on('error', (err) => ctx.log('job system error', { err: String(err) }));
  await boss.start();
  for (const job of jobs) {
    await boss.createQueue(job.name);
    await boss.schedule(job.name, job.cron, null, { tz: 'Asia/Shanghai' });
    await boss.work(job.name, async () => {
      const result = await job.run(ctx);
      ctx.log(`job ${job.name} done`, { result });
      return result;
    });
  }
  return { boss, stop: () => boss.stop({ graceful: true, timeout: 10_000 }) };
}
