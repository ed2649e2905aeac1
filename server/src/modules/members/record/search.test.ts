import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeMember, makeOrg } from '../../../../test/fixtures.ts';
import { login, orgId, query, type Session, type TestEnv, testEnv } from '../../../../test/harness.ts';
import { makeIdCard } from './id-card.ts';
import { fillSearchKeys } from './search-keys.ts';

let env: TestEnv;
let town: Session;
let secretary: Session;
let town1: number;
let town2: number;
let branch: number;

beforeAll(async () => {
  env = await testEnv();
  town = await login(env, 'town_admin');
  secretary = await login(env, 'secretary');
  town1 = await orgId(env, '中共青山区清河镇委员会');
  town2 = await orgId(env, '中共青山区石桥镇委员会');
  branch = (await makeOrg(env, town1, 'branch', '检索测试党支部')).id;
});
afterAll(() => env.close());

const api = (s: Session, method: string, url: string, payload?: object) =>
  env.app.inject({ method: method as 'GET', url: `/api/v1${url}`, payload, headers: s.headers });

/** The ids a search by `q` finds in `orgId`'s subtree (default: the town). */
async function found(s: Session, q: string, extra = ''): Promise<string[]> {
  const res = await api(s, 'GET', `/members?orgId=${branch}&pageSize=100&q=${encodeURIComponent(q)}${extra}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items.map((m: { id: string }) => m.id);
}

let seq = 700;
function newMember(over: Record<string, unknown> = {}) {
  seq += 2;
  const birthDate = '1981-04-12';
  return {
    name: '周建华',
    gender: 'male',
    ethnicity: '汉族',
    idNumber: makeIdCard('330106', birthDate, seq, 'male'),
    birthDate,
    education: '大学本科',
    degree: null,
    status: 'full',
    joinedOn: '2005-06-18',
    fullOn: '2006-06-20',
    orgId: String(branch),
    phone: null,
    ...over,
  };
}

describe('finding a member the way a secretary remembers them', () => {
  it('matches any part of a name, not only its start', async () => {
    const m = await makeMember(env, branch, { name: '欧阳春花' });
    for (const q of ['欧阳', '春花', '阳春', '欧阳春花'])
      expect(await found(town, q), q).toContain(String(m.id));
    expect(await found(town, '春华')).not.toContain(String(m.id));
    // LIKE's own wildcards are taken literally
    expect(await found(town, '%')).toEqual([]);
  });

  it('matches pinyin initials, of the whole name or any part, either reading of a polyphone', async () => {
    const created = await api(town, 'POST', '/members', newMember({ name: '单乐平' }));
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    // 单 read as a surname (shan), 乐 as le or yue
    for (const q of ['slp', 'SLP', 'sl', 'lp', 'syp', 'yp']) expect(await found(town, q), q).toContain(id);
    expect(await found(town, 'dlp')).not.toContain(id);
  });

  it('matches the last four digits of a phone, kept as a blind index and not in clear', async () => {
    const created = await api(
      town,
      'POST',
      '/members',
      newMember({ name: '尾号测试', phone: '13912345678' }),
    );
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    expect(await found(town, '5678')).toContain(id);
    expect(await found(town, '1234')).not.toContain(id);
    const [row] = await query<{ phone_tail_index: string }>(
      env,
      'select phone_tail_index from members where id = $1',
      [id],
    );
    expect(row.phone_tail_index).not.toContain('5678');

    // an edit of the phone moves the key with it
    const edited = await api(town, 'PATCH', `/members/${id}`, { phone: '13912340001', version: 1 });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(await found(town, '0001')).toContain(id);
    expect(await found(town, '5678')).not.toContain(id);
    // and so does a renaming: the initials follow the name
    const renamed = await api(town, 'PATCH', `/members/${id}`, {
      name: '王五',
      version: edited.json().version,
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(await found(town, 'ww')).toContain(id);
    expect(await found(town, 'whcs')).not.toContain(id);
  });

  it('records from before the keys were kept get them from the backfill', async () => {
    const m = await makeMember(env, branch, { name: '陈立新', phone: '13511119876' });
    await query(env, 'update members set name_initials = null, phone_tail_index = null where id = $1', [
      m.id,
    ]);
    expect(await found(town, 'clx')).not.toContain(String(m.id));
    let n = 0;
    for (let got = 1; got > 0; ) {
      got = await fillSearchKeys(env.database.db, env.pii);
      n += got;
    }
    expect(n).toBeGreaterThanOrEqual(1);
    expect(await found(town, 'clx')).toContain(String(m.id));
    expect(await found(town, '9876')).toContain(String(m.id));
  });

  it('stays within the caller’s scope', async () => {
    const other = (await makeOrg(env, town2, 'branch')).id;
    const m = await makeMember(env, other, { name: '范围外党员', phone: '13700004321' });
    for (const q of ['范围外', 'fwwdy', '4321']) {
      const res = await api(town, 'GET', `/members?q=${encodeURIComponent(q)}`);
      expect(res.json().items.map((x: { id: string }) => x.id)).not.toContain(String(m.id));
    }
  });
});

describe('people who left the Party stay on file', () => {
  let left: number;
  beforeAll(async () => {
    left = (await makeMember(env, branch, { name: '离开党员' })).id;
    await query(
      env,
      `update members set party_standing = 'left', left_how = 'death', left_on = '2025-03-01',
              left_at = '2025-03-01T08:00:00+08:00' where id = $1`,
      [left],
    );
  });

  it('are counted nowhere in a plain list or search', async () => {
    expect(await found(town, '离开党员')).not.toContain(String(left));
  });

  it('are found by those with the full view when they ask to include them', async () => {
    expect(await found(town, '离开党员', '&includeLeft=true')).toContain(String(left));
    expect(await found(town, 'lkdy', '&includeLeft=true')).toContain(String(left));
  });

  it('are not found by a secretary, who has no full view', async () => {
    const res = await api(secretary, 'GET', '/members?includeLeft=true');
    expect(res.statusCode).toBe(403);
  });

  it('a transfer out is not leaving the Party: not included', async () => {
    const moved = await makeMember(env, branch, { name: '转出党员' });
    await query(env, 'update members set left_at = now() where id = $1', [moved.id]);
    expect(await found(town, '转出党员', '&includeLeft=true')).not.toContain(String(moved.id));
  });
});
