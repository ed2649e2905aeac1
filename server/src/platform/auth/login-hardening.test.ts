import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { makeUser } from '../../../test/fixtures.ts';
import { DEMO_PASSWORD, orgId, query, type TestEnv, testEnv } from '../../../test/harness.ts';
import { newCardNumbers } from './study-card.ts';

let env: TestEnv;
let town1: number;
beforeAll(async () => {
  // a roomy per-address limit: these tests are about the account, not the address
  env = await testEnv({ loginRateLimitPerMinute: 1000, loginNameLimit: 1000 } as never);
  town1 = await orgId(env, '中共青山区清河镇委员会');
});
afterAll(() => env.close());

const attempt = (
  on: TestEnv,
  username: string,
  password: string,
  opts: { remoteAddress?: string; lang?: string } = {},
) =>
  on.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password },
    remoteAddress: opts.remoteAddress,
    headers: opts.lang ? { 'accept-language': opts.lang } : {},
  });

async function waitUntilLocked(userId: number, ms = 5000) {
  for (const end = Date.now() + ms; Date.now() < end; ) {
    const [r] = await query<{ locked: boolean }>(
      env,
      'select coalesce(locked_until > now(), false) as locked from users where id = $1',
      [userId],
    );
    if (r.locked) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('lockout under a parallel burst (issue 11, item 3)', () => {
  it('20 wrong passwords at once: only LOCK_AFTER_FAILURES reach the hash, each is audited, the account ends locked and the right password in the same burst is refused', async () => {
    const u = await makeUser(env, { orgId: town1 });
    const wrong = Array.from({ length: 20 }, (_, i) => attempt(env, u.username, `wrong-guess-${i}`));
    // the right password, sent while the wrong ones are still being checked
    const right = waitUntilLocked(u.id).then(() => attempt(env, u.username, DEMO_PASSWORD));
    const [answers, rightAnswer] = await Promise.all([Promise.all(wrong), right]);

    expect(rightAnswer.statusCode).toBe(423);
    const codes = answers.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 401)).toHaveLength(env.config.lockAfterFailures - 1);
    expect(codes.filter((c) => c === 423)).toHaveLength(20 - (env.config.lockAfterFailures - 1));

    const [row] = await query<{ locked: boolean }>(
      env,
      'select locked_until > now() as locked from users where id = $1',
      [u.id],
    );
    expect(row.locked).toBe(true);

    // every attempt is one audit entry; only LOCK_AFTER_FAILURES of them were checked against the hash
    const audit = await query<{ action: string; reason: string }>(
      env,
      "select action, after->>'reason' as reason from audit_log where target_id = $1 and action like 'auth.%'",
      [String(u.id)],
    );
    expect(audit).toHaveLength(21);
    expect(audit.filter((a) => a.reason === 'wrong_password')).toHaveLength(env.config.lockAfterFailures);
    expect(audit.filter((a) => a.reason === 'locked')).toHaveLength(21 - env.config.lockAfterFailures);
    expect(audit.filter((a) => a.action === 'auth.locked')).toHaveLength(1);
    expect(audit.some((a) => a.action === 'auth.login')).toBe(false);
  });

  it('a study card shares the lockout: a 6-digit card password cannot be guessed at hashing speed', async () => {
    const u = await makeUser(env, { orgId: town1, role: 'member' });
    const [cardNo] = await newCardNumbers(env.database.db, 1);
    await query(
      env,
      'update users set study_card_no = $1, card_password_hash = password_hash where id = $2',
      [cardNo, u.id],
    );
    const guesses = await Promise.all(
      Array.from({ length: 30 }, (_, i) => attempt(env, cardNo, String(100000 + i))),
    );
    const checked = await query<{ n: number }>(
      env,
      "select count(*)::int as n from audit_log where target_id = $1 and after->>'reason' = 'wrong_password'",
      [String(u.id)],
    );
    expect(checked[0].n).toBe(env.config.lockAfterFailures);
    expect(guesses.filter((g) => g.statusCode === 423).length).toBeGreaterThan(20);
  });
});

