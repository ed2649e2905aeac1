import http from 'node:http';
import zlib from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { baseUrl } from './browser.ts';

/** One GET with exactly the Accept-Encoding given (fetch would add and undo its own). */
function get(path: string, acceptEncoding?: string) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>(
    (resolve, reject) => {
      const req = http.get(
        `${baseUrl()}${path}`,
        { headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
          );
          res.on('error', reject);
        },
      );
      req.on('error', reject);
    },
  );
}

describe('the production build travels compressed', () => {
  test('scripts: brotli or gzip as asked, cached for a year; the page itself is revalidated', async () => {
    const page = await get('/login', 'gzip, deflate, br, zstd');
    expect(page.status).toBe(200);
    expect(page.headers['content-encoding']).toBe('br');
    expect(page.headers['cache-control']).toBe('no-cache');
    const html = zlib.brotliDecompressSync(page.body).toString();
    const script = html.match(/<script[^>]+src="(\/assets\/[^"]+\.js)"/)?.[1];
    expect(script).toBeDefined();

    const br = await get(script!, 'gzip, deflate, br, zstd');
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.headers.vary).toMatch(/accept-encoding/i);

    const gz = await get(script!, 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers['cache-control']).toContain('immutable');

    const plain = await get(script!);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(br.body.length).toBeLessThan(plain.body.length / 2);
    expect(zlib.brotliDecompressSync(br.body).equals(plain.body)).toBe(true);
    expect(zlib.gunzipSync(gz.body).equals(plain.body)).toBe(true);
  });

  test('a client route is the app page; an unknown API route stays a JSON 404', async () => {
    const route = await get('/members/123', 'br');
    expect(route.status).toBe(200);
    expect(route.headers['content-type']).toMatch(/^text\/html/);
    const api = await get('/api/v1/no/such/route', 'br');
    expect(api.status).toBe(404);
    expect(JSON.parse(api.body.toString()).error.code).toBe('route_not_found');
  });
});
