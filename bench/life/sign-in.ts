import { call } from '../lib.ts';

type Page<T> = { items: T[]; total: number };
type Org = { id: string; kind: string; name: string };
type Issued = { items: { memberId: string; cardNo: string; password: string }[] };
type Planned = { id: string; attendees: { memberId: string }[] };
type Qr = { code: string; nextAt: string };

/** The crowd the target names: 200 members signing in to one activity. */
const CROWD = 200;
/** …arriving within 60 seconds (a room filling before the meeting), each at a random moment. */
const WINDOW_MS = 60_000;

const p = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];

/**
 * `signIn200P99Ms` (issue 13: < 200) and `signInErrors` (= 0): 200 members sign in to one activity
 * within 60 seconds, each from their own session (a study-card login, as a phone's would be), each
 * with the code the room's screen shows at that moment (fetched again when it changes, as the
 * screen does). Setup: a general branch (党总支) with at least 200 members in its subtree gets
 * study cards and plans a meeting starting now, so every member of it is on the list. Errors: any
 * answer but 200, and any "already signed in" (each member signs in once). The p99 is of the
 * sign-in requests' own latency, measured by the client.
 *
 * `base` is a running server with the demo seed; `admin` the department admin's session.
 */
export async function signIn200(base: string, admin: { cookie: string; csrf: string }) {
  const get = <T>(url: string) => call<T>(base, admin.cookie, url);
  const post = <T>(url: string, body: object) =>
    call<T>(base, admin.cookie, url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': admin.csrf },
      body: JSON.stringify(body),
    });

  // a general branch big enough (the first found with 200–2,000 members)
  let org: Org | undefined;
  for (let page = 1; page <= 20 && !org; page++) {
    const list = (await get<Page<Org>>(`/api/v1/orgs?kind=general_branch&pageSize=50&page=${page}`)).items;
    if (!list.length) break;
    for (const o of list) {
      const n = (await get<Page<unknown>>(`/api/v1/members?orgId=${o.id}&pageSize=1`)).total;
      if (n >= CROWD * 1.2 && n <= 2000) {
        org = o;
        break;
      }
    }
  }
  if (!org) throw new Error(`no general branch with ${CROWD * 1.2}–2000 members`);
  const cards = await post<Issued>('/api/v1/members/cards/issue', { orgId: org.id, onlyWithout: false });
  const start = new Date(Date.now() + 5 * 60_000);
  const activity = await post<Planned>('/api/v1/activities', {
    orgId: org.id,
    kind: 'general_meeting',
    topic: '基准测试：党员大会扫码签到',
    place: '党群服务中心大会议室',
    startsAt: start.toISOString(),
    endsAt: new Date(start.getTime() + 2 * 3_600_000).toISOString(),
  });
  const listed = new Set(activity.attendees.map((a) => a.memberId));
  const crowd = cards.items.filter((c) => listed.has(c.memberId)).slice(0, CROWD);
  if (crowd.length < CROWD)
    throw new Error(`only ${crowd.length} card holders on the list of activity ${activity.id}`);

  // each member's own session (card logins, one after the other: the hash is slow on purpose)
  const sessions: { cookie: string; csrf: string }[] = [];
  for (const c of crowd) {
    const res = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: c.cardNo, password: c.password }),
    });
    if (res.status !== 200) throw new Error(`card login ${c.cardNo}: ${res.status} ${await res.text()}`);
    const cookies = res.headers.getSetCookie().map((s) => s.split(';')[0]);
    const csrf = cookies.find((s) => s.startsWith('hy_csrf='))?.slice('hy_csrf='.length) ?? '';
    sessions.push({ cookie: cookies.join('; '), csrf });
  }

  // the room's screen: the current code, fetched again once its 30 seconds are up
  let qr = await get<Qr>(`/api/v1/activities/${activity.id}/qr`);
  const codeNow = async () => {
    if (Date.now() >= Date.parse(qr.nextAt)) qr = await get<Qr>(`/api/v1/activities/${activity.id}/qr`);
    return qr.code;
  };

  const latencies: number[] = [];
  let errors = 0;
  const arrivals = sessions.map(() => Math.random() * WINDOW_MS).sort((a, b) => a - b);
  const t0 = Date.now();
  await Promise.all(
    sessions.map(async (s, i) => {
      await new Promise((r) => setTimeout(r, arrivals[i]));
      const code = await codeNow();
      const sent = performance.now();
      try {
        const res = await fetch(`${base}/api/v1/activities/${activity.id}/sign-in`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie: s.cookie, 'x-csrf-token': s.csrf },
          body: JSON.stringify({ code }),
        });
        const body = (await res.json()) as { already?: boolean };
        latencies.push(performance.now() - sent);
        if (res.status !== 200 || body.already) errors++;
      } catch {
        latencies.push(performance.now() - sent);
        errors++;
      }
    }),
  );
  const seconds = (Date.now() - t0) / 1000;
  const detail = await get<{ attendance: { present: number } }>(`/api/v1/activities/${activity.id}`);
  if (detail.attendance.present !== CROWD - errors)
    throw new Error(
      `activity ${activity.id}: ${detail.attendance.present} present after ${CROWD - errors} sign-ins`,
    );
  latencies.sort((a, b) => a - b);
  return {
    signIn200P99Ms: Math.round(p(latencies, 0.99) * 10) / 10,
    signInErrors: errors,
    signIn: {
      org: org.name,
      attendees: activity.attendees.length,
      members: CROWD,
      seconds: Math.round(seconds * 10) / 10,
      p50Ms: Math.round(p(latencies, 0.5) * 10) / 10,
      maxMs: Math.round(latencies[latencies.length - 1] * 10) / 10,
    },
  };
}
