import { clean, load } from '../lib.ts';

/**
 * `portalP95Ms` (issue 17: < 50): GET / — the public portal, server-rendered, no login — under
 * load, and in the same run the app's own /healthz, so `portalRatioToHealthz` (portal ÷ /healthz,
 * requests per second) says how much of the server's ceiling the portal leaves. The portal is
 * kept in the process for 30 s (platform/portal), so this is mostly the cost of sending its
 * compressed bytes; the run starts with one request that fills the cache, as the first visitor
 * of each half minute does. autocannon reports p97.5, at or above the p95 the target names.
 *
 * `base` is a running server with the demo seed. The portal's search (/search) is limited per
 * address; / is not, so one load address is fine without raising PUBLIC_RATE_LIMIT_PER_MINUTE.
 */
export async function portal(base: string) {
  const first = await fetch(`${base}/`, { headers: { 'accept-encoding': 'br' } });
  if (!first.ok) throw new Error(`GET /: ${first.status}`);
  const html = await first.text();
  if (!html.includes('组织公告')) throw new Error('GET / did not answer the portal');
  // as a phone's browser asks: compressed (the portal is sent as brotli when accepted)
  const headers = { 'accept-encoding': 'gzip, deflate, br' };
  const page = await load({ url: `${base}/`, headers, duration: 10, connections: 10 });
  const healthz = await load({ url: `${base}/healthz`, headers, duration: 10, connections: 10 });
  if (!clean(page) || !clean(healthz))
    throw new Error(
      `a run had errors or non-2xx answers: portal ${JSON.stringify(page)}, healthz ${JSON.stringify(healthz)}`,
    );
  const brotli = await fetch(`${base}/`, { headers: { 'accept-encoding': 'br' } });
  const sentBytes =
    Number(brotli.headers.get('content-length') ?? 0) || (await brotli.arrayBuffer()).byteLength;
  return {
    portalP95Ms: page.p97_5,
    portalRatioToHealthz: Math.round((page.rps / healthz.rps) * 1000) / 1000,
    portalHtmlKB: Math.round(Buffer.byteLength(html) / 100) / 10,
    portalBrotliBytes: sentBytes,
    portal: page,
    healthz,
  };
}
