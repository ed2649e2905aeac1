import type autocannon from 'autocannon';
import { call, clean, type Figures, freePort, load, startProcess, stopProcess } from '../lib.ts';
import { rawLoad, requestBytes } from '../raw-load.ts';

type Page<T> = { items: T[]; total: number };
type Org = { id: string; kind: string; name: string };
type Issued = { items: { memberId: string; cardNo: string; password: string }[] };
type Progress = { seconds: { online: number } };

/**
 * Rounds of each route per client, the median counting: five, since this VM's speed drifts by a
 * third within minutes (docs/SCALE.md) and three let one slow round of either route move the ratio.
 */
const ROUNDS = 5;
/** Members beating side by side, each from their own session (a card login, as a phone's). */
const MEMBERS = 120;
/** Connections of the load generator (each member's beats are far enough apart not to overlap). */
const CONNECTIONS = 32;
/** A member's beats of one virtual day (50 minutes: under the document's 60-minute daily cap). */
const BEATS_A_DAY = 200;

const p = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];

/**
 * `heartbeat.rps`, `heartbeat.p99Ms` (issue 14: < 50), `heartbeat.ratioToHealthz` (≥ 0.40, against
 * the app's own /healthz in the same run), `heartbeat.ratioToBare` (a bare Fastify route, bench/
 * hello.ts, in the same run) and `heartbeat.lost` (= 0). 120 members beat for a document open to
 * everyone, each from their own study-card session, over 32 connections; rounds of the three
 * (bare, /healthz, heartbeats) alternate so that a busy machine slows all alike, and the median
 * round counts. The load comes from bench/raw-load.ts, which hands every route's requests over as
 * ready bytes, so the client costs each route the same on the shared cores; the same rounds with
 * autocannon (which builds each varying beat anew) follow, reported under `heartbeat.autocannon`
 * to compare with the figures before. Every beat must earn its 15 seconds, as a member studying
 * does (a beat that earns nothing writes less): the server runs with TEST_CLOCK=1 and each
 * member's beats are dated 15 seconds apart by X-Test-Now (a virtual day holds 200 of them, under
 * the document's daily cap).
 * Lost: then 10 more beats of every member, each answer awaited, with every member's online
 * seconds this year read before and after: what the answers acknowledged must be exactly what was
 * added.
 *
 * `base` is a running server with the demo seed and TEST_CLOCK=1; `admin` the department admin's session.
 */
