import net from 'node:net';
import type { Figures } from './lib.ts';

/**
 * A lean HTTP/1.1 load generator for comparing routes on one machine: keep-alive connections, one
 * request in flight on each, the request's bytes handed over ready made (`next`), the answer read
 * only as far as its status line and Content-Length. It exists because autocannon, on this
 * 2-core machine, shares the cores with the server it measures, and it builds a request anew (a
 * few tens of microseconds) whenever a request varies: a route whose requests differ (heartbeats,
 * each with its own sequence number and time) then pays the client's work in the server's figure,
 * while a constant request (/healthz) does not. Here every route costs the client the same: one
 * write of a buffer and one parse of an answer. Chunked answers are not read (the routes measured
 * send a length), so a chunked answer counts as an error.
 */
export async function rawLoad(opts: {
  url: string;
  duration: number;
  connections: number;
  /** the bytes of the next request on connection `c` (a whole request: line, headers and body) */
  next: (c: number) => Buffer;
  onStatus?: (status: number) => void;
}): Promise<Figures> {
  const { hostname, port } = new URL(opts.url);
  const latencies: number[] = [];
  let non2xx = 0;
  let errors = 0;
  const until = performance.now() + opts.duration * 1000;

  const connection = (c: number) =>
    new Promise<void>((resolve) => {
      const socket = net.connect({ host: hostname, port: Number(port), noDelay: true });
      let buffered: Buffer = Buffer.alloc(0);
      let sentAt = 0;
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        socket.destroy();
        resolve();
      };
      const send = () => {
        if (performance.now() >= until) return finish();
        sentAt = performance.now();
        socket.write(opts.next(c));
      };
      socket.on('connect', send);
      socket.on('error', () => {
        errors++;
        finish();
      });
      socket.on('close', finish);
      socket.on('data', (chunk: Buffer) => {
        buffered = buffered.length ? Buffer.concat([buffered, chunk]) : chunk;
        for (;;) {
          const end = buffered.indexOf('\r\n\r\n');
          if (end < 0) return;
          const head = buffered.toString('latin1', 0, end);
          const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
          if (!length) {
            errors++;
            return finish();
          }
          const total = end + 4 + Number(length[1]);
          if (buffered.length < total) return;
          const status = Number(head.slice(9, 12));
          latencies.push(performance.now() - sentAt);
          if (status < 200 || status > 299) non2xx++;
          opts.onStatus?.(status);
          buffered = buffered.subarray(total);
          send();
          if (done) return;
        }
      });
    });

  const t0 = performance.now();
  await Promise.all(Array.from({ length: opts.connections }, (_, c) => connection(c)));
  const seconds = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  const q = (p: number) => {
    if (!latencies.length) return 0;
    const v = latencies[Math.min(latencies.length - 1, Math.ceil(p * latencies.length) - 1)];
    return Math.round(v * 100) / 100;
  };
  return {
    requests: latencies.length,
    rps: Math.round(latencies.length / seconds),
    p50: q(0.5),
    p90: q(0.9),
    p97_5: q(0.975),
    p99: q(0.99),
    errors,
    non2xx,
  };
}

/** The bytes of a request; `host` as in the URL (host:port). */
export function requestBytes(
  method: string,
  host: string,
  path: string,
  headers: Record<string, string> = {},
  body = '',
): Buffer {
  let head = `${method} ${path} HTTP/1.1\r\nhost: ${host}\r\nconnection: keep-alive\r\n`;
  for (const [k, v] of Object.entries(headers)) head += `${k}: ${v}\r\n`;
  if (body || method !== 'GET') head += `content-length: ${Buffer.byteLength(body)}\r\n`;
  return Buffer.from(`${head}\r\n${body}`);
}
