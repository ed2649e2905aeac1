import { sql } from 'drizzle-orm';
import type { SeedContext } from '../../platform/module.ts';
import { hashOf, newTerminalToken } from './codes.ts';

/**
 * The demo: two touch screens of the first town — one at a village's 党群服务中心, seen a minute
 * ago on its home; one at the town's service hall, last seen two days ago (offline). Their tokens
 * are thrown away: to try a kiosk, register a new terminal in the console.
 */
export async function seedKiosk(ctx: SeedContext) {
  const { villageBranch, town1 } = ctx.demo;
  if (!villageBranch || !town1) return;
  await ctx.db.execute(sql`
    insert into kiosk_terminals (org_id, name, place, idle_seconds, token_hash, registered_at, last_seen_at, screen)
    values
      (${villageBranch}, '村党群服务中心触摸屏', '村党群服务中心一楼大厅', 60, ${hashOf(newTerminalToken())},
       now() - interval '30 days', now() - interval '1 minute', 'home'),
      (${town1}, '镇便民服务大厅触摸屏', '镇便民服务中心大厅入口', 60, ${hashOf(newTerminalToken())},
       now() - interval '60 days', now() - interval '2 days', 'hall:learning /m/learning')`);
  ctx.log('触摸屏终端 2 台');
}
