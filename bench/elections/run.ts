import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../server/src/config.ts';
import { applyMigrations } from '../../server/src/db/migrate.ts';
import { openDatabase } from '../../server/src/db/open.ts';
import { hashPassword } from '../../server/src/platform/auth/passwords.ts';
import { createSession } from '../../server/src/platform/auth/sessions.ts';
import { freePort, machine, startProcess, stopProcess } from '../lib.ts';

/**
 * Issue 16 (elections): `ballots5000P99Ms` — 5,000 voters of one branch each casting one ballot,
 * arriving at random over 60 s (open loop: a slow answer does not slow the arrivals), p99 of the
 * answers; `tally5000Ms` — closing (the count, the chain, the rewrite of the 5,000 ballot rows)
 * plus the verification (the chain and the count recomputed), with `chainVerified`. Durability as
 * shipped. The voters' sessions are made directly with the auth module's createSession before the
 * server starts (5,000 argon2 logins are not what is measured). Run alone:
 * `node bench/elections/run.ts` (a fresh embedded database in a temporary folder).
 */

const VOTERS = Number(process.env.ELECTIONS_VOTERS ?? 5000);
const ARRIVAL_MS = Number(process.env.ELECTIONS_ARRIVAL_SECONDS ?? 60) * 1000;

const pct = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] * 10) / 10;
};

type Sess = { cookie: string; csrf: string };

