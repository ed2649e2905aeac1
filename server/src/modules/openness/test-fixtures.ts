import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { query, type TestEnv } from '../../../test/harness.ts';
import { fileStore, newFileKey } from '../../platform/files/index.ts';

/** Factories for the org-page tests and matrix cases: rows made straight in the database. */

type PostOpts = {
  kind?: 'update' | 'announcement' | 'publicity';
  visibility?: 'public' | 'members';
  published?: boolean;
  withdrawn?: boolean;
  title?: string;
  body?: string;
  publishedAt?: string;
};

export async function makePost(env: TestEnv, orgId: number, o: PostOpts = {}) {
  const published = o.published ?? true;
  const [{ id }] = await query<{ id: number }>(
    env,
    `insert into posts (org_id, org_path, kind, title, body, excerpt, visibility, published_at, withdrawn_at, author_name)
     values ($1, '', $2, $3, $4, '', $5, $6, $7, '测试作者') returning id`,
    [
      orgId,
      o.kind ?? 'update',
      o.title ?? '测试内容',
      o.body ?? '<p>测试正文</p>',
      o.visibility ?? 'public',
      published ? (o.publishedAt ?? new Date().toISOString()) : null,
      o.withdrawn ? new Date().toISOString() : null,
    ],
  );
  return id;
}

/** A small real JPEG (a coloured square), as a phone would send. */
export async function tinyJpeg(size = 64, colour = '#c00'): Promise<Buffer> {
  return sharp({ create: { width: size, height: size, channels: 3, background: colour } })
    .jpeg()
    .toBuffer();
}

/** A stored picture of the org (its file really on disk), with its token. */
export async function makeImage(env: TestEnv, orgId: number) {
  const store = fileStore(env.config);
  const fileKey = newFileKey('openness-images', 'jpg');
  const thumbKey = fileKey.replace(/\.jpg$/, '.thumb.jpg');
  const jpeg = await tinyJpeg();
  await store.put(fileKey, jpeg);
  await store.put(thumbKey, jpeg);
  const token = randomBytes(16).toString('hex');
  const [{ id }] = await query<{ id: number }>(
    env,
    `insert into openness_images (org_id, token, file_key, thumb_key, width, height) values ($1, $2, $3, $4, 64, 64) returning id`,
    [orgId, token, fileKey, thumbKey],
  );
  return { id, token };
}

export async function makeAlbum(env: TestEnv, orgId: number, visibility: 'public' | 'members' = 'public') {
  const [{ id }] = await query<{ id: number }>(
    env,
    `insert into albums (org_id, title, visibility) values ($1, '测试相册', $2) returning id`,
    [orgId, visibility],
  );
  return id;
}

export async function makeAlbumPhoto(env: TestEnv, albumId: number) {
  const [{ id }] = await query<{ id: number }>(
    env,
    `insert into album_photos (album_id, token, file_key, thumb_key, width, height) values ($1, $2, 'x/none.jpg', 'x/none.thumb.jpg', 64, 64) returning id`,
    [albumId, randomBytes(16).toString('hex')],
  );
  return id;
}

export async function makeAttachment(env: TestEnv, postId: number) {
  const key = newFileKey('openness-attachments', 'pdf');
  await fileStore(env.config).put(key, Buffer.from('%PDF-1.4\n%测试\n'));
  const [{ id }] = await query<{ id: number }>(
    env,
    `insert into post_attachments (post_id, file_key, name, content_type, size) values ($1, $2, '会议纪要.pdf', 'application/pdf', 16) returning id`,
    [postId, key],
  );
  return id;
}

/** A multipart/form-data body: text fields first, then the one file. */
export function multipart(
  file: { field: string; name: string; body: Buffer; type?: string },
  fields: Record<string, string> = {},
) {
  const boundary = `hy${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`,
    ),
    file.body,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return {
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}
