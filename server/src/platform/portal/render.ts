import { shanghaiToday } from '../time.ts';
import type { PortalItem } from '../module.ts';

/**
 * The public portal's HTML: server-rendered, no script, one small stylesheet inline (the page is one
 * request on a cheap phone). Sized in rem, so the phone's own font setting and 200 % zoom work; the
 * elder mode (长辈版) is the same page one size up, with fewer items (PRODUCT.md, 适老化).
 */

export type PortalLang = 'zh' | 'en';

export type PortalView = {
  lang: PortalLang;
  elder: boolean;
  /** The top of the tree (the district), whose page and message form the entrances open. */
  root: { id: number; name: string } | null;
};

export type RenderedSection = { key: string; title: string; items: PortalItem[] };

const STRINGS = {
  zh: {
    htmlLang: 'zh-CN',
    title: '红云智慧党建平台',
    tagline: '党务公开 · 组织风采 · 党员服务',
    login: '党员登录',
    services: '服务入口',
    orgPage: '组织风采',
    message: '我要留言',
    elderOn: '长辈版',
    elderOff: '标准版',
    otherLang: 'English',
    otherLangCode: 'en',
    search: '搜索',
    searchLabel: '搜索公开内容',
    searchHint: '例如：主题党日、党费',
    none: '暂无内容',
    results: (q: string, n: number) => `“${q}”的搜索结果：${n} 条`,
    noResults: '没有找到相关的公开内容，请换个词试试。',
    back: '返回首页',
    footer: '本页只登载各级党组织公开发布的内容，不含任何个人信息。',
    badQuery: '搜索词不能超过 50 个字，也不能含有控制字符',
    main: '主要内容',
  },
  en: {
    htmlLang: 'en',
    title: 'Hongyun Party-building Platform',
    tagline: 'Party affairs openness · Organizations · Member services',
    login: 'Member login',
    services: 'Services',
    orgPage: 'Organizations',
    message: 'Leave a message',
    elderOn: 'Elder mode',
    elderOff: 'Standard mode',
    otherLang: '中文',
    otherLangCode: 'zh',
    search: 'Search',
    searchLabel: 'Search public items',
    searchHint: 'e.g. Party day, dues',
    none: 'Nothing yet',
    results: (q: string, n: number) => `${n} results for “${q}”`,
    noResults: 'No public item matches; try other words.',
    back: 'Back to the portal',
    footer: 'This page shows only what Party organizations have published to the public; no personal data.',
    badQuery: 'The search words must be at most 50 characters, without control characters',
    main: 'Main content',
  },
} as const;

