import { totpAt } from '../src/platform/auth/totp.ts';

// Logging in over HTTP as a person would, for the benchmarks and the end-to-end tests' setup: the
// password, and for an account that owes a second factor (a dept admin) the authenticator's code —
// at its first login it enrols with the secret the answer shows, asks to be remembered, and later
// logins from this process send that device's cookie and skip the code.

export type HttpSession = { cookie: string; csrf: string; device: string | null };

const devices = new Map<string, string>();
const secrets = new Map<string, string>();

const cookiesOf = (res: Response) =>
  Object.fromEntries(
    res.headers.getSetCookie().map((c) => {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      return [pair!.slice(0, i), pair!.slice(i + 1)];
    }),
  );

export async function httpLogin(
  base: string,
  username: string,
  password = 'Hongyun@2026',
  opts: { device?: string } = {},
): Promise<HttpSession> {
  const key = `${base}|${username.toLowerCase()}`;
  const device = opts.device ?? devices.get(key);
  const post = (path: string, body: object, cookie?: string) =>
    fetch(`${base}/api/v1${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
      body: JSON.stringify(body),
    });
  let res = await post('/auth/login', { username, password }, device ? `hy_device=${device}` : undefined);
  if (res.status !== 200) throw new Error(`login as ${username}: ${res.status} ${await res.text()}`);
  const step = (await res.clone().json()) as { step?: string; ticket?: string; secret?: string };
  let kept = device ?? null;
  if (step.step) {
    if (step.secret) secrets.set(key, step.secret);
    const secret = secrets.get(key);
    if (!secret)
      throw new Error(`login as ${username}: it owes a code, and its authenticator was set up elsewhere`);
    for (let tries = 0; ; tries++) {
      res = await post('/auth/login/code', {
        ticket: step.ticket,
        code: totpAt(secret, new Date()),
        remember: true,
      });
      if (res.status === 200 || tries > 1 || !(await res.clone().text()).includes('已经用过')) break;
      // the code this process just used: wait for the authenticator's next one
      await new Promise((r) => setTimeout(r, 30_000 - (Date.now() % 30_000) + 200));
    }
    if (res.status !== 200)
      throw new Error(`login as ${username}, code step: ${res.status} ${await res.text()}`);
    kept = cookiesOf(res).hy_device ?? null;
    if (kept) devices.set(key, kept);
  }
  const c = cookiesOf(res);
  if (!c.hy_session || !c.hy_csrf) throw new Error(`login as ${username}: no session cookie`);
  return { cookie: `hy_session=${c.hy_session}; hy_csrf=${c.hy_csrf}`, csrf: c.hy_csrf, device: kept };
}
