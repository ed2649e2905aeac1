import { Writable } from 'node:stream';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { RequestLog } from './request-log.ts';

describe('the request log', () => {
  it('writes one line per request: method, path without its query, status, time', async () => {
    const lines: Record<string, unknown>[] = [];
    const stream = new Writable({
      write(chunk, _enc, done) {
        lines.push(JSON.parse(String(chunk)));
        done();
      },
    });
    const app = Fastify({ logger: { level: 'info', stream }, logController: new RequestLog() });
    app.get('/members', async () => ({ ok: true }));
    app.get('/boom', async () => {
      throw new Error('boom');
    });
    try {
      await app.inject({ url: '/members?q=110105195001011234' });
      await app.inject({ url: '/nowhere?q=13912345678' });
      await app.inject({ url: '/boom' });
      const requests = lines.filter((l) => l.reqId);
      expect(requests.filter((l) => l.msg === 'incoming request')).toEqual([]);
      expect(requests.find((l) => l.msg === 'request completed' && l.url === '/members')).toMatchObject({
        level: 30,
        method: 'GET',
        statusCode: 200,
      });
      expect(requests.find((l) => String(l.msg).startsWith('Route GET:/nowhere'))?.msg).toBe(
        'Route GET:/nowhere not found',
      );
      expect(requests.some((l) => l.url === '/boom' && l.statusCode === 500)).toBe(true);
      expect(JSON.stringify(lines)).not.toContain('?q=');
    } finally {
      await app.close();
    }
  });
});
