import { makeMember } from '../../../test/fixtures.ts';
import { query, type TestEnv } from '../../../test/harness.ts';

let seq = 0;

/**
 * Test factory: a notice sent by `orgId` straight into the tables (the "given …" of a test), with a
 * receipt for each recipient. Without recipients, one new member of the org, unread, without a login.
 */
export async function makeNotice(
  env: TestEnv,
  orgId: number,
  opts: { recipients?: { memberId: number; userId: number | null; readAt?: string }[]; kind?: string } = {},
) {
  seq += 1;
  const recipients = opts.recipients ?? [{ memberId: (await makeMember(env, orgId)).id, userId: null }];
  const [{ id }] = await query<{ id: number }>(
    env,
    `insert into notices (kind, org_id, org_path, title, source_type, source_id, recipient_count)
     select $1, id, path, $2, 'test', $3, $4 from orgs where id = $5 returning id`,
    [opts.kind ?? 'notify.direct', `测试通知${seq}`, `${process.pid}-${seq}`, recipients.length, orgId],
  );
  for (const r of recipients)
    await query(
      env,
      `insert into notice_receipts (notice_id, member_id, user_id, delivered, read_at)
       values ($1, $2, $3, jsonb_build_object('in_app', now()), $4)`,
      [id, r.memberId, r.userId, r.readAt ?? null],
    );
  return { id: Number(id) };
}

/** A member of `orgId` (or of a new branch under it) recorded as its secretary (书记). */
export async function makeSecretary(env: TestEnv, orgId: number, userId: number | null = null) {
  const m = await makeMember(env, orgId);
  await query(env, "update members set positions = '{书记}', user_id = $2 where id = $1", [m.id, userId]);
  return m;
}
