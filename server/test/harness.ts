import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { buildApp, type App } from '../src/app.ts';
import { type Config, loadConfig } from '../src/config.ts';
import { connect, type Database } from '../src/db/client.ts';
import { type Jobs, startJobs } from '../src/platform/jobs/index.ts';
import { allModules } from '../src/modules/index.ts';
import { bind, createPii, type Pii } from '../src/platform/pii/index.ts';
import { totpAt } from '../src/platform/auth/totp.ts';
import { TEMPLATE, TEST_DATA_KEY } from './constants.ts';

export type TestEnv = App & {
  database: Database;
  url: string;
  pii: Pii;
  config: Config;
  jobs: Jobs | null;
  close: () => Promise<void>;
};

/**
 * A fresh database cloned from the demo template, and the app built on it (no port: app.inject).
 * `withJobs` also starts pg-boss with its workers, for operations that hand work to a job, and
 * the modules' scheduled jobs unless `schedules` is false.
 */
export async function testEnv(
  overrides: Partial<Config> = {},
  opts: { withJobs?: boolean; schedules?: boolean } = {},
): Promise<TestEnv> {
  const adminUrl = inject('pgAdminUrl');
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name} template ${TEMPLATE}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = connect(url.toString(), 5);
  const config = { ...loadConfig({}), jobs: false, webDir: '/nonexistent', ...overrides };
  const pii = createPii(TEST_DATA_KEY);
  const modules = allModules(config);
  const jobs = opts.withJobs
    ? await startJobs(
        url.toString(),
        {
          schedules: opts.schedules === false ? [] : modules.flatMap((m) => m.jobs ?? []),
          workers: modules.flatMap((m) => m.workers ?? []),
          work: true,
        },
        { db: database.db, config, pii, now: () => new Date(), log: () => {} },
      )
    : null;
  const built = await buildApp({ config, database, pii, jobs: jobs ?? undefined, modules });
  await built.app.ready();
  return {
    ...built,
    database,
    url: url.toString(),
    pii,
    config,
    jobs,
    close: async () => {
      await built.app.close();
      await jobs?.stop();
      await database.close();
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export const DEMO_PASSWORD = 'Hongyun@2026';

export type Session = { cookie: string; csrf: string; headers: Record<string, string> };

/** The remembered-device cookie each account got at its first login in a test database. */
const remembered = new WeakMap<TestEnv, Map<string, string>>();

/**
 * Logs in through the real routes and returns the headers a browser would send afterwards. An
 * account that owes a second factor (a dept admin) passes it as a person would: at its first login
 * it enrols with the secret the answer shows and asks to be remembered; later logins send that
 * device's cookie, as a browser would, and skip the code.
 */
export async function login(env: TestEnv, username: string, password = DEMO_PASSWORD): Promise<Session> {
  const devices = remembered.get(env) ?? new Map<string, string>();
  remembered.set(env, devices);
  const device = devices.get(username.toLowerCase());
  let res = await env.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password },
    cookies: device ? { hy_device: device } : {},
  });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const step = res.json() as { step?: 'totp' | 'enrol'; ticket?: string; secret?: string };
  if (step.step) {
    const secret = step.secret ?? (await totpSecretOf(env, username));
    res = await passCode(env, step.ticket!, secret);
    if (res.statusCode !== 200)
      throw new Error(`login ${username}, code step: ${res.statusCode} ${res.body}`);
    const kept = res.cookies.find((c) => c.name === 'hy_device');
    if (kept) devices.set(username.toLowerCase(), kept.value);
  }
  const cookies = Object.fromEntries(res.cookies.map((c) => [c.name, c.value]));
  const cookie = `hy_session=${cookies.hy_session}; hy_csrf=${cookies.hy_csrf}`;
  return { cookie, csrf: cookies.hy_csrf, headers: { cookie, 'x-csrf-token': cookies.hy_csrf } };
}

/** The code step with the authenticator's current code; a code just used waits for the next. */
export async function passCode(env: TestEnv, ticket: string, secret: string, remember = true) {
  for (let tries = 0; ; tries++) {
    const res = await env.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login/code',
      payload: { ticket, code: totpAt(secret, new Date()), remember },
    });
    if (res.statusCode !== 400 || !res.body.includes('已经用过') || tries > 1) return res;
    await new Promise((r) => setTimeout(r, 30_000 - (Date.now() % 30_000) + 200));
  }
}

/** An enrolled account's secret, read as the server reads it (the harness holds the data key). */
export async function totpSecretOf(env: TestEnv, username: string): Promise<string> {
  const { rows } = await env.database.pool.query<{ user_id: string; secret_enc: string }>(
    'select t.user_id, t.secret_enc from user_totp t join users u on u.id = t.user_id where lower(u.username) = lower($1)',
    [username],
  );
  if (!rows[0]) throw new Error(`${username} has no authenticator`);
  return env.pii.decrypt(rows[0].secret_enc, bind('user_totp', 'secret', rows[0].user_id));
}

/** The demo tree's well-known orgs, looked up by name so tests read like the demo. */
export async function orgId(env: TestEnv, name: string): Promise<number> {
  const { rows } = await env.database.pool.query<{ id: number }>('select id from orgs where name = $1', [
    name,
  ]);
  if (!rows[0]) throw new Error(`no org named ${name}`);
  return rows[0].id;
}

export async function query<T extends pg.QueryResultRow>(env: TestEnv, text: string, params: unknown[] = []) {
  return (await env.database.pool.query<T>(text, params)).rows;
}
