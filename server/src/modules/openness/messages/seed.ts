import { sql } from 'drizzle-orm';
import { nextIds } from '../../../db/client.ts';
import { demoModelBranches } from '../../../db/demo-model.ts';
import { demoRandom } from '../../../db/demo-random.ts';
import type { SeedContext } from '../../../platform/module.ts';
import { bind } from '../../../platform/pii/index.ts';
import { memberOfUser } from '../../members/index.ts';
import { dueAt } from './rules.ts';
import { addDays, CALENDAR_2026, endOfDay, shanghaiToday } from '../../../platform/time.ts';

/**
 * A few messages for each branch of the two demo towns (a few hundred rows whatever the scale:
 * two statements), dated in the weeks before today: some answered in time, some answered late,
 * some still waiting past their deadline, one or two just arrived. The demo member (陈小梅) has
 * left one for her branch, which its secretary answered.
 */
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯'.split('');
const BODIES = [
  '村口的路灯坏了一个多星期，晚上老人孩子出门不方便，请支部帮忙反映修一下。',
  '想咨询一下：写好的入党申请书应该交给谁？需要附什么材料？',
  '建议支部组织党员定期看望村里的孤寡老人，很多老人一个人住，需要有人照应。',
  '小区垃圾清运不及时，天热以后味道很大，希望能协调物业增加清运次数。',
  '我在外地打工，是流动党员，请问怎样参加支部的组织生活和学习？',
  '村卫生室周末能不能安排人值班？周末看病要跑到镇上。',
  '感谢支部帮我们解决了灌溉用水的问题，今年的庄稼长得很好！',
  '主干道边上的排水沟堵了，一下雨就积水，麻烦尽快疏通。',
  '希望支部多组织一些技能培训，比如电商、养殖技术，年轻人很需要。',
  '村务公开栏很久没有更新了，想了解今年的惠民资金是怎么使用的。',
];
const REPLIES = [
  '您好，感谢您的反映。我们已与村委会联系，安排在本周内处理，处理结果会在村务公开栏公布。',
  '您好，您的问题已收悉。入党申请书交所在党支部，支部会在一个月内派人与您谈话，欢迎您向党组织靠拢。',
  '您好，您的建议很好，支部已列入下月主题党日的活动安排，欢迎您继续关注。',
  '您好，已转交相关负责同志办理，我们会跟进落实情况并及时答复您。',
];

type Row = Record<string, unknown>;