export const portalStrings = (lang: PortalLang) => STRINGS[lang];

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
export const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** Long enough to tell items apart on a phone; the item's page has the rest. */
const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n)}…` : s);

// Contrast: every text colour here is ≥ 4.5:1 on its background (#595959 on #fff is 7:1,
// #fff on #c8161d 5.9:1, #a11218 on #fff 8.3:1).
const CSS = `
*{box-sizing:border-box}
html{font-size:100%;-webkit-text-size-adjust:100%}
body{margin:0;font-family:-apple-system,BlinkMacSystemFont,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;color:#1f1f1f;background:#f5f5f5;font-size:1.0625rem;line-height:1.6}
html.hy-elder{font-size:125%}
html.hy-elder body{line-height:1.7}
a{color:#a11218}
a:focus-visible,button:focus-visible,input:focus-visible{outline:3px solid #ffb300;outline-offset:2px}
.top{background:#c8161d;color:#fff;padding:.75rem 1rem 1.25rem}
.top-in,.main,.foot{max-width:60rem;margin:0 auto}
.bar{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:.5rem}
.brand{margin:0;font-size:1.5rem;line-height:1.3;color:#fff}
.tag{margin:.25rem 0 0;font-size:1rem}
.bar nav{display:flex;flex-wrap:wrap;gap:.5rem}
.pill{display:inline-flex;align-items:center;justify-content:center;min-height:2.75rem;min-width:2.75rem;padding:0 1rem;border:1px solid #fff;border-radius:1.5rem;color:#fff;text-decoration:none;font-size:1rem}
.pill-solid{background:#fff;color:#a11218;font-weight:600}
.main{padding:1rem}
.skip{position:absolute;left:-999rem}
.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem;z-index:1}
form.search{display:flex;flex-wrap:wrap;gap:.5rem;margin:0 0 1rem}
form.search label{flex-basis:100%;font-weight:600}
form.search input{flex:1 1 12rem;min-width:0;min-height:3rem;padding:0 .875rem;border:1px solid #8c8c8c;border-radius:.625rem;font:inherit}
form.search button,.tile{display:inline-flex;align-items:center;justify-content:center;min-height:3rem;min-width:3rem;padding:0 1.25rem;border:0;border-radius:.625rem;background:#c8161d;color:#fff;font:inherit;font-weight:600;text-decoration:none;cursor:pointer}
h2{margin:1.25rem 0 .5rem;font-size:1.25rem;line-height:1.4}
.tiles{display:grid;grid-template-columns:repeat(auto-fill,minmax(9rem,1fr));gap:.75rem;margin:0;padding:0;list-style:none}
.tile{width:100%;min-height:4.5rem;background:#fff;color:#1f1f1f;border:1px solid #d0d0d0;font-size:1.125rem}
.tile-main{background:#c8161d;color:#fff;border-color:#c8161d}
.cols{display:grid;grid-template-columns:repeat(auto-fit,minmax(18rem,1fr));gap:0 1.5rem}
.list{margin:0;padding:0;list-style:none;background:#fff;border-radius:.75rem}
.list li+li{border-top:1px solid #eee}
.list a{display:flex;flex-direction:column;gap:.125rem;min-height:3rem;padding:.75rem 1rem;color:#1f1f1f;text-decoration:none}
.list a:hover .t{color:#a11218;text-decoration:underline}
.t{font-size:1.0625rem;font-weight:600;line-height:1.45;overflow-wrap:anywhere}
.meta,.ex{color:#595959;font-size:.9375rem}
.none{margin:0;padding:1rem;background:#fff;border-radius:.75rem;color:#595959}
.err{padding:.75rem 1rem;border-left:4px solid #b3261e;background:#fdecea;color:#b3261e}
.foot{padding:1rem;color:#595959;font-size:.9375rem}
html.hy-elder .tiles{grid-template-columns:1fr}
html.hy-elder .ex{display:none}
html.hy-elder .meta,html.hy-elder .foot,html.hy-elder .tag{font-size:1rem}
html.hy-elder .brand a,html.hy-elder .pill{display:inline-flex;align-items:center;min-height:3rem;min-width:3rem}
`
  .replace(/\n/g, '')
  .trim();

function head(v: PortalView, title: string): string {
  const s = STRINGS[v.lang];
  return `<!doctype html>
<html lang="${s.htmlLang}"${v.elder ? ' class="hy-elder"' : ''}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="theme-color" content="#c8161d">
<title>${esc(title)}</title>
<link rel="manifest" href="/manifest.webmanifest">
<link rel="icon" href="/icons/icon.svg" type="image/svg+xml">
<link rel="apple-touch-icon" href="/icons/icon-192.png">
<style>${CSS}</style>
</head>`;
}

/** The header: the platform's name, the district, the door to log in, the other language. */
function top(v: PortalView, here: string): string {
  const s = STRINGS[v.lang];
  return `<a class="skip" href="#main">${esc(s.main)}</a>
<header class="top"><div class="top-in"><div class="bar">
<div><p class="brand"><a href="/" style="color:inherit;text-decoration:none">${esc(s.title)}</a></p>
<p class="tag">${esc(v.root ? `${v.root.name} · ${s.tagline}` : s.tagline)}</p></div>
<nav aria-label="${esc(s.services)}">
<a class="pill" href="${esc(withQuery(here, 'lang', s.otherLangCode))}" lang="${s.otherLangCode === 'en' ? 'en' : 'zh-CN'}">${esc(s.otherLang)}</a>
<a class="pill pill-solid" href="/login">${esc(s.login)}</a>
</nav></div></div></header>`;
}

function withQuery(here: string, key: string, value: string): string {
  const u = new URL(here, 'http://x');
  u.searchParams.set(key, value);
  return u.pathname + u.search;
}

function searchForm(v: PortalView, q = ''): string {
  const s = STRINGS[v.lang];
  return `<form class="search" role="search" action="/search" method="get">
<label for="q">${esc(s.searchLabel)}</label>
<input id="q" name="q" type="search" maxlength="50" value="${esc(q)}" placeholder="${esc(s.searchHint)}">
<button type="submit">${esc(s.search)}</button>
</form>`;
}

function itemList(v: PortalView, items: PortalItem[], headingId: string): string {
  const s = STRINGS[v.lang];
  if (items.length === 0) return `<p class="none">${esc(s.none)}</p>`;
  const li = items
    .map(
      (i) => `<li><a href="${esc(i.href)}"><span class="t">${esc(cut(i.title, 60))}</span>
<span class="meta">${esc(i.source)} · <time datetime="${i.at.toISOString()}">${shanghaiToday(i.at)}</time></span>${
        i.excerpt ? `<span class="ex">${esc(cut(i.excerpt, 50))}</span>` : ''
      }</a></li>`,
    )
    .join('');
  return `<ul class="list" aria-labelledby="${headingId}">${li}</ul>`;
}

function foot(v: PortalView): string {
  return `<footer class="foot">${esc(STRINGS[v.lang].footer)}</footer>`;
}

/** The portal's home: search, the service entrances, then each module's latest public items. */
export function renderHome(v: PortalView, sections: RenderedSection[]): string {
  const s = STRINGS[v.lang];
  const entrances = [
    `<li><a class="tile tile-main" href="/login">${esc(s.login)}</a></li>`,
    v.root ? `<li><a class="tile" href="/p/orgs/${v.root.id}">${esc(s.orgPage)}</a></li>` : '',
    v.root ? `<li><a class="tile" href="/p/orgs/${v.root.id}/message">${esc(s.message)}</a></li>` : '',
    `<li><a class="tile" href="/?elder=${v.elder ? 0 : 1}" data-testid="portal-elder">${esc(v.elder ? s.elderOff : s.elderOn)}</a></li>`,
  ].join('');
  const body = sections
    .map(
      (sec) =>
        `<section><h2 id="s-${esc(sec.key)}">${esc(sec.title)}</h2>${itemList(v, sec.items, `s-${esc(sec.key)}`)}</section>`,
    )
    .join('');
  return `${head(v, s.title)}
<body>
${top(v, '/')}
<main id="main" class="main">
${searchForm(v)}
<section><h2 id="s-services">${esc(s.services)}</h2><ul class="tiles" aria-labelledby="s-services">${entrances}</ul></section>
<div class="cols">${body}</div>
</main>
${foot(v)}
</body>
</html>`;
}

/** Search results over the same public items, newest first; `error` when the words were refused. */
export function renderSearch(
  v: PortalView,
  q: string,
  found: (PortalItem & { section: string })[],
  error?: string,
): string {
  const s = STRINGS[v.lang];
  const here = `/search?q=${encodeURIComponent(q)}`;
  const results = error
    ? `<p class="err" role="alert">${esc(error)}</p>`
    : q
      ? `<h2 id="s-results">${esc(s.results(q, found.length))}</h2>${
          found.length === 0
            ? `<p class="none">${esc(s.noResults)}</p>`
            : itemList(
                v,
                found.map((f) => ({ ...f, source: `${f.section} · ${f.source}` })),
                's-results',
              )
        }`
      : '';
  return `${head(v, q ? `${q} · ${s.search} · ${s.title}` : `${s.search} · ${s.title}`)}
<body>
${top(v, here)}
<main id="main" class="main">
${searchForm(v, error ? '' : q)}
${results}
<p><a class="tile" href="/" style="width:auto">${esc(s.back)}</a></p>
</main>
${foot(v)}
</body>
</html>`;
}
