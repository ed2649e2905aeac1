import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestEnv, testEnv } from '../test/harness.ts';

// A stand-in for `npm run build`'s output: index.html and one hashed script, each with the .br
// and .gz copies the build writes beside it (web/vite.config.ts).
const script = `export const words = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => `党员${i}`))};\n`;
const html =
  '<!doctype html><html><head><script type="module" src="/assets/app-Ab12Cd34.js"></script></head><body><div id="root"></div></body></html>';

let env: TestEnv;
let dir: string;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hongyun-web-'));
  fs.mkdirSync(path.join(dir, 'assets'));
  const write = (rel: string, text: string) => {
    fs.writeFileSync(path.join(dir, rel), text);
    fs.writeFileSync(path.join(dir, `${rel}.br`), zlib.brotliCompressSync(text));
    fs.writeFileSync(path.join(dir, `${rel}.gz`), zlib.gzipSync(text));
  };
  write('index.html', html);
  write('assets/app-Ab12Cd34.js', script);
  env = await testEnv({ webDir: dir });
});
afterAll(async () => {
  await env.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const get = (url: string, acceptEncoding?: string) =>
  env.app.inject({
    method: 'GET',
    url,
    headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding },
  });

describe('the built web app travels compressed and is cached by what may change', () => {
  it('a hashed script: brotli when accepted, immutable for a year', async () => {
    const res = await get('/assets/app-Ab12Cd34.js', 'gzip, deflate, br, zstd');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers.vary).toMatch(/accept-encoding/i);
    expect(res.rawPayload.length).toBeLessThan(script.length / 2);
    expect(zlib.brotliDecompressSync(res.rawPayload).toString()).toBe(script);
  });

  it('gzip for a client without brotli; as it is for a client that asks for no encoding', async () => {
    const gz = await get('/assets/app-Ab12Cd34.js', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers['cache-control']).toContain('immutable');
    expect(zlib.gunzipSync(gz.rawPayload).toString()).toBe(script);
    const plain = await get('/assets/app-Ab12Cd34.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['cache-control']).toContain('immutable');
    expect(plain.body).toBe(script);
  });

  it('client routes get index.html, compressed and revalidated every time', async () => {
    // (/ is the public portal, server-rendered: platform/portal)
    for (const url of ['/login', '/m', '/members/12?tab=dues', '/orgs/3/']) {
      const res = await get(url, 'br, gzip');
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type'], url).toMatch(/^text\/html/);
      expect(res.headers['content-encoding'], url).toBe('br');
      expect(res.headers['cache-control'], url).toBe('no-cache');
      expect(zlib.brotliDecompressSync(res.rawPayload).toString(), url).toBe(html);
    }
    const plain = await get('/index.html');
    expect(plain.headers['cache-control']).toBe('no-cache');
    expect(plain.body).toBe(html);
  });

  it('a missing file is a 404, and an unknown API route stays a JSON 404', async () => {
    const missing = await get('/assets/gone-00000000.js', 'br');
    expect(missing.statusCode).toBe(404);
    const api = await get('/api/v1/no/such/route', 'br');
    expect(api.statusCode).toBe(404);
    expect(api.headers['content-type']).toMatch(/application\/json/);
    expect(api.json().error.code).toBe('route_not_found');
  });
});
