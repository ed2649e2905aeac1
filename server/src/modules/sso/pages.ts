/** The few HTML pages the provider shows (Chinese first, plain, large type, no script). */

const esc = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

export function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} - 红云</title>
<style>
body{font-family:system-ui,"PingFang SC","Microsoft YaHei",sans-serif;font-size:1.125rem;line-height:1.6;color:#1f1f1f;background:#f6f6f6;margin:0}
main{max-width:32rem;margin:3rem auto;padding:2rem;background:#fff;border-top:6px solid #c00000;border-radius:8px}
h1{font-size:1.5rem;margin:0 0 1rem;color:#a00000}
.en{color:#555;font-size:1rem}
.actions{display:flex;gap:1rem;flex-wrap:wrap;margin-top:1.5rem}
button,a.button{font:inherit;min-height:3rem;min-width:8rem;padding:0 1.5rem;border-radius:6px;border:1px solid #a00000;background:#c00000;color:#fff;text-decoration:none;display:inline-flex;align-items:center;justify-content:center;cursor:pointer}
button.secondary,a.secondary{background:#fff;color:#a00000}
code{font-size:.9rem;word-break:break-all}
</style></head>
<body><main>${body}</main></body></html>`;
}

export function messagePage(o: {
  title: string;
  zh: string;
  en: string;
  detail?: string;
  home?: boolean;
}): string {
  return page(
    o.title,
    `<h1>${esc(o.title)}</h1><p>${esc(o.zh)}</p><p class="en" lang="en">${esc(o.en)}</p>${
      o.detail ? `<p class="en"><code>${esc(o.detail)}</code></p>` : ''
    }${o.home === false ? '' : '<div class="actions"><a class="button" href="/">返回红云首页</a></div>'}`,
  );
}

/** The provider's errors in words (its own codes from RFC 6749 / OpenID Connect). */
const ERRORS: Record<string, { zh: string; en: string }> = {
  invalid_redirect_uri: {
    zh: '子平台提供的回调地址（redirect_uri）没有在红云登记，登录已停止，以免把您的身份交给未知网站。请联系组织部管理员核对子平台的登记信息。',
    en: 'The redirect URI is not registered for this sub-platform; sign-in stopped.',
  },
  invalid_client: {
    zh: '该子平台没有在红云登记，或已被组织部停用。',
    en: 'This sub-platform is not registered or has been disabled.',
  },
  invalid_request: { zh: '子平台发来的登录请求不完整或不正确。', en: 'The sign-in request is malformed.' },
  access_denied: { zh: '您没有使用该子平台的权限。', en: 'You may not use this sub-platform.' },
  invalid_scope: { zh: '子平台请求了红云不提供的信息范围。', en: 'The requested scope is not available.' },
  session_not_found: {
    zh: '登录过程已过期或已完成，请回到子平台重新点击“使用红云账号登录”。',
    en: 'This sign-in has expired or finished; start again from the sub-platform.',
  },
};

export function errorPage(out: { error: string; error_description?: string }): string {
  const known = ERRORS[out.error] ?? {
    zh: '单点登录没有完成，请回到子平台重试。',
    en: 'Single sign-on did not complete; please retry from the sub-platform.',
  };
  return messagePage({
    title: '无法登录子平台',
    ...known,
    detail: `${out.error}${out.error_description ? `: ${out.error_description}` : ''}`,
  });
}

export function consentPage(o: { uid: string; clientName: string; scopes: string[] }): string {
  const what: Record<string, string> = {
    openid: '您在红云的账号标识',
    profile: '姓名',
    org: '所在党组织',
    roles: '您在红云的角色',
    offline_access: '在您离开后继续保持登录',
  };
  const items = o.scopes
    .filter((s) => what[s])
    .map((s) => `<li>${esc(what[s])}</li>`)
    .join('');
  return page(
    '授权子平台',
    `<h1>「${esc(o.clientName)}」请求使用您的红云账号登录</h1>
<p>同意后，该子平台将获得：</p><ul>${items}</ul>
<form method="post" action="/oidc/interaction/${esc(o.uid)}/confirm" class="actions">
<button type="submit">同意并登录</button>
<button type="submit" class="secondary" formaction="/oidc/interaction/${esc(o.uid)}/abort">不同意</button>
</form>`,
  );
}

export function logoutPage(form: string, clientName: string | undefined): string {
  return page(
    '退出登录',
    `<h1>退出${clientName ? `「${esc(clientName)}」` : '子平台'}的红云登录？</h1>
<p>退出后，再次进入子平台时将重新向红云确认身份。</p><p class="en" lang="en">Sign out of the sub-platform?</p>
${form}
<div class="actions"><button autofocus type="submit" form="op.logoutForm" value="yes" name="logout">退出</button>
<button type="submit" class="secondary" form="op.logoutForm">暂不退出</button></div>`,
  );
}

export function loggedOutPage(clientName: string | undefined): string {
  return messagePage({
    title: '已退出',
    zh: `您已退出${clientName ? `「${clientName}」` : '子平台'}的红云登录。`,
    en: 'You have signed out of the sub-platform.',
  });
}
