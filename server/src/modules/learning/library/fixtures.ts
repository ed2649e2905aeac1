import fs from 'node:fs';
import path from 'node:path';
import { query, type TestEnv } from '../../../../test/harness.ts';
import { fileStore, newFileKey } from '../../../platform/files/index.ts';
import { searchTextOf } from '../../../platform/search/index.ts';

/**
 * Factories for courses in tests and matrix cases: rows made straight in the database, for the
 * "given …" part, with their search keys and, when asked, a real file in the store.
 */
export const MEDIA_DIR = path.resolve(import.meta.dirname, '../../../../test/media');
export const media = (name: string) => fs.readFileSync(path.join(MEDIA_DIR, name));
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

export type MadeCourse = { id: number; orgId: number; fileKey: string | null };

export async function makeCourse(
  env: TestEnv,
  orgId: number,
  opts: {
    kind?: 'video' | 'audio' | 'article' | 'document';
    status?: 'draft' | 'published' | 'withdrawn';
    title?: string;
    summary?: string;
    tags?: string[];
    /** Who may study it: this org's members (default: the publisher's). */
    scopeOrgId?: number;
    /** Store a file with it: these bytes, this format. */
    file?: { body: Buffer; format: 'mp4' | 'm4a' | 'mp3' | 'pdf'; type: string; duration?: number | null };
    body?: string;
  } = {},
): Promise<MadeCourse> {
  const kind = opts.kind ?? 'article';
  const title = opts.title ?? '学习党的二十大精神';
  const summary = opts.summary ?? '';
  const tags = opts.tags ?? [];
  const body = opts.body ?? (kind === 'article' ? '<p>全面建设社会主义现代化国家。</p>' : null);
  let fileId: number | null = null;
  let fileKey: string | null = null;
  if (opts.file) {
    fileKey = newFileKey(`course-${kind}`, opts.file.format);
    await fileStore(env.config).put(fileKey, opts.file.body);
    const [f] = await query<{ id: string }>(
      env,
      `insert into course_files (file_key, name, format, content_type, size, duration_seconds)
       values ($1, $2, $3, $4, $5, $6) returning id`,
      [
        fileKey,
        `课件.${opts.file.format}`,
        opts.file.format,
        opts.file.type,
        opts.file.body.length,
        opts.file.duration ?? null,
      ],
    );
    fileId = Number(f.id);
  }
  const keys = searchTextOf({
    a: [title, ...tags],
    b: [summary],
    c: body ? [body.replace(/<[^>]+>/g, '')] : [],
  });
  const status = opts.status ?? 'published';
  const [c] = await query<{ id: string }>(
    env,
    `insert into courses (org_id, org_path, scope_org_id, scope_path, kind, title, summary, body, char_count,
                          duration_seconds, file_id, tags, status, published_at, search, head_search)
     select o.id, o.path, s.id, s.path, $3, $4, $5, $6, $7, $8, $9, $10, $11,
            case when $11 = 'draft' then null else now() end,
            setweight(to_tsvector('simple', $12), 'A') || setweight(to_tsvector('simple', $13), 'B')
              || setweight(to_tsvector('simple', $14), 'C'),
            setweight(to_tsvector('simple', $12), 'A')
       from orgs o, orgs s where o.id = $1 and s.id = $2
     returning id`,
    [
      orgId,
      opts.scopeOrgId ?? orgId,
      kind,
      title,
      summary,
      body,
      body ? body.replace(/<[^>]+>/g, '').length : null,
      opts.file?.duration ?? (kind === 'video' || kind === 'audio' ? 60 : null),
      fileId,
      tags,
      status,
      keys.a,
      keys.b,
      keys.c,
    ],
  );
  return { id: Number(c.id), orgId, fileKey };
}

/** A file as multipart/form-data, field `file`. */
export function multipartFile(body: Buffer, filename: string, type = 'application/octet-stream') {
  const boundary = 'hycourse';
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`,
    ),
    body,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** The home org of an account (where the member app places a login without a member record). */
export async function homeOrgOf(env: TestEnv, userId: number): Promise<number> {
  const [u] = await query<{ org_id: string }>(env, 'select org_id from users where id = $1', [userId]);
  return Number(u.org_id);
}
