import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, query, type Session, type TestEnv, testEnv } from '../../../../test/harness.ts';
import { fileStore } from '../../../platform/files/index.ts';
import { ORPHANED_FILES_JOB } from '../../../platform/files/orphans.ts';
import type { JobContext } from '../../../platform/module.ts';
import { makeAttachment, makePost, multipart, tinyJpeg } from '../test-fixtures.ts';

let env: TestEnv;
let secretary: Session;
let branchId: number;

beforeAll(async () => {
  env = await testEnv({ dataDir: fs.mkdtempSync('/tmp/hongyun-unsaved-images-test-') });
  secretary = await login(env, 'secretary');
  [{ id: branchId }] = await query<{ id: number }>(
    env,
    `select g.org_id as id from role_grants g join users u on u.id = g.user_id
      where u.username = 'secretary' and g.role = 'secretary'`,
  );
});
afterAll(async () => {
  await env?.close();
  if (env) fs.rmSync(env.config.dataDir, { recursive: true, force: true });
});

type Picture = { id: string; url: string; thumbUrl: string };
type Stored = { id: number; token: string; file_key: string; thumb_key: string };

/** The secretary uploads a picture for the branch's page, as the editor does when one is inserted. */
async function uploadPicture(): Promise<Picture & { row: Stored }> {
  const form = multipart({ field: 'image', name: 'photo.jpg', body: await tinyJpeg(), type: 'image/jpeg' });
  const res = await env.app.inject({
    method: 'POST',
    url: `/api/v1/openness/images?orgId=${branchId}`,
    payload: form.payload,
    headers: { ...secretary.headers, ...form.headers },
  });
  expect(res.statusCode, res.body).toBe(201);
  const pic = res.json() as Picture;
  const [row] = await query<Stored>(
    env,
    'select id, token, file_key, thumb_key from openness_images where id = $1',
    [pic.id],
  );
  return { ...pic, row };
}

/** As if uploaded `hours` ago: its record and both files. */
async function uploadedHoursAgo(p: { row: Stored }, hours: number) {
  const at = new Date(Date.now() - hours * 3_600_000);
  await query(env, 'update openness_images set created_at = $2 where id = $1', [p.row.id, at]);
  const store = fileStore(env.config);
  for (const key of [p.row.file_key, p.row.thumb_key]) await fs.promises.utimes(store.pathOf(key), at, at);
}

const call = (method: 'POST' | 'PUT', url: string, payload: object) =>
  env.app.inject({ method, url: `/api/v1${url}`, payload, headers: secretary.headers });

/** The recurring job as the app registers it, run once now. */
async function runSweep() {
  const job = env.modules.flatMap((m) => m.jobs ?? []).find((j) => j.name === ORPHANED_FILES_JOB);
  expect(job, 'the sweep is a recurring job of the app').toBeDefined();
  const ctx: JobContext = {
    db: env.database.db,
    config: env.config,
    pii: env.pii,
    now: () => new Date(),
    log: () => {},
  };
  return job!.run(ctx);
}

const rowOf = async (p: { row: Stored }) =>
  (await query(env, 'select 1 from openness_images where id = $1', [p.row.id])).length;
const filesOf = async (p: { row: Stored }) => {
  const store = fileStore(env.config);
  return [await store.exists(p.row.file_key), await store.exists(p.row.thumb_key)];
};

describe('pictures uploaded for a post nobody saved are removed after a day (rows and files)', () => {
  it('given a picture uploaded two days ago and never used, and pictures in use: only the unused one goes', async () => {
    const unused = await uploadPicture();
    const cover = await uploadPicture();
    const inText = await uploadPicture();
    const inIntroduction = await uploadPicture();
    const fresh = await uploadPicture();
    for (const p of [unused, cover, inText, inIntroduction]) await uploadedHoursAgo(p, 48);

    // the secretary saved a draft with one as its cover and another in its text, and put the third on the page
    const draft = await call('POST', '/posts', {
      orgId: String(branchId),
      kind: 'update',
      visibility: 'public',
      title: '主题党日活动',
      body: `<p>活动照片：</p><img src="${inText.url}" alt="合影">`,
      coverImageId: cover.id,
    });
    expect(draft.statusCode, draft.body).toBe(201);
    const page = await call('PUT', `/org-pages/${branchId}`, {
      introduction: `<p>支部简介</p><img src="${inIntroduction.thumbUrl}">`,
      contactAddress: '',
      contactHours: '',
    });
    expect(page.statusCode, page.body).toBe(200);

    expect(await runSweep()).toMatchObject({ unsavedFiles: 2, removed: 2 });

    expect(await rowOf(unused)).toBe(0);
    expect(await filesOf(unused)).toEqual([false, false]);
    const served = await env.app.inject({ method: 'GET', url: unused.url });
    expect(served.statusCode).toBe(404);

    // in use, or uploaded an hour ago by someone still writing: kept, and still served
    for (const p of [cover, inText, inIntroduction, fresh]) {
      expect(await rowOf(p)).toBe(1);
      expect(await filesOf(p)).toEqual([true, true]);
    }
    expect((await env.app.inject({ method: 'GET', url: inText.url })).statusCode).toBe(200);
  });

  it('files whose record was never written (the upload’s transaction failed) go too; a post’s attachment stays', async () => {
    const store = fileStore(env.config);
    const stray = await uploadPicture();
    await uploadedHoursAgo(stray, 30);
    // the row is gone as if its transaction had rolled back; the files stayed
    await query(env, 'delete from openness_images where id = $1', [stray.row.id]);
    const attachment = await makeAttachment(env, await makePost(env, branchId));
    const [{ file_key: attached }] = await query<{ file_key: string }>(
      env,
      'select file_key from post_attachments where id = $1',
      [attachment],
    );
    const long = new Date(Date.now() - 72 * 3_600_000);
    await fs.promises.utimes(store.pathOf(attached), long, long);

    expect(await runSweep()).toMatchObject({ unsavedFiles: 0, removed: 2 });
    expect(await filesOf(stray)).toEqual([false, false]);
    expect(await store.exists(attached)).toBe(true);
    const named = await query<{ file_key: string; thumb_key: string }>(
      env,
      'select file_key, thumb_key from openness_images',
    );
    for (const r of named)
      expect([await store.exists(r.file_key), await store.exists(r.thumb_key)]).toEqual([true, true]);
  });
});
