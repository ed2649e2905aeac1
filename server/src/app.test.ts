import { describe, expect, it } from 'vitest';
import { testEnv } from '../test/harness.ts';
import { buildApp } from './app.ts';

describe('graceful shutdown', () => {
  it('a request in flight when the server closes still gets its answer; new ones are refused', async () => {
    const env = await testEnv();
    const server = await buildApp({ config: env.config, database: env.database, pii: env.pii });
    // a slow route stands in for any long request; it says when it has begun
    let begun!: () => void;
    const started = new Promise<void>((r) => {
      begun = r;
    });
    server.app.get('/slow', async () => {
      begun();
      await new Promise((r) => setTimeout(r, 400));
      return { done: true };
    });
    await server.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = server.app.server.address() as { port: number };
    try {
      const inFlight = fetch(`http://127.0.0.1:${port}/slow`, { headers: { connection: 'close' } }).then(
        async (r) => ({
          status: r.status,
          body: await r.json(),
        }),
      );
      // close only once the request is being handled: on a busy machine 100 ms was not always enough
      // for it to arrive, and the close then refused it as a new one
      await started;
      const closing = server.app.close();
      await new Promise((r) => setTimeout(r, 50));
      await expect(
        fetch(`http://127.0.0.1:${port}/healthz`, { headers: { connection: 'close' } }),
      ).rejects.toThrow();
      expect(await inFlight).toEqual({ status: 200, body: { done: true } });
      await closing;
    } finally {
      await env.close();
    }
  });
});
