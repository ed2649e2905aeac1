import sharp from 'sharp';
import { makeMember, makeOrg } from '../../../../test/fixtures.ts';
import { query, type TestEnv } from '../../../../test/harness.ts';
import { storeImage } from '../../../platform/files/images.ts';

/**
 * Factories for offline study in tests and matrix cases: rows made straight in the database, for
 * the "given …" part.
 */

/** `orgId` when it is a branch, else a new branch under it. */
export async function branchIn(env: TestEnv, orgId: number): Promise<number> {
  const [o] = await query<{ kind: string }>(env, 'select kind from orgs where id = $1', [orgId]);
  return o.kind === 'branch' ? orgId : (await makeOrg(env, orgId, 'branch')).id;
}

/**
 * A session of the org `orgId` with one member of it attending (a new member in it, or in a branch
 * under it), in the state asked; a submitted one by `submittedBy` (nobody's by default).
 */
export async function makeStudy(
  env: TestEnv,
  orgId: number,
  opts: {
    state?: 'draft' | 'submitted' | 'returned' | 'approved';
    submittedBy?: number | null;
    minutes?: number;
    studiedOn?: string;
    memberId?: number;
  } = {},
) {
  const state = opts.state ?? 'draft';
  const memberId = opts.memberId ?? (await makeMember(env, orgId)).id;
  const submitted = state !== 'draft';
  const decided = state === 'returned' || state === 'approved';
  const [s] = await query<{ id: string }>(
    env,
    `insert into offline_studies (org_id, org_path, topic, studied_on, minutes, place, state, submissions,
                                  submitted_at, submitted_by, decided_at, return_reason)
     select id, path, '学习习近平新时代中国特色社会主义思想专题党课', $2::date, $3, '村党员活动室', $4,
            $5, case when $6 then now() end, $7::int8, case when $8 then now() end, $9::text
       from orgs where id = $1
     returning id`,
    [
      orgId,
      opts.studiedOn ?? new Date(Date.now() - 86_400_000).toISOString().slice(0, 10),
      opts.minutes ?? 90,
      state,
      submitted ? 1 : 0,
      submitted,
      opts.submittedBy ?? null,
      decided,
      state === 'returned' ? '请补充签到表照片' : null,
    ],
  );
  const [{ name }] = await query<{ name: string }>(env, 'select name from members where id = $1', [memberId]);
  await query(env, 'insert into offline_study_attendees (study_id, member_id, name) values ($1, $2, $3)', [
    s.id,
    memberId,
    name,
  ]);
  return { id: Number(s.id), memberId };
}

/** A photo of a session, stored as an upload stores it. */
export async function makePhoto(env: TestEnv, studyId: number) {
  const img = await storeImage(env.config, new Date(), 'offline-photos', await jpeg(), 'file');
  const [p] = await query<{ id: string }>(
    env,
    `insert into offline_study_photos (study_id, file_key, thumb_key, width, height, size)
     values ($1, $2, $3, $4, $5, $6) returning id`,
    [studyId, img.fileKey, img.thumbKey, img.width, img.height, img.size],
  );
  return Number(p.id);
}

/** A small photo (a phone's JPEG). */
export const jpeg = () =>
  sharp({ create: { width: 64, height: 48, channels: 3, background: '#c8161d' } })
    .jpeg()
    .toBuffer();

/** A file as multipart/form-data, field `file`. */
export function multipartFile(body: Buffer, filename = 'photo.jpg', type = 'image/jpeg') {
  const boundary = 'hylearning';
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`,
    ),
    body,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
