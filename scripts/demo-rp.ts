// 示例子平台「党员积分管理」: a tiny relying party that signs its users in with Hongyun (OpenID
// Connect, authorization code + PKCE) through openid-client, a maintained certified client library.
//
//   npm run demo:rp            (Hongyun running on http://localhost:3000 with the demo seed)
//
// Environment: DEMO_RP_PORT (4100), DEMO_RP_URL (http://127.0.0.1:<port>), HONGYUN_URL
// (http://localhost:3000: must be the server's PUBLIC_URL, the issuer is <HONGYUN_URL>/oidc),
// DEMO_RP_CLIENT_ID / DEMO_RP_CLIENT_SECRET (the demo seed's). Used in-process by e2e/sso.e2e.ts.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import * as oidc from 'openid-client';

export type DemoRpOptions = {
  port: number;
  /** Hongyun's public URL (its PUBLIC_URL). */
  hongyunUrl: string;
  /** This RP's own address, without a trailing slash (default http://127.0.0.1:<port>). */
  selfUrl?: string;
  clientId: string;
  clientSecret: string;
};

type Pending = { verifier: string; state: string };
type Signed = { name: string; org: string; roles: string[]; idToken: string; sub: string; userinfo: object };

const esc = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

const page = (body: string) => `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>党员积分管理（示例子平台）</title>
<style>body{font-family:system-ui,"PingFang SC",sans-serif;font-size:1.125rem;max-width:36rem;margin:3rem auto;padding:0 1rem;line-height:1.6}
a.button{display:inline-block;padding:.75rem 1.5rem;background:#c00000;color:#fff;border-radius:6px;text-decoration:none}
pre{background:#f4f4f4;padding:1rem;overflow:auto;font-size:.9rem}</style></head><body>
<h1>党员积分管理（示例子平台）</h1>${body}</body></html>`;

/** Starts the demo RP; resolves once it listens (port 0: any free port, see `url`). */
export async function startDemoRp(o: DemoRpOptions) {
  let config: oidc.Configuration | null = null;
  const pending = new Map<string, Pending>();
  const signedIn = new Map<string, Signed>();
  let selfUrl = o.selfUrl ?? '';

  const discover = async () => {
    if (!config) {
      config = await oidc.discovery(
        new URL(`${o.hongyunUrl}/oidc`),
        o.clientId,
        undefined,
        oidc.ClientSecretBasic(o.clientSecret),
        { execute: o.hongyunUrl.startsWith('http:') ? [oidc.allowInsecureRequests] : [] },
      );
    }
    return config;
  };

  const sidOf = (req: http.IncomingMessage) =>
    /(?:^|;\s*)demo_rp_sid=([\w-]+)/.exec(req.headers.cookie ?? '')?.[1];
  const send = (
    res: http.ServerResponse,
    status: number,
    html: string,
    headers: Record<string, string> = {},
  ) => {
    res.writeHead(status, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      ...headers,
    });
    res.end(html);
  };

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', selfUrl);
    try {
      if (url.pathname === '/') {
        const me = signedIn.get(sidOf(req) ?? '');
        if (!me)
          return send(
            res,
            200,
            page(
              '<p>本平台使用红云账号统一登录。</p><p><a class="button" href="/login" data-testid="rp-login">使用红云账号登录</a></p>',
            ),
          );
        return send(
          res,
          200,
          page(`<p data-testid="rp-welcome">欢迎，${esc(me.name)}</p>
<p>所在党组织：<span data-testid="rp-org">${esc(me.org)}</span></p>
<p>角色：<span data-testid="rp-roles">${esc(me.roles.join('、'))}</span></p>
<p><a class="button" href="/logout" data-testid="rp-logout">退出登录</a></p>
<details><summary>userinfo</summary><pre data-testid="rp-userinfo">${esc(JSON.stringify(me.userinfo, null, 2))}</pre></details>`),
        );
      }
      if (url.pathname === '/login') {
        const c = await discover();
        const sid = randomBytes(16).toString('base64url');
        const verifier = oidc.randomPKCECodeVerifier();
        const state = oidc.randomState();
        pending.set(sid, { verifier, state });
        const to = oidc.buildAuthorizationUrl(c, {
          redirect_uri: `${selfUrl}/callback`,
          scope: 'openid profile org roles',
          code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
          code_challenge_method: 'S256',
          state,
        });
        res.writeHead(302, {
          location: to.href,
          'set-cookie': `demo_rp_sid=${sid}; Path=/; HttpOnly; SameSite=Lax`,
        });
        return res.end();
      }
      if (url.pathname === '/callback') {
        const sid = sidOf(req) ?? '';
        const p = pending.get(sid);
        if (url.searchParams.get('error'))
          return send(
            res,
            400,
            page(
              `<p data-testid="rp-error">登录未完成：${esc(url.searchParams.get('error') ?? '')}</p><p><a href="/">返回</a></p>`,
            ),
          );
        if (!p)
          return send(
            res,
            400,
            page('<p data-testid="rp-error">登录已过期，请重新登录。</p><p><a href="/">返回</a></p>'),
          );
        pending.delete(sid);
        const c = await discover();
        const tokens = await oidc.authorizationCodeGrant(c, url, {
          pkceCodeVerifier: p.verifier,
          expectedState: p.state,
        });
        const sub = tokens.claims()?.sub as string;
        const info = await oidc.fetchUserInfo(c, tokens.access_token, sub);
        const org = info.org as { name?: string } | null | undefined;
        signedIn.set(sid, {
          sub,
          name: String(info.name ?? sub),
          org: org?.name ?? '—',
          roles: (info.roles as string[] | undefined) ?? [],
          idToken: tokens.id_token ?? '',
          userinfo: info,
        });
        res.writeHead(302, { location: '/' });
        return res.end();
      }
      if (url.pathname === '/logout') {
        const sid = sidOf(req) ?? '';
        const me = signedIn.get(sid);
        signedIn.delete(sid);
        if (!me) {
          res.writeHead(302, { location: '/' });
          return res.end();
        }
        const to = oidc.buildEndSessionUrl(await discover(), {
          id_token_hint: me.idToken,
          post_logout_redirect_uri: `${selfUrl}/`,
        });
        res.writeHead(302, { location: to.href });
        return res.end();
      }
      send(res, 404, page('<p>页面不存在</p>'));
    } catch (e) {
      send(
        res,
        502,
        page(
          `<p data-testid="rp-error">与红云通信失败：${esc((e as Error).message)}</p><p><a href="/">返回</a></p>`,
        ),
      );
    }
  });
  await new Promise<void>((resolve) => server.listen(o.port, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  if (!selfUrl) selfUrl = `http://127.0.0.1:${port}`;
  return {
    url: selfUrl,
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const port = Number(process.env.DEMO_RP_PORT || 4100);
  const rp = await startDemoRp({
    port,
    hongyunUrl: (process.env.HONGYUN_URL || 'http://localhost:3000').replace(/\/+$/, ''),
    selfUrl: process.env.DEMO_RP_URL,
    clientId: process.env.DEMO_RP_CLIENT_ID || 'demo-points',
    clientSecret: process.env.DEMO_RP_CLIENT_SECRET || 'demo-points-secret-2026',
  });
  console.log(
    `示例子平台「党员积分管理」：${rp.url}/（红云：${process.env.HONGYUN_URL || 'http://localhost:3000'}）`,
  );
}