export async function heartbeats(
  base: string,
  admin: { cookie: string; csrf: string },
  connections = CONNECTIONS,
) {
  const get = <T>(url: string, cookie = admin.cookie) => call<T>(base, cookie, url);
  const post = <T>(url: string, body: object) =>
    call<T>(base, admin.cookie, url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': admin.csrf },
      body: JSON.stringify(body),
    });

  // a general branch (党总支) with enough members below it, their cards and sessions
  let org: Org | undefined;
  for (let page = 1; page <= 40 && !org; page++) {
    const list = (await get<Page<Org>>(`/api/v1/orgs?kind=general_branch&pageSize=50&page=${page}`)).items;
    if (!list.length) break;
    for (const o of list) {
      const n = (await get<Page<unknown>>(`/api/v1/members?orgId=${o.id}&pageSize=1`)).total;
      if (n >= MEMBERS * 1.2 && n <= 2000) {
        org = o;
        break;
      }
    }
  }
  if (!org) throw new Error(`no general branch with ${MEMBERS * 1.2}–2000 members`);
  const cards = (await post<Issued>('/api/v1/members/cards/issue', { orgId: org.id, onlyWithout: false }))
    .items;
  const sessions: { cookie: string; csrf: string }[] = [];
  for (const c of cards) {
    if (sessions.length >= MEMBERS) break;
    const res = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: c.cardNo, password: c.password }),
    });
    if (res.status !== 200) continue; // a card that cannot log in (a locked account): the next one
    const cookies = res.headers.getSetCookie().map((s) => s.split(';')[0]);
    const csrf = cookies.find((s) => s.startsWith('hy_csrf='))?.slice('hy_csrf='.length) ?? '';
    sessions.push({ cookie: cookies.join('; '), csrf });
  }
  if (sessions.length < MEMBERS) throw new Error(`only ${sessions.length} member sessions`);
  const doc = (
    await get<Page<{ id: string }>>('/api/v1/learning/courses?kind=document&pageSize=1', sessions[0].cookie)
  ).items[0];
  if (!doc) throw new Error('no document open to the members');

  const year = new Date().getFullYear();
  const online = async () => {
    let s = 0;
    for (const m of sessions)
      s += (await get<Progress>(`/api/v1/study/progress?year=${year}`, m.cookie)).seconds.online;
    return s;
  };

  // each member's own clock: beat k of member i on virtual day k / 200, 15 s after the previous
  const t0 = Date.parse(`${year}-01-02T00:00:00Z`);
  const seqs = new Array<number>(sessions.length).fill(0);
  const beatOf = (i: number) => {
    const k = seqs[i]++;
    const at = t0 + Math.floor(k / BEATS_A_DAY) * 86_400_000 + (k % BEATS_A_DAY) * 15_000;
    return {
      headers: {
        'content-type': 'application/json',
        cookie: sessions[i].cookie,
        'x-csrf-token': sessions[i].csrf,
        'x-test-now': new Date(at).toISOString(),
      },
      body: JSON.stringify({
        courseId: doc.id,
        deviceId: `bench-device-${i}`,
        seq: k + 1,
        start: k % BEATS_A_DAY === 0,
        visible: true,
        focused: true,
      }),
    };
  };
  const host = new URL(base).host;
  // the same beat as ready bytes for the lean client
  const beatBytes = (i: number) => {
    const b = beatOf(i);
    return requestBytes('POST', host, '/api/v1/study/heartbeats', b.headers, b.body);
  };
  let next = 0;
  let beatErrors = 0;
  const beatRequest: autocannon.Request = {
    method: 'POST',
    path: '/api/v1/study/heartbeats',
    setupRequest: (req) => ({ ...req, ...beatOf(next++ % sessions.length) }),
    onResponse: (status) => {
      if (status !== 200) beatErrors++;
    },
  };

  const helloPort = await freePort();
  const hello = await startProcess(
    ['bench/hello.ts'],
    { PORT: String(helloPort) },
    async () => (await fetch(`http://127.0.0.1:${helloPort}/hello`)).ok,
  );
  const rounds: Record<'bare' | 'healthz' | 'heartbeat', Figures[]> = {
    bare: [],
    healthz: [],
    heartbeat: [],
  };
  const autocannonRounds: Record<'bare' | 'healthz' | 'heartbeat', Figures[]> = {
    bare: [],
    healthz: [],
    heartbeat: [],
  };
  try {
    // 32 connections for all three: many phones at once (at 10 a route with round trips to the
    // database waits on them, docs/SCALE.md "/auth/me against /healthz")
    const c = connections;
    const helloGet = requestBytes('GET', `127.0.0.1:${helloPort}`, '/hello');
    const healthzGet = requestBytes('GET', host, '/healthz');
    const onStatus = (status: number) => {
      if (status !== 200) beatErrors++;
    };
    const runs = {
      bare: () =>
        rawLoad({ url: `http://127.0.0.1:${helloPort}`, duration: 5, connections: c, next: () => helloGet }),
      healthz: () => rawLoad({ url: base, duration: 5, connections: c, next: () => healthzGet }),
      heartbeat: () =>
        rawLoad({
          url: base,
          duration: 5,
          connections: c,
          next: () => beatBytes(next++ % sessions.length),
          onStatus,
        }),
    };
    const autocannonRuns = {
      bare: () => load({ url: `http://127.0.0.1:${helloPort}/hello`, duration: 5, connections: c }),
      healthz: () => load({ url: `${base}/healthz`, duration: 5, connections: c }),
      heartbeat: () => load({ url: base, requests: [beatRequest], duration: 5, connections: c }),
    };
    for (const run of Object.values(runs)) await run(); // warm-up
    // the lean client's rounds, then the same with autocannon (to compare with the figures before it)
    for (const [set, into] of [
      [runs, rounds],
      [autocannonRuns, autocannonRounds],
    ] as const)
      for (let round = 0; round < ROUNDS; round++)
        for (const name of ['bare', 'healthz', 'heartbeat'] as const) into[name].push(await set[name]());
  } finally {
    await stopProcess(hello);
  }

  // lost: every member beats on, one beat at a time, each answer awaited (a load generator drops
  // the answers still on the way when its time is up), and the rows must hold what was acknowledged
  const before = await online();
  let acknowledged = 0;
  await Promise.all(
    Array.from({ length: connections }, async (_, w) => {
      for (let round = 0; round < 10; round++)
        for (let i = w; i < sessions.length; i += connections) {
          const b = beatOf(i);
          const res = await fetch(`${base}/api/v1/study/heartbeats`, { method: 'POST', ...b });
          if (res.status !== 200) {
            beatErrors++;
            continue;
          }
          const a = (await res.json()) as { credited: number; replayed: boolean };
          if (!a.replayed) acknowledged += a.credited;
        }
    }),
  );
  const after = await online();

  const median = (fs: Figures[]) => [...fs].sort((x, y) => x.rps - y.rps)[Math.floor(fs.length / 2)];
  const bare = median(rounds.bare);
  const healthz = median(rounds.healthz);
  const beat = median(rounds.heartbeat);
  const r3 = (n: number) => Math.round(n * 1000) / 1000;
  const beats = seqs.reduce((s, n) => s + n, 0);
  const latencies = rounds.heartbeat.map((f) => f.p99).sort((a, b) => a - b);
  const ac = {
    bare: median(autocannonRounds.bare),
    healthz: median(autocannonRounds.healthz),
    heartbeat: median(autocannonRounds.heartbeat),
  };
  return {
    'heartbeat.rps': beat.rps,
    'heartbeat.p99Ms': beat.p99,
    'heartbeat.ratioToHealthz': r3(beat.rps / healthz.rps),
    'heartbeat.ratioToBare': r3(beat.rps / bare.rps),
    // acknowledged seconds missing from the rows (negative: rows credited that no answer acknowledged)
    'heartbeat.lost': acknowledged - (after - before),
    heartbeat: {
      clean:
        [...Object.values(rounds), ...Object.values(autocannonRounds)].every((fs) => fs.every(clean)) &&
        beatErrors === 0,
      client: 'bench/raw-load.ts (the same bytes-ready client for all three routes)',
      members: sessions.length,
      connections,
      org: org.name,
      beats,
      acknowledgedSeconds: acknowledged,
      addedSeconds: after - before,
      errors: beatErrors,
      worstRoundP99Ms: p(latencies, 1),
      bare,
      healthz,
      heartbeat: beat,
      // the same three with autocannon, which builds each varying request anew on the shared cores
      autocannon: {
        ratioToHealthz: r3(ac.heartbeat.rps / ac.healthz.rps),
        ratioToBare: r3(ac.heartbeat.rps / ac.bare.rps),
        ...ac,
      },
    },
  };
}
