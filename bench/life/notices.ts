import { call } from '../lib.ts';

type Page<T> = { items: T[]; total: number };
type Org = { id: string; kind: string; name: string };

/** The size of the announcement the target names: a town of 10,000 members. */
const TARGET = 10_000;

/**
 * `noticeFanout10kSeconds` (issue 13: < 5): an announcement to a town of 10,000 members, receipts
 * created. Measured through the direct notice (POST /api/v1/notices), which runs the same
 * sendNotice every module uses: the members of the chosen orgs are read, the notice and one receipt
 * per member are written in one transaction, and the answer comes back when they are committed.
 * A city's towns hold a few thousand members each, so the notice goes to as many towns of one
 * district as make 10,000 (the figure is per 10,000 receipts whatever the orgs). The run counts
 * only if the notice reached at least 10,000 members and their receipts are there.
 *
 * `base` is a running server with the demo seed; `admin` the department admin's session.
 */
export async function noticeFanout(base: string, admin: { cookie: string; csrf: string }) {
  const get = <T>(url: string) => call<T>(base, admin.cookie, url);
  const membersIn = async (orgId: string) =>
    (await get<Page<unknown>>(`/api/v1/members?orgId=${orgId}&pageSize=1`)).total;

  // towns (or streets) of one district — the root's children at district scale, a level lower at city scale
  const root = (await get<Page<Org>>('/api/v1/orgs/1/children?pageSize=50')).items;
  const districtScale = root.some((o) => /镇|街道/.test(o.name));
  const parent = districtScale ? '1' : root.find((o) => o.kind !== 'branch')?.id;
  if (!parent) throw new Error('no district to send to');
  const towns = (await get<Page<Org>>(`/api/v1/orgs/${parent}/children?pageSize=50`)).items.filter(
    (o) => o.kind !== 'branch',
  );
  const chosen: string[] = [];
  let members = 0;
  for (const t of towns) {
    if (members >= TARGET || chosen.length === 50) break;
    chosen.push(t.id);
    members += await membersIn(t.id);
  }
  if (members < TARGET)
    throw new Error(`the towns of org ${parent} hold ${members} members, fewer than ${TARGET}`);

  const t0 = performance.now();
  const sent = await call<{ id: string; recipients: number }>(base, admin.cookie, '/api/v1/notices', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-csrf-token': admin.csrf },
    body: JSON.stringify({
      title: '关于开展“七一”主题党日活动的通知（基准测试）',
      body: '请各党支部组织党员于本周五参加主题党日活动。',
      orgIds: chosen,
      audience: 'members',
    }),
  });
  const seconds = (performance.now() - t0) / 1000;
  const receipts = (await get<Page<unknown>>(`/api/v1/notices/${sent.id}/receipts?pageSize=1`)).total;
  if (sent.recipients < TARGET || receipts !== sent.recipients)
    throw new Error(
      `notice ${sent.id}: ${sent.recipients} recipients, ${receipts} receipts (expected ≥ ${TARGET})`,
    );
  return {
    noticeFanout10kSeconds: Math.round(seconds * 1000) / 1000,
    noticeFanout: { orgs: chosen.length, membersInOrgs: members, recipients: sent.recipients, receipts },
  };
}
