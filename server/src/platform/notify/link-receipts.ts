import { sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.ts';

/**
 * A member given a login after notices were sent to them (a study card issued later) finds those
 * notices under it. Receipts are per member and carry the member's account, which "my notices" and
 * the unread badge read (an index range per account): a receipt written while the member had none
 * says user_id null, and would stay out of sight. Whatever links an account to a member calls this
 * in the same transaction; receipts already carrying an account are left as they are.
 * Returns how many receipts now carry the account.
 */
export async function linkReceipts(
  tx: Queryable,
  links: readonly { memberId: number; userId: number }[],
): Promise<number> {
  if (!links.length) return 0;
  // receipts without an account, per member: notice_receipts_no_account_idx (migration 0023)
  const { rows } = await tx.execute<{ n: number }>(sql`
    with linked as (
      update notice_receipts r set user_id = x.u
        from unnest(${sql.param(links.map((l) => l.memberId))}::int8[],
                    ${sql.param(links.map((l) => l.userId))}::int8[]) as x(m, u)
       where r.user_id is null and r.member_id = x.m
      returning 1)
    select count(*)::int as n from linked`);
  return Number(rows[0].n);
}
