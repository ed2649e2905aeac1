import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeMember } from '../../../../test/fixtures.ts';
import { login, orgId, query, type Session, type TestEnv, testEnv } from '../../../../test/harness.ts';

let env: TestEnv;
let town: Session;
let town1: number;
beforeAll(async () => {
  env = await testEnv({ dataDir: `/tmp/hongyun-photo-test-${process.pid}` });
  town = await login(env, 'town_admin');
  town1 = await orgId(env, '中共青山区清河镇委员会');
});
afterAll(async () => {
  await env.close();
  fs.rmSync(env.config.dataDir, { recursive: true, force: true });
});

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
  'hex',
);

function form(body: Buffer, name = 'a.png') {
  const boundary = 'hyphototest';
  return {
    payload: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="photo"; filename="${name}"\r\nContent-Type: image/png\r\n\r\n`,
      ),
      body,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
    headers: { ...town.headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

describe('member photos', () => {
  it('uploads a PNG, shows it back, and counts it: history and the record’s update time', async () => {
    const m = await makeMember(env, town1);
    const res = await env.app.inject({ method: 'POST', url: `/api/v1/members/${m.id}/photo`, ...form(PNG) });
    expect(res.statusCode, res.body).toBe(200);
    const got = await env.app.inject({
      method: 'GET',
      url: `/api/v1/members/${m.id}/photo`,
      headers: town.headers,
    });
    expect(got.headers['content-type']).toBe('image/png');
    expect(got.rawPayload.equals(PNG)).toBe(true);
    const [row] = await query<{ photo: string }>(env, 'select photo from members where id = $1', [m.id]);
    expect(row.photo).toMatch(/^member-photos\/\d{4}-\d{2}\/[0-9a-f]+\.png$/);
    const detail = (
      await env.app.inject({ method: 'GET', url: `/api/v1/members/${m.id}`, headers: town.headers })
    ).json();
    expect(detail.hasPhoto).toBe(true);
  });

  it('refuses what is not a JPG or PNG, whatever its name, and anything over 2 MB', async () => {
    const m = await makeMember(env, town1);
    const text = await env.app.inject({
      method: 'POST',
      url: `/api/v1/members/${m.id}/photo`,
      ...form(Buffer.from('not an image'), 'x.png'),
    });
    expect(text.statusCode).toBe(400);
    expect(text.json().error.message).toContain('JPG 或 PNG');
    const big = Buffer.concat([PNG, Buffer.alloc(2 * 1024 * 1024)]);
    const tooBig = await env.app.inject({
      method: 'POST',
      url: `/api/v1/members/${m.id}/photo`,
      ...form(big),
    });
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json().error.message).toContain('2 MB');
    expect(
      (await query<{ photo: string | null }>(env, 'select photo from members where id = $1', [m.id]))[0]
        .photo,
    ).toBeNull();
  });

  it('a demo record without a real file shows a drawn placeholder with the surname', async () => {
    const m = await makeMember(env, town1, { name: '欧阳锋' });
    await query(env, "update members set photo = 'demo' where id = $1", [m.id]);
    const got = await env.app.inject({
      method: 'GET',
      url: `/api/v1/members/${m.id}/photo`,
      headers: town.headers,
    });
    expect(got.headers['content-type']).toContain('image/svg+xml');
    expect(got.body).toContain('>欧<');
  });
});
