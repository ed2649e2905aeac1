import zlib from 'node:zlib';
import { asc, isNull } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Queryable } from '../../db/client.ts';
import { TtlCache } from '../cache.ts';
import type { ModuleManifest, PortalItem, PortalSection } from '../module.ts';
import { orgs } from '../tree/index.ts';
import {
  type PortalLang,
  type PortalView,
  portalStrings,
  type RenderedSection,
  renderHome,
  renderSearch,
} from './render.ts';

/**
 * The public portal (门户) at `/`: the district's latest public items that modules contribute
 * (their manifest's `portal`), the service entrances, a search over the same items, and the door to
 * log in. Server-rendered HTML with no script, for anyone, without login; nothing members-only or
 * personal is ever on it (the sections return public items only).
 *
 * The page is kept in the process for PORTAL_CACHE_MS: the same bytes for every visitor of one
 * variant (language × 长辈版), so a crowd at the service centre costs one set of queries per half
 * minute. What is published appears within that time, which is what a notice board needs.
 */
export const PORTAL_CACHE_MS = 30_000;
/** Items per section: fewer in elder mode (适老化: fewer items per screen). */
const ITEMS = { standard: 6, elder: 4 };
const SEARCH_ITEMS = 20;
const MAX_QUERY = 50;

const ELDER_COOKIE = 'hy_elder';
const LANG_COOKIE = 'hy_lang';
const YEAR_S = 365 * 24 * 3600;

export type PortalDeps = { db: Queryable; modules: ModuleManifest[]; rateLimitPerMinute: number };

export function registerPortal(app: FastifyInstance, { db, modules, rateLimitPerMinute }: PortalDeps) {
  const sections: PortalSection[] = modules.flatMap((m) => m.portal ?? []);
  const pages = new TtlCache<string, Page>(8, PORTAL_CACHE_MS);
  const searches = new TtlCache<string, Page>(500, PORTAL_CACHE_MS);

  const roots = new TtlCache<'root', { id: number; name: string } | null>(1, PORTAL_CACHE_MS);
  const rootOrg = async () => {
    const [root] = await db
      .select({ id: orgs.id, name: orgs.name })
      .from(orgs)
      .where(isNull(orgs.parentId))
      .orderBy(asc(orgs.id))
      .limit(1);
    return root ?? null;
  };

  app.get('/', { schema: { hide: true } }, async (req, reply) => {
    const v = viewOf(req, reply);
    const key = `${v.lang}|${v.elder}`;
    let html = pages.get(key);
    if (!html) {
      const limit = v.elder ? ITEMS.elder : ITEMS.standard;
      const [root, filled] = await Promise.all([
        rootOrgCached(),
        Promise.all(
          sections.map(
            async (s): Promise<RenderedSection> => ({
              key: s.key,
              title: s.title[v.lang],
              items: await s.items(db, limit),
            }),
          ),
        ),
      ]);
      html = pageOf(renderHome({ ...v, root }, filled));
      pages.set(key, html);
    }
    return sendPage(req, reply, html);
  });

  app.get(
    '/search',
    {
      schema: { hide: true },
      // each miss is a few LIKE scans: a crawler hammering it is slowed down per address
      config: { rateLimit: { max: rateLimitPerMinute, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      const v = viewOf(req, reply);
      const raw = (req.query as Record<string, unknown>).q;
      const q = (typeof raw === 'string' ? raw : Array.isArray(raw) ? String(raw[0] ?? '') : '')
        .normalize('NFKC')
        .trim();
      const root = await rootOrgCached();
      if (q.length > MAX_QUERY || [...q].some((c) => c < ' ' || c === '\x7f')) {
        reply.code(400);
        const refused = renderSearch({ ...v, root }, q, [], portalStrings(v.lang).badQuery);
        return sendPage(req, reply, pageOf(refused), false);
      }
      const key = `${v.lang}|${v.elder}|${q}`;
      let html = searches.get(key);
      if (!html) {
        const found = q ? await searchAll(q) : [];
        html = pageOf(renderSearch({ ...v, root }, q, found));
        searches.set(key, html);
      }
      return sendPage(req, reply, html);

      async function searchAll(text: string) {
        const per = await Promise.all(
          sections
            .filter((s) => s.search)
            .map(async (s) =>
              (await s.search!(db, text, SEARCH_ITEMS)).map((i): PortalItem & { section: string } => ({
                ...i,
                section: s.title[v.lang],
              })),
            ),
        );
        return per
          .flat()
          .sort((a, b) => b.at.getTime() - a.at.getTime())
          .slice(0, SEARCH_ITEMS);
      }
    },
  );

  async function rootOrgCached() {
    const hit = roots.get('root');
    if (hit !== undefined) return hit;
    const root = await rootOrg();
    roots.set('root', root);
    return root;
  }
}

/**
 * The visitor's language and elder mode: `?lang=` and `?elder=` switch them and are remembered on
 * the device in a cookie (the member app's elder switch writes the same cookie, web/src/app/elder.ts).
 */
function viewOf(req: FastifyRequest, reply: FastifyReply): Omit<PortalView, 'root'> {
  const query = req.query as Record<string, unknown>;
  const cookies = req.cookies ?? {};
  let lang: PortalLang = cookies[LANG_COOKIE] === 'en' ? 'en' : 'zh';
  let elder = cookies[ELDER_COOKIE] === '1';
  if (query.lang === 'en' || query.lang === 'zh') {
    lang = query.lang;
    reply.setCookie(LANG_COOKIE, lang, { path: '/', maxAge: YEAR_S, sameSite: 'lax' });
  }
  if (query.elder === '1' || query.elder === '0') {
    elder = query.elder === '1';
    reply.setCookie(ELDER_COOKIE, elder ? '1' : '0', { path: '/', maxAge: YEAR_S, sameSite: 'lax' });
  }
  return { lang, elder };
}

/** A page as sent: its bytes, compressed once when it is made (the cache sends them many times). */
type Page = { raw: Buffer; br: Buffer; gz: Buffer };

function pageOf(html: string): Page {
  const raw = Buffer.from(html);
  return {
    raw,
    br: zlib.brotliCompressSync(raw, {
      params: {
        [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
        [zlib.constants.BROTLI_PARAM_QUALITY]: 9,
      },
    }),
    gz: zlib.gzipSync(raw, { level: 9 }),
  };
}

function sendPage(req: FastifyRequest, reply: FastifyReply, page: Page, cacheable = true) {
  // A switch (?lang, ?elder) answers with a cookie: for this browser only. Otherwise the same bytes
  // for every visitor sending the same cookies, for as long as the process keeps them.
  const personal = Object.keys(req.query as object).some((k) => k === 'lang' || k === 'elder');
  reply
    .type('text/html; charset=utf-8')
    .header(
      'cache-control',
      cacheable && !personal ? `public, max-age=${PORTAL_CACHE_MS / 1000}` : 'private, no-cache',
    )
    .header('vary', 'Cookie, Accept-Encoding');
  const accepts = String(req.headers['accept-encoding'] ?? '');
  if (/\bbr\b/.test(accepts)) return reply.header('content-encoding', 'br').send(page.br);
  if (/\bgzip\b/.test(accepts)) return reply.header('content-encoding', 'gzip').send(page.gz);
  return reply.send(page.raw);
}
