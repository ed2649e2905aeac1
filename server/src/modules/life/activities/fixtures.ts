import { makeMember, makeUser } from '../../../../test/fixtures.ts';
import { query, type TestEnv } from '../../../../test/harness.ts';
import { hashPassword } from '../../../platform/auth/passwords.ts';
import { luhnDigit } from '../../../platform/auth/study-card.ts';
import { qrCode, qrStep } from './rules.ts';

/**
 * Factories for activities in tests and matrix cases: rows made straight in the database, for the
 * "given …" part. The clock is the real one unless a test passes `now`.
 */
export const TEST_SECRET = 'test-activity-secret';

export type Made = { id: number; branchId: number; memberId: number };

/**
 * An activity of a branch under `orgId` (a new branch when `orgId` is not one) with one member on
 * its list; by default under way now (started ten minutes ago, for an hour), sign-in open.
 */
export async function makeActivity(
  env: TestEnv,
  orgId: number,
  opts: {
    kind?: string;
    status?: string;
    startsAt?: Date;
    minutes?: number;
    signInOpen?: boolean;
    /** The member on the list is this account's (members.user_id). */
    userId?: number;
    leave?: 'requested' | 'approved' | 'refused';
  } = {},
): Promise<Made> {
  const m = await makeMember(env, orgId);
  if (opts.userId) await query(env, 'update members set user_id = $1 where id = $2', [opts.userId, m.id]);
  const startsAt = opts.startsAt ?? new Date(Date.now() - 10 * 60_000);
  const endsAt = new Date(startsAt.getTime() + (opts.minutes ?? 70) * 60_000);
  const [a] = await query<{ id: string }>(
    env,
    `insert into activities (org_id, org_path, kind, topic, place, starts_at, ends_at, status, sign_in_open, secret)
     select id, path, $2, '学习党的二十届四中全会精神', '党员活动室', $3, $4, $5, $6, $7 from orgs where id = $1
     returning id`,
    [
      m.branchId,
      opts.kind ?? 'committee_meeting',
      startsAt,
      endsAt,
      opts.status ?? 'planned',
      opts.signInOpen ?? true,
      TEST_SECRET,
    ],
  );
  const [{ name }] = await query<{ name: string }>(env, 'select name from members where id = $1', [m.id]);
  await query(
    env,
    `insert into activity_attendees (activity_id, member_id, name, leave, leave_reason, leave_asked_at)
     values ($1, $2, $3, $4::text, case when $4::text is null then null else '外出务工' end, case when $4::text is null then null else now() end)`,
    [a.id, m.id, name, opts.leave ?? null],
  );
  return { id: Number(a.id), branchId: m.branchId, memberId: m.id };
}

/** The code the room's screen shows at `now` for a test activity. */
export const codeAt = (activityId: number, now = new Date()) => qrCode(TEST_SECRET, activityId, qrStep(now));

let cardSeq = 0;
let cardHash: Promise<string> | undefined;
export const CARD_PASSWORD = '246810';

/** A study card (number, password 246810) on an account linked to member `memberId`. */
export async function giveCard(env: TestEnv, memberId: number, orgId: number) {
  cardHash ??= hashPassword(CARD_PASSWORD);
  const u = await makeUser(env, { orgId, role: 'member' });
  const body = `7${String(process.pid % 100_000).padStart(5, '0')}${String(++cardSeq).padStart(5, '0')}`;
  const cardNo = body + luhnDigit(body);
  await query(env, 'update users set study_card_no = $2, card_password_hash = $3 where id = $1', [
    u.id,
    cardNo,
    await cardHash,
  ]);
  await query(env, 'update members set user_id = $1 where id = $2', [u.id, memberId]);
  return { userId: u.id, cardNo };
}

/** A small PDF (an attachment) as multipart/form-data, field `file`. */
export function multipartFile(body: Buffer, filename: string, type: string) {
  const boundary = 'hyactivity';
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`,
    ),
    body,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
