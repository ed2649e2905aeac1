import { createHash, randomBytes } from 'node:crypto';

/**
 * A relying party's side of the code flow, by hand over HTTP (fetch, redirects not followed), for
 * the tests and the benchmark: every step can be bent (a forged code, another verifier, a wrong
 * secret) to check the refusal. Cookies are kept in a jar per "browser".
 */

export class Jar {
  private readonly cookies = new Map<string, string>();
  constructor(initial?: string) {
    for (const part of (initial ?? '').split(';')) {
      const [k, ...v] = part.trim().split('=');
      if (k) this.cookies.set(k, v.join('='));
    }
  }
  take(res: Response) {
    for (const c of res.headers.getSetCookie()) {
      const [pair, ...attrs] = c.split(';');
      const i = pair.indexOf('=');
      const name = pair.slice(0, i).trim();
      const value = pair.slice(i + 1).trim();
      const expired = attrs.some(
        (a) => /expires=thu, 01 jan 1970/i.test(a.trim()) || /^max-age=0$/i.test(a.trim()),
      );
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

export const pkce = () => {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
};

export type RpClient = { clientId: string; clientSecret: string; redirectUri: string };

/** GET with the jar's cookies, no redirect followed. */
export async function browse(base: string, jar: Jar, url: string, init: RequestInit = {}) {
  const res = await fetch(new URL(url, base), {
    ...init,
    redirect: 'manual',
    headers: { ...(init.headers as Record<string, string>), cookie: jar.header() },
  });
  jar.take(res);
  return res;
}

/**
 * The browser's part: the authorization request, followed through the provider's redirects and
 * Hongyun's interaction, until the provider sends the browser back to the sub-platform (or stops).
 * Returns the last answer and, when it was the redirect back, the code.
 */
export async function authorize(
  base: string,
  jar: Jar,
  rp: Pick<RpClient, 'clientId' | 'redirectUri'>,
  opts: { challenge: string; scope?: string; state?: string; extra?: Record<string, string> },
) {
  const params = new URLSearchParams({
    client_id: rp.clientId,
    response_type: 'code',
    redirect_uri: rp.redirectUri,
    scope: opts.scope ?? 'openid profile org roles',
    state: opts.state ?? randomBytes(8).toString('hex'),
    code_challenge: opts.challenge,
    code_challenge_method: 'S256',
    ...opts.extra,
  });
  let res = await browse(base, jar, `/oidc/auth?${params}`);
  for (let hops = 0; hops < 8; hops++) {
    const location = res.headers.get('location');
    if (res.status < 300 || res.status >= 400 || !location) break;
    const to = new URL(location, base);
    if (to.origin + to.pathname === rp.redirectUri) {
      return { res, redirect: to, code: to.searchParams.get('code'), state: to.searchParams.get('state') };
    }
    if (!to.pathname.startsWith('/oidc/')) return { res, redirect: to, code: null, state: null };
    await res.body?.cancel();
    res = await browse(base, jar, to.pathname + to.search);
  }
  return { res, redirect: null, code: null, state: null };
}

/** The sub-platform's back channel: the code (or a refresh token) for tokens, with its secret. */
export async function token(base: string, rp: RpClient, form: Record<string, string>) {
  const res = await fetch(new URL('/oidc/token', base), {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`${encodeURIComponent(rp.clientId)}:${encodeURIComponent(rp.clientSecret)}`).toString('base64')}`,
    },
    body: new URLSearchParams(form),
  });
  return { status: res.status, body: (await res.json()) as Record<string, string> };
}

export const exchange = (base: string, rp: RpClient, code: string, verifier: string) =>
  token(base, rp, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: rp.redirectUri,
    code_verifier: verifier,
  });

export async function userinfo(base: string, accessToken: string) {
  const res = await fetch(new URL('/oidc/me', base), { headers: { authorization: `Bearer ${accessToken}` } });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}
