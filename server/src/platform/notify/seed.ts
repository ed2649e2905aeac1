import { sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.ts';
import type { Ctx } from '../context.ts';
import { noJobs } from '../jobs/index.ts';
import type { SeedContext } from '../module.ts';
import type { NoticePeople } from './people.ts';
import { SECRETARY_POSITIONS } from './rules.ts';
import { sendNotice } from './send-notice.ts';
import { DIRECT_KIND } from './send-direct.ts';

/**
 * Demo notices, in the demo towns only (fast at city scale): the first town asks its branch
 * secretaries for the year's statistics (most have read it), and the demo member's village branch
 * calls its general meeting (a few have read it; the demo member has not, so the member app opens
 * with an unread badge). Sent through sendNotice, as any module sends.
 */
export function seedNotices(people: NoticePeople) {
  return async (seed: SeedContext) => {
    const { db, demo } = seed;
    if (!demo.town1 || !demo.villageBranch) return;
    const now = new Date();
    const ctx = seedCtx(db, seed, now);
    const pathOf = async (id: number) =>
      (await db.execute<{ path: string }>(sql`select path from orgs where id = ${id}`)).rows[0].path;

    const town = await sendNotice(db, ctx, {
      kind: DIRECT_KIND,
      orgId: demo.town1,
      title: '关于报送本年度党内统计数据的通知',
      body: '请各党支部书记于本月25日前核对本支部党员信息，并通过平台报送党内统计数据。',
      source: { type: 'direct', id: 'demo-town1-statistics' },
      recipients: await people.inOrg(db, await pathOf(demo.town1), { positions: SECRETARY_POSITIONS }),
    });
    const branch = await sendNotice(db, ctx, {
      kind: DIRECT_KIND,
      orgId: demo.villageBranch,
      title: '关于召开支部党员大会的通知',
      body: '定于本周五下午3点在村委会会议室召开支部党员大会，学习传达上级会议精神，请全体党员准时参加。',
      source: { type: 'direct', id: 'demo-village-general-meeting' },
      recipients: await people.inOrg(db, await pathOf(demo.villageBranch)),
    });
    // who has read them: most secretaries, a few of the branch, never the demo member (unread badge)
    await db.execute(sql`
      update notice_receipts r
         set read_at = ${now}::timestamptz - (r.member_id % 47) * interval '1 hour'
       where (r.notice_id = ${town.noticeId} and r.member_id % 10 < 7)
          or (r.notice_id = ${branch.noticeId} and r.member_id % 10 < 3
              and r.user_id is distinct from (select id from users where username = 'member'))`);
    seed.log(`演示通知 2 条，回执 ${town.total + branch.total} 条`);
  };
}

/** The seed's context: no actor (sent_by stays empty), the wall clock. */
function seedCtx(db: Queryable, seed: SeedContext, now: Date): Ctx {
  return {
    db: db as Ctx['db'],
    actor: null,
    ip: null,
    userAgent: null,
    lang: 'zh',
    now: () => now,
    pii: seed.pii,
    // a send reads no configuration; a seed has none to give
    config: {} as Ctx['config'],
    jobs: noJobs,
  };
}
