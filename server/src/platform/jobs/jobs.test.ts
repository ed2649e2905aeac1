import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser } from '../../../test/fixtures.ts';
import { login, orgId, query, type TestEnv, testEnv } from '../../../test/harness.ts';
import type { Jobs } from './index.ts';

let env: TestEnv;
let jobs: Jobs;
beforeAll(async () => {
  env = await testEnv({}, { withJobs: true });
  jobs = env.jobs!;
});
afterAll(() => env.close());

describe('jobs', () => {
  it('schedules the session purge every 15 minutes, Shanghai time', async () => {
    const schedules = await jobs.boss.getSchedules();
    expect(schedules).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          name: 'purge-expired-sessions',
          cron: '*/15 * * * *',
          timezone: 'Asia/Shanghai',
        }),
      ]),
    );
  });

  it('a purge job run by the worker removes expired sessions', async () => {
    const u = await makeUser(env, { orgId: await orgId(env, '中共青山区清河镇委员会') });
    await login(env, u.username);
    await query(env, "update sessions set expires_at = now() - interval '1 hour' where user_id = $1", [u.id]);
    const id = await jobs.boss.send('purge-expired-sessions', {});
    for (let i = 0; i < 100; i++) {
      const job = await jobs.boss.getJobById('purge-expired-sessions', id!);
      if (job?.state === 'completed') break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(await query(env, 'select 1 from sessions where user_id = $1', [u.id])).toHaveLength(0);
  });
});