export async function seedMessages(ctx: SeedContext) {
  const towns = [ctx.demo.town1, ctx.demo.town2].filter((t): t is number => typeof t === 'number');
  if (!towns.length) return;
  const { rows: branches } = await ctx.db.execute<{ id: number; name: string; path: string }>(sql`
    select b.id, b.name, b.path from orgs b
     where b.kind = 'branch' and (${sql.join(
       towns.map((t) => sql`b.path like (select path from orgs where id = ${t}) || '%'`),
       sql` or `,
     )})
     order by b.path`);
  const r = demoRandom(20260413);
  const models = new Set(await demoModelBranches(ctx.db, ctx.demo));
  const pick = <T>(a: readonly T[]) => a[Math.floor(r() * a.length)];
  const today = shanghaiToday();
  // messages dated at 10:00 Beijing, `days` ago
  const at = (days: number, hour = 10) =>
    new Date(`${addDays(today, -days)}T${String(hour).padStart(2, '0')}:00:00+08:00`);
  const days = 5;

  type Plan = {
    created: Date;
    reply?: Date;
    orgId: number;
    orgName: string;
    member?: { userId: number; memberId: number; name: string };
  };
  const plans: Plan[] = [];
  for (const b of branches) {
    // answered in time, answered late, still waiting past the deadline; every third also a fresh one
    const early = at(20 + Math.floor(r() * 15));
    plans.push({
      created: early,
      reply: new Date(early.getTime() + (1 + Math.floor(r() * 3)) * 86_400_000),
      orgId: b.id,
      orgName: b.name,
    });
    // (a model branch, db/demo-model.ts, answers every message the next day)
    const model = models.has(Number(b.id));
    const late = at(16 + Math.floor(r() * 6));
    const lateReply = new Date(
      endOfDay(shanghaiToday(dueAt(late, days, CALENDAR_2026))).getTime() +
        (1 + Math.floor(r() * 4)) * 86_400_000,
    );
    plans.push({
      created: late,
      reply: model ? new Date(late.getTime() + 86_400_000) : lateReply,
      orgId: b.id,
      orgName: b.name,
    });
    const waiting = at(9 + Math.floor(r() * 5), 15);
    plans.push({
      created: waiting,
      ...(model ? { reply: new Date(waiting.getTime() + 86_400_000) } : {}),
      orgId: b.id,
      orgName: b.name,
    });
    if (r() < 0.34) plans.push({ created: at(1, 9), orgId: b.id, orgName: b.name });
  }
  // the demo member's own message to her branch, answered by its secretary
  const [account] = (
    await ctx.db.execute<{ id: number }>(sql`select id from users where username = 'member'`)
  ).rows;
  const me = account ? await memberOfUser(ctx.db, Number(account.id)) : null;
  const [secretary] = (
    await ctx.db.execute<{ id: number }>(sql`select id from users where username = 'secretary'`)
  ).rows;
  if (me && branches.some((b) => b.id === me.orgId)) {
    const created = at(6);
    plans.push({
      created,
      reply: new Date(created.getTime() + 2 * 86_400_000),
      orgId: me.orgId,
      orgName: branches.find((b) => b.id === me.orgId)!.name,
      member: { userId: me.userId!, memberId: me.memberId, name: me.name },
    });
  }
  // nothing dated after now (a reply planned for the future has not been written yet)
  const now = Date.now();
  const ids = await nextIds(ctx.db, 'messages', plans.length);
  const messageRows: Row[] = [];
  const replyRows: Row[] = [];
  plans.forEach((p, i) => {
    const id = ids[i];
    const phone = `1${pick(['35', '38', '39', '58', '86'])}${String(Math.floor(r() * 1e8)).padStart(8, '0')}`;
    const replied = p.reply && p.reply.getTime() < now ? p.reply : null;
    const body = p.member ? '支部的党员活动室晚上能否开放？我们几个党员想下班后一起学习。' : pick(BODIES);
    messageRows.push({
      id,
      org_id: p.orgId,
      author_kind: p.member ? 'member' : 'public',
      author_user_id: p.member?.userId ?? null,
      author_member_id: p.member?.memberId ?? null,
      author_name: p.member?.name ?? `${pick(SURNAMES)}${pick(['先生', '女士'])}`,
      phone_enc: p.member ? null : ctx.pii.encrypt(phone, bind('messages', 'phone', id)),
      phone_index: p.member ? null : ctx.pii.blindIndex('phone', phone),
      body,
      status: replied ? 'answered' : 'open',
      created_at: p.created.toISOString(),
      due_at: dueAt(p.created, days, CALENDAR_2026).toISOString(),
      first_answered_at: replied?.toISOString() ?? null,
      last_reply_at: replied?.toISOString() ?? null,
    });
    if (replied)
      replyRows.push({
        message_id: id,
        by_kind: 'org',
        by_user_id: p.member && secretary ? Number(secretary.id) : null,
        by_name: p.orgName,
        body: p.member ? '可以。活动室工作日晚上7点到9点开放，钥匙在村委会值班室领取。' : pick(REPLIES),
        created_at: replied.toISOString(),
      });
  });
  if (!messageRows.length) return;
  await ctx.db.execute(sql`
    insert into messages (id, org_id, org_path, author_kind, author_user_id, author_member_id, author_name,
                          phone_enc, phone_index, body, status, created_at, due_at, first_answered_at, last_reply_at)
    select id, org_id, '', author_kind, author_user_id, author_member_id, author_name, phone_enc, phone_index, body,
           status, created_at, due_at, first_answered_at, last_reply_at
      from jsonb_to_recordset(${JSON.stringify(messageRows)}::jsonb)
        as x(id int8, org_id int8, author_kind text, author_user_id int8, author_member_id int8, author_name text,
             phone_enc text, phone_index text, body text, status text, created_at timestamptz, due_at timestamptz,
             first_answered_at timestamptz, last_reply_at timestamptz)`);
  if (replyRows.length)
    await ctx.db.execute(sql`
      insert into message_replies (message_id, by_kind, by_user_id, by_name, body, created_at)
      select * from jsonb_to_recordset(${JSON.stringify(replyRows)}::jsonb)
        as x(message_id int8, by_kind text, by_user_id int8, by_name text, body text, created_at timestamptz)`);
  ctx.log(`留言 ${messageRows.length} 条（答复 ${replyRows.length} 条）`);
}
