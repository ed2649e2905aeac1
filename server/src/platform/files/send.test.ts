import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileStore } from './index.ts';
import { rangeAsked, sendFile } from './send.ts';

describe('what a Range header asks (RFC 9110 §14)', () => {
  it('one range: first and last byte, open-ended, or the last n bytes', () => {
    expect(rangeAsked('bytes=0-99', 1000)).toEqual({ kind: 'part', start: 0, end: 99 });
    expect(rangeAsked('bytes=500-', 1000)).toEqual({ kind: 'part', start: 500, end: 999 });
    expect(rangeAsked('bytes=-100', 1000)).toEqual({ kind: 'part', start: 900, end: 999 });
    expect(rangeAsked('bytes=-5000', 1000)).toEqual({ kind: 'part', start: 0, end: 999 });
    // past the end: cut at the end
    expect(rangeAsked('bytes=900-5000', 1000)).toEqual({ kind: 'part', start: 900, end: 999 });
  });

  it('nothing the file holds: 416', () => {
    expect(rangeAsked('bytes=1000-', 1000)).toEqual({ kind: 'none' });
    expect(rangeAsked('bytes=2000-3000', 1000)).toEqual({ kind: 'none' });
    expect(rangeAsked('bytes=-0', 1000)).toEqual({ kind: 'none' });
  });

  it('what it does not read (another unit, several ranges, nonsense) gets the whole file', () => {
    for (const h of [undefined, '', 'items=0-5', 'bytes=0-5,10-20', 'bytes=9-3', 'bytes=-', 'bytes=a-b'])
      expect(rangeAsked(h, 1000), String(h)).toEqual({ kind: 'whole' });
  });
});

describe('sendFile: a stored file with range requests, real bytes', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hongyun-send-'));
  const store = fileStore({ dataDir });
  const bytes = randomBytes(300_000);
  const key = 'course-video/2026-12/0123456789abcdef0123456789abcdef.mp4';
  const app = Fastify();
  app.get('/media', (req, reply) =>
    sendFile(req, reply, { store, key, contentType: 'video/mp4', name: '党课.mp4', disposition: 'inline' }),
  );
  beforeAll(async () => {
    await store.put(key, bytes);
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('the whole file: 200, its length, and that ranges are accepted', async () => {
    const res = await app.inject({ method: 'GET', url: '/media' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['accept-ranges']).toBe('bytes');
    expect(res.headers['content-length']).toBe(String(bytes.length));
    expect(res.headers['content-type']).toBe('video/mp4');
    expect(res.headers['content-disposition']).toMatch(/^inline; filename="__\.mp4"; filename\*=UTF-8''/);
    expect(res.rawPayload.equals(bytes)).toBe(true);
  });

  it('a seek: 206 with Content-Range and exactly the bytes asked for', async () => {
    const res = await app.inject({ method: 'GET', url: '/media', headers: { range: 'bytes=123456-130000' } });
    expect(res.statusCode).toBe(206);
    expect(res.headers['content-range']).toBe(`bytes 123456-130000/${bytes.length}`);
    expect(res.headers['content-length']).toBe('6545');
    expect(res.rawPayload.equals(bytes.subarray(123456, 130001))).toBe(true);
  });

  it("a phone's first request (bytes=0-) and the last bytes (where an MP4's index may be)", async () => {
    const first = await app.inject({ method: 'GET', url: '/media', headers: { range: 'bytes=0-' } });
    expect(first.statusCode).toBe(206);
    expect(first.headers['content-range']).toBe(`bytes 0-${bytes.length - 1}/${bytes.length}`);
    expect(first.rawPayload.equals(bytes)).toBe(true);
    const tail = await app.inject({ method: 'GET', url: '/media', headers: { range: 'bytes=-1000' } });
    expect(tail.statusCode).toBe(206);
    expect(tail.rawPayload.equals(bytes.subarray(bytes.length - 1000))).toBe(true);
  });

  it('past the end: 416 with the size, in the one error shape', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/media',
      headers: { range: `bytes=${bytes.length}-` },
    });
    expect(res.statusCode).toBe(416);
    expect(res.headers['content-range']).toBe(`bytes */${bytes.length}`);
    expect(res.json().error.code).toBe('range_not_satisfiable');
  });

  it('If-Range with another version: the whole file; with this one: the range', async () => {
    const stale = await app.inject({
      method: 'GET',
      url: '/media',
      headers: { range: 'bytes=0-9', 'if-range': '"something-else"' },
    });
    expect(stale.statusCode).toBe(200);
    expect(stale.rawPayload.length).toBe(bytes.length);
    const etag = stale.headers.etag as string;
    const fresh = await app.inject({
      method: 'GET',
      url: '/media',
      headers: { range: 'bytes=0-9', 'if-range': etag },
    });
    expect(fresh.statusCode).toBe(206);
    expect(fresh.rawPayload.equals(bytes.subarray(0, 10))).toBe(true);
  });

  it('a missing file: 404', async () => {
    const other = Fastify();
    other.get('/gone', (req, reply) =>
      sendFile(req, reply, { store, key: 'course-video/none.mp4', contentType: 'video/mp4', name: 'x.mp4' }),
    );
    const res = await other.inject({ method: 'GET', url: '/gone' });
    expect(res.statusCode).toBe(404);
    await other.close();
  });
});
