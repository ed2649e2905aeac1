import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import type { JobDef } from '../../../platform/module.ts';
import { GRACE_MS } from './store.ts';
import { submitAttempt } from './submit.ts';

/**
 * The attempts whose time and grace are up and nobody submitted (the process holding their timer
 * stopped, or a timer was never set), submitted by the clock, oldest first, `limit` at a time.
 */
export async function submitOverdue(db: Db, now: Date, limit = 1_000): Promise<number> {
  const { rows } = await db.execute<{ id: number }>(sql`
    select id from exam_attempts
     where status = 'open' and due_at < ${new Date(now.getTime() - GRACE_MS)}
     order by due_at limit ${limit}`);
  let n = 0;
  for (const r of rows) if (await submitAttempt(db, Number(r.id), 'clock', now)) n++;
  return n;
}

/** Each minute: nobody keeps an exam open by leaving it (sittings/submit.ts times the rest). */
export const autoSubmitJob: JobDef = {
  name: 'exams-auto-submit',
  cron: '* * * * *',
  run: async (ctx) => {
    const n = await submitOverdue(ctx.db, ctx.now());
    if (n) ctx.log('exams: overdue attempts submitted by the clock', { submitted: n });
    return { submitted: n };
  },
};