describe('还可尝试 N 次: the tries left before the lock, told alike whether the account exists or not', () => {
  const answers = async (username: string, n: number) => {
    const out: string[] = [];
    for (let i = 0; i < n; i++) {
      const res = await attempt(env, username, 'not-the-password');
      out.push(`${res.statusCode} ${res.json().error.message}`);
    }
    return out;
  };
  const left = (n: number) => `401 用户名或密码错误，还可尝试 ${n} 次`;
  const lockedFor = (minutes: number) => `423 密码错误次数过多，账号已锁定，请 ${minutes} 分钟后再试`;

  it('an account counts down to the lock, and the lock is said instead', async () => {
    const u = await makeUser(env, { orgId: town1 });
    expect(await answers(u.username, 6)).toEqual([
      left(4),
      left(3),
      left(2),
      left(1),
      lockedFor(15),
      lockedFor(15),
    ]);
  });

  it('an unknown name gets the very same answers, so they tell nothing about which names exist', async () => {
    expect(await answers('nobody.at.all', 6)).toEqual([
      left(4),
      left(3),
      left(2),
      left(1),
      lockedFor(15),
      lockedFor(15),
    ]);
    // each name has its own count, whatever its case
    expect(await answers('NOBODY.else', 1)).toEqual([left(4)]);
    expect(await answers('nobody.else', 1)).toEqual([left(3)]);
  });

  it('a burst on an unknown name counts one by one, as an account’s does', async () => {
    const all = await Promise.all(Array.from({ length: 8 }, () => attempt(env, 'burst.nobody', 'x')));
    const codes = all.map((r) => r.statusCode).sort();
    expect(codes.filter((c) => c === 401)).toHaveLength(env.config.lockAfterFailures - 1);
    expect(codes.filter((c) => c === 423)).toHaveLength(8 - (env.config.lockAfterFailures - 1));
  });

  it('an unknown name’s lock ends when an account’s would, and a fresh count starts', async () => {
    await answers('expiring.nobody', 5);
    // the lock as the audit log holds it, moved into the past
    await query(
      env,
      `insert into audit_log (action, actor_name, after)
       values ('auth.login_failed', 'x', jsonb_build_object('reason', 'unknown_user', 'nameKey',
         (select after->>'nameKey' from audit_log where after->>'reason' = 'unknown_user' order by id desc limit 1),
         'failures', 5, 'lockedUntil', now() - interval '1 minute'))`,
    );
    expect(await answers('expiring.nobody', 1)).toEqual([left(4)]);
  });
});

describe('per-account limit, across addresses', () => {
  it('answers 429, in the user’s language, once a login name has failed LOGIN_NAME_LIMIT times in the window, from whatever address', async () => {
    const limited = await testEnv({ loginRateLimitPerMinute: 1000, loginNameLimit: 3 } as never);
    try {
      const codes: number[] = [];
      for (let i = 0; i < 3; i++)
        codes.push(
          (await attempt(limited, 'Nobody.Here', 'x', { remoteAddress: `10.0.0.${i + 1}` })).statusCode,
        );
      const fourth = await attempt(limited, 'nobody.here', 'x', { remoteAddress: '10.0.9.9' });
      expect(codes).toEqual([401, 401, 401]);
      expect(fourth.statusCode).toBe(429);
      expect(fourth.json().error.message).toMatch(/^该账号登录失败次数过多，请 \d+ 分钟后再试$/);
      const en = await attempt(limited, 'nobody.here', 'x', { remoteAddress: '10.0.9.8', lang: 'en' });
      expect(en.json().error.message).toMatch(
        /^Too many failed logins for this account; retry in \d+ minutes?$/,
      );
      // another name from the same address is not held back
      expect((await attempt(limited, 'someone.else', 'x', { remoteAddress: '10.0.9.9' })).statusCode).toBe(
        401,
      );
      // a successful login is not a failure: the demo admin logs in as often as it likes
      for (let i = 0; i < 5; i++)
        expect((await attempt(limited, 'admin', DEMO_PASSWORD)).statusCode).toBe(200);
    } finally {
      await limited.close();
    }
  });
});

describe('the per-address limit says the wait in one language (issue 11, item 11)', () => {
  it('请 N 秒后再试 / retry in N seconds', async () => {
    const limited = await testEnv({ loginRateLimitPerMinute: 1 });
    try {
      await attempt(limited, 'x', 'y');
      const zh = await attempt(limited, 'x', 'y');
      expect(zh.statusCode).toBe(429);
      expect(zh.json().error.message).toMatch(/^登录尝试过于频繁，请 \d+ 秒后再试$/);
      const en = await attempt(limited, 'x', 'y', { lang: 'en' });
      expect(en.json().error.message).toMatch(/^Too many login attempts; retry in \d+ seconds?$/);
    } finally {
      await limited.close();
    }
  });
});

