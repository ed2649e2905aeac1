import sharp from 'sharp';
import type { QuestionBody } from '../../../../../contracts/exams/questions.ts';
import { query, type TestEnv } from '../../../../test/harness.ts';

/** Factories for the bank in tests and matrix cases: rows made straight in the database. */

let seq = 0;

/** A category of `orgId`'s bank (under `parentId` when given). */
export async function makeCategory(
  env: TestEnv,
  orgId: number,
  opts: { name?: string; parentId?: number } = {},
) {
  const [c] = await query<{ id: string }>(
    env,
    `insert into question_categories (org_id, org_path, parent_id, name)
     select id, path, $2::int8, $3 from orgs where id = $1 returning id`,
    [orgId, opts.parentId ?? null, opts.name ?? `测试分类${process.pid}-${++seq}`],
  );
  return Number(c.id);
}

export const singleBody = (stem = '党的最高理想和最终目标是（ ）。'): QuestionBody => ({
  type: 'single',
  stem,
  format: 'plain',
  choices: [
    { text: '实现共产主义', weight: 100 },
    { text: '全面建成小康社会', weight: 0 },
  ],
  difficulty: 'easy',
  tags: ['党章'],
});

/** A question in `categoryId` (in its org's bank). */
export async function makeQuestion(env: TestEnv, categoryId: number, body: QuestionBody = singleBody()) {
  const [q] = await query<{ id: string }>(
    env,
    `insert into questions (category_id, org_id, org_path, type, name, body, difficulty, tags)
     select id, org_id, org_path, $2, $3, $4::jsonb, $5, $6::text[] from question_categories where id = $1
     returning id`,
    [categoryId, body.type, body.stem.slice(0, 40), JSON.stringify(body), body.difficulty, body.tags],
  );
  return Number(q.id);
}

/** A small photo (a phone's JPEG). */
export const jpeg = () =>
  sharp({ create: { width: 64, height: 48, channels: 3, background: '#c8161d' } })
    .jpeg()
    .toBuffer();

/** A file as multipart/form-data, field `file`. */
export function multipartFile(body: Buffer, filename = 'photo.jpg', type = 'image/jpeg') {
  const boundary = 'hyexamsbank';
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`,
    ),
    body,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