export async function elections() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hongyun-bench-elections-'));
  const results: Record<string, unknown> = { machine: machine(), voters: VOTERS };
  try {
    // ── a branch of 5,000 full members with logins and sessions, made straight in the database ──
    const t0 = Date.now();
    const config = loadConfig({ DATA_DIR: dataDir });
    const database = await openDatabase(config);
    const voters: Sess[] = [];
    let admin: Sess;
    let electionId: number;
    try {
      await applyMigrations(database.db);
      const q = (text: string, params: unknown[] = []) => database.pool.query(text, params);
      const root = (
        await q(`insert into orgs (id, parent_id, path, depth, name, code, kind)
                             values (1, null, '/1/', 0, '中共基准区委员会', 'BENCH-1', 'committee') returning id`)
      ).rows[0].id;
      await q(
        `insert into orgs (id, parent_id, path, depth, name, code, kind)
               values (2, $1, '/1/2/', 1, '基准党支部', 'BENCH-2', 'branch')`,
        [root],
      );
      await q(`select setval('orgs_id_seq', 10)`);
      const hash = await hashPassword('Hongyun@2026');
      await q(
        `insert into users (username, display_name, password_hash, org_id)
         select 'v' || i, '选民' || i, $1, 2 from generate_series(1, $2) i`,
        [hash, VOTERS],
      );
      await q(
        `insert into role_grants (user_id, role, org_id) select id, 'member', 2 from users where username like 'v%'`,
      );
      await q(
        `insert into members (org_id, name, gender, ethnicity, birth_date, id_number_enc, id_number_index, education,
                              status, joined_on, full_on, user_id)
         select 2, '选民' || u.id, 'male', '汉族', '1970-01-01', 'bench-' || u.id, 'bench-idx-' || u.id, '大学本科',
                'full', '2000-07-01', '2001-07-01', u.id
           from users u where u.username like 'v%'`,
      );
      const [{ id: adminId }] = (
        await q(
          `insert into users (username, display_name, password_hash, org_id) values ('bench_admin', '基准管理员', $1, 1) returning id`,
          [hash],
        )
      ).rows;
      await q(`insert into role_grants (user_id, role, org_id) values ($1, 'dept_admin', 1)`, [adminId]);
      const session = async (userId: number): Promise<Sess> => {
        const s = await createSession(database.db, {
          userId,
          idleMinutes: 600,
          maxHours: 24,
          ip: null,
          userAgent: 'bench',
          now: new Date(),
        });
        return { cookie: `hy_session=${s.token}; hy_csrf=${s.csrfToken}`, csrf: s.csrfToken };
      };
      admin = await session(Number(adminId));
      const ids = (await q(`select id from users where username like 'v%' order by id`)).rows;
      for (const r of ids) voters.push(await session(Number(r.id)));
      // an approved election of the branch: three candidates for two seats (20% 差额)
      electionId = Number(
        (
          await q(`insert into elections (org_id, org_path, kind, title, seats, state, approved_by, approved_at)
                   values (2, '/1/2/', 'election', '基准换届选举', 2, 'approved', '基准', now()) returning id`)
        ).rows[0].id,
      );
      for (const [i, name] of ['甲', '乙', '丙'].entries())
        await q('insert into election_candidates (election_id, position, name) values ($1, $2, $3)', [
          electionId,
          i + 1,
          name,
        ]);
    } finally {
      await database.shutdown();
    }
    results.setupSeconds = (Date.now() - t0) / 1000;

    // ── the real server on that database ────────────────────────────────────────────────────
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const server = await startProcess(
      ['server/src/main.ts'],
      { PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, SEED: '0', LOG_LEVEL: 'warn', JOBS: '0' },
      async () => (await fetch(`${base}/readyz`)).ok,
    );
    try {
      const send = async (s: Sess, method: string, url: string, body?: object) => {
        const res = await fetch(`${base}/api/v1${url}`, {
          method,
          headers: {
            cookie: s.cookie,
            'x-csrf-token': s.csrf,
            ...(body ? { 'content-type': 'application/json' } : {}),
          },
          body: body ? JSON.stringify(body) : undefined,
        });
        const text = await res.text();
        return { status: res.status, json: text ? JSON.parse(text) : null };
      };
      const opened = await send(admin!, 'POST', `/elections/${electionId!}/open`);
      if (opened.status !== 200) throw new Error(`open: ${opened.status} ${JSON.stringify(opened.json)}`);
      const cands: string[] = opened.json.candidates.map((c: { id: string }) => c.id);

      // a warm-up of the server (its code compiled, its pool open) on the voters' own read, as a
      // server that has been up a while is: 500 badge reads, nothing cast
      await Promise.all(voters.slice(0, 500).map((v) => send(v, 'GET', '/my/elections/open-count')));

      // ── 5,000 casts arriving at random over 60 s ──────────────────────────────────────────
      const lat: number[] = [];
      let errors = 0;
      const started = Date.now();
      await Promise.all(
        voters.map(async (v, i) => {
          await new Promise((r) => setTimeout(r, Math.random() * ARRIVAL_MS));
          const marks = { [cands[i % 3]]: 'yes', [cands[(i + 1) % 3]]: i % 2 ? 'yes' : 'no' };
          const t = performance.now();
          const res = await send(v, 'POST', `/elections/${electionId}/ballots`, { marks });
          lat.push(performance.now() - t);
          if (res.status !== 200) errors++;
        }),
      );
      results.castSeconds = (Date.now() - started) / 1000;
      results.ballots5000P50Ms = pct(lat, 0.5);
      results.ballots5000P99Ms = pct(lat, 0.99);
      results.castErrors = errors;

      // ── the count and its verification ────────────────────────────────────────────────────
      const tc = performance.now();
      const closed = await send(admin!, 'POST', `/elections/${electionId}/close`);
      const closeMs = performance.now() - tc;
      const tv = performance.now();
      const verified = await send(admin!, 'GET', `/elections/${electionId}/verify`);
      const verifyMs = performance.now() - tv;
      if (closed.status !== 200 || verified.status !== 200)
        throw new Error(`close ${closed.status}, verify ${verified.status}`);
      results.closeMs = Math.round(closeMs);
      results.verifyMs = Math.round(verifyMs);
      results.tally5000Ms = Math.round(closeMs + verifyMs);
      results.chainVerified = verified.json.chainVerified && verified.json.tallyVerified;
      results.ballotsCounted = verified.json.ballots;
    } finally {
      await stopProcess(server);
    }
  } finally {
    if (!process.env.ELECTIONS_KEEP) fs.rmSync(dataDir, { recursive: true, force: true });
  }
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await elections(), null, 2));