describe('behind a proxy (TRUST_PROXY)', () => {
  it('TRUST_PROXY=1 trusts one hop: a forged left-most X-Forwarded-For changes neither the audited address nor the rate-limit bucket', async () => {
    const proxied = await testEnv({
      trustProxy: loadConfig({ TRUST_PROXY: '1' }).trustProxy,
      loginRateLimitPerMinute: 3,
    });
    await proxied.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = proxied.app.server.address() as { port: number };
    try {
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) {
        const res = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            // the client wrote the first entry; the proxy (this socket's peer) appended the second
            'x-forwarded-for': `6.6.6.${i}, 203.0.113.7`,
          },
          body: JSON.stringify({ username: 'admin', password: `wrong-${i}` }),
        });
        codes.push(res.status);
      }
      expect(codes.slice(3)).toEqual([429, 429]);
      const ips = await proxied.database.pool.query<{ ip: string }>(
        "select distinct ip from audit_log where action like 'auth.%' and ip is not null",
      );
      expect(ips.rows.map((r) => r.ip)).toEqual(['203.0.113.7']);
    } finally {
      await proxied.close();
    }
  });

  it('TRUST_PROXY as a list of proxy addresses: the client is the first untrusted hop from the right', async () => {
    const proxied = await testEnv({
      trustProxy: loadConfig({ TRUST_PROXY: '127.0.0.1/8, 10.1.2.3' }).trustProxy,
    });
    try {
      const res = await proxied.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'admin', password: 'wrong' },
        remoteAddress: '127.0.0.1',
        headers: { 'x-forwarded-for': '6.6.6.6, 198.51.100.4, 10.1.2.3' },
      });
      expect(res.statusCode).toBe(401);
      const ips = await proxied.database.pool.query<{ ip: string }>(
        "select ip from audit_log where action like 'auth.%' order by id desc limit 1",
      );
      expect(ips.rows[0].ip).toBe('198.51.100.4');
    } finally {
      await proxied.close();
    }
  });
});

describe('personal data out of the audit log (issue 11, item 6)', () => {
  const lastFailure = async () =>
    (
      await query<{ actor_name: string; row: string }>(
        env,
        "select actor_name, row_to_json(a)::text as row from audit_log a where action = 'auth.login_failed' order by id desc limit 1",
      )
    )[0];

  it('an unknown phone number is kept masked, 139****5678', async () => {
    await attempt(env, '13912345678', 'whatever');
    const f = await lastFailure();
    expect(f.actor_name).toBe('139****5678');
    expect(f.row).not.toContain('13912345678');
  });

  it('a card number is kept masked', async () => {
    const [cardNo] = await newCardNumbers(env.database.db, 1);
    await attempt(env, cardNo, '123456');
    const f = await lastFailure();
    expect(f.row).not.toContain(cardNo);
    expect(f.actor_name).toBe(`${cardNo.slice(0, 3)}*****${cardNo.slice(-4)}`);
  });

  it('a password typed into the name box is not kept, not even in part', async () => {
    await attempt(env, 'Tr0ub4dor&3-Secret', 'whatever');
    const f = await lastFailure();
    expect(f.row).not.toMatch(/Tr0ub|Secret|4dor/);
    expect(f.actor_name).toMatch(/^未知账号#[0-9a-f]{8}$/);
    // the same name gives the same tag, so repeated tries on one name can still be told apart
    await attempt(env, 'Tr0ub4dor&3-Secret', 'whatever');
    expect((await lastFailure()).actor_name).toBe(f.actor_name);
  });

  it('a known account’s failure names the account, never the phone typed to reach it', async () => {
    await attempt(env, '13800000001', 'wrong');
    const f = await lastFailure();
    expect(f.actor_name).toBe('admin');
    expect(f.row).not.toContain('13800000001');
  });
});

describe('the session cookie is Secure by configuration (issue 11, item 11)', () => {
  it('COOKIE_SECURE=1 marks it Secure even when TLS ends at the proxy; otherwise it follows the protocol', async () => {
    expect(loadConfig({ COOKIE_SECURE: '1' }).cookieSecure).toBe(true);
    expect(loadConfig({}).cookieSecure).toBe(false);
    const secure = await testEnv({ cookieSecure: true } as never);
    try {
      const res = await attempt(secure, 'town_admin', DEMO_PASSWORD);
      expect(res.cookies.find((c) => c.name === 'hy_session')).toMatchObject({
        secure: true,
        httpOnly: true,
      });
      expect(res.cookies.find((c) => c.name === 'hy_csrf')).toMatchObject({ secure: true });
    } finally {
      await secure.close();
    }
    const plain = await attempt(env, 'town_admin', DEMO_PASSWORD);
    expect(plain.cookies.find((c) => c.name === 'hy_session')?.secure).toBeFalsy();
  });
});
