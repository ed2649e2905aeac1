import { sql } from 'drizzle-orm';
import { demoRandom } from '../../../db/demo-random.ts';
import { accountNameForAudit } from '../../../platform/auth/login-guard.ts';
import { hashPassword } from '../../../platform/auth/passwords.ts';
import { DEMO_LOGIN_AGENT, markLastLogins } from '../../../platform/auth/seed.ts';
import { assignStudyCards, newCardNumbers, newCardPassword } from '../../../platform/auth/study-card.ts';
import type { SeedContext } from '../../../platform/module.ts';
import { addMonthsToMonth, shanghaiMonth, shanghaiMonthRange } from '../../../platform/time.ts';
import { ADMITTED } from '../record/rules.ts';

/** At most this many accounts in one insert (eleven columns each, under PostgreSQL's 65,535 parameters). */
const CHUNK = 2000;

/**
 * The two demo towns' Party members hold 学习卡 (their accounts), and have used them: last month and
 * this month most signed in, at a station PC, a kiosk or a phone, some branches more than others —
 * so the assessment's 党员登录率 reads a month of real logins, as a district's would after a year.
 *
 * - Not the demo village branch: its two demo accounts (member, secretary) are what the tests and the
 *   README's walkthrough use; its other members stay without an account, as a branch before its
 *   cards are handed out.
 * - Every card's password is one random 6-digit code that is never shown: a card is handed to its
 *   member by 重置学习卡密码 (the member's record), which prints a new one — as after a lost card.
 * - The logins are the audit log's auth.login entries, as finishLogin writes them (the account as
 *   actor, credential 'card'), dated in the past and marked 演示数据 in the user agent column so an
 *   auditor reading the log can tell them from real sign-ins.
 */
export async function seedStudyCards(ctx: SeedContext) {
  const towns = [ctx.demo.town1, ctx.demo.town2].filter((t): t is number => !!t);
  if (!towns.length) return;
  const { rows: holders } = await ctx.db.execute<{ id: string; name: string; org_id: string }>(sql`
    select m.id, m.name, m.org_id
      from members m join orgs o on o.id = m.org_id
     where exists (select 1 from orgs t where t.id = any(${`{${towns.join(',')}}`}::int8[]) and o.path like t.path || '%')
       and m.org_id <> ${ctx.demo.villageBranch ?? 0}
       and m.status = any(${`{${ADMITTED.join(',')}}`}::text[]) and m.left_at is null and m.user_id is null
     order by m.id`);
  if (!holders.length) return;
  const now = new Date();
  const cardNos = await newCardNumbers(ctx.db, holders.length);
  const hash = await hashPassword(newCardPassword());
  const userIds: number[] = [];
  for (let i = 0; i < holders.length; i += CHUNK)
    userIds.push(
      ...(await assignStudyCards(
        ctx.db,
        holders.slice(i, i + CHUNK).map((h, j) => ({
          userId: null,
          displayName: h.name,
          orgId: Number(h.org_id),
          cardNo: cardNos[i + j],
          passwordHash: hash,
        })),
        now,
      )),
    );
  const linked = holders.map((h, i) => ({ id: h.id, user_id: userIds[i], card_no: cardNos[i] }));
  await ctx.db.execute(sql`
    update members m set user_id = x.user_id, study_card_no = x.card_no
      from jsonb_to_recordset(${JSON.stringify(linked)}::jsonb) as x(id int8, user_id int8, card_no text)
     where m.id = x.id`);

  // how often each branch's members sign in: most branches well, some hardly
  const r = demoRandom(20261204);
  const keen = new Map<string, number>();
  const { rows: paths } = await ctx.db.execute<{ id: string; path: string }>(
    sql`select id, path from orgs where id = any(${`{${[...new Set(holders.map((h) => h.org_id))].join(',')}}`}::int8[])`,
  );
  const pathOf = new Map(paths.map((p) => [p.id, p.path]));
  const thisMonth = shanghaiMonth(now);
  const months = [addMonthsToMonth(thisMonth, -2), addMonthsToMonth(thisMonth, -1), thisMonth];
  const logins: Record<string, unknown>[] = [];
  for (const [i, h] of holders.entries()) {
    if (!keen.has(h.org_id)) keen.set(h.org_id, r() < 0.2 ? 0.1 + r() * 0.25 : 0.45 + r() * 0.45);
    const p = keen.get(h.org_id) ?? 0;
    for (const month of months) {
      const { from, to } = shanghaiMonthRange(month);
      // up to the start of this hour: nothing dated in the future
      const end = Math.min(to.getTime(), now.getTime() - (now.getTime() % 3_600_000));
      if (end <= from.getTime() || r() >= p) continue;
      const times = 1 + Math.floor(r() * 4);
      for (let k = 0; k < times; k++) {
        const at = new Date(from.getTime() + Math.floor(r() * (end - from.getTime())));
        logins.push({
          at: at.toISOString(),
          actor_id: userIds[i],
          actor_name: accountNameForAudit(`card${cardNos[i]}`),
          org_id: h.org_id,
          org_path: pathOf.get(h.org_id),
        });
      }
    }
  }
  logins.sort((a, b) => String(a.at).localeCompare(String(b.at)));
  for (let i = 0; i < logins.length; i += 20_000)
    await ctx.db.execute(sql`
      insert into audit_log (at, actor_id, actor_name, action, target_type, target_id, org_id, org_path, after, user_agent)
      select at, actor_id, actor_name, 'auth.login', 'user', actor_id::text, org_id, org_path,
             '{"credential": "card"}'::jsonb, ${DEMO_LOGIN_AGENT}
        from jsonb_to_recordset(${JSON.stringify(logins.slice(i, i + 20_000))}::jsonb)
          as x(at timestamptz, actor_id int8, actor_name text, org_id int8, org_path text)`);
  await markLastLogins(ctx);
  ctx.log(`学习卡 ${holders.length} 张，登录记录 ${logins.length} 条（近三个月）`);
}
